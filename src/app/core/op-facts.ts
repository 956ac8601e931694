// Short facts for the canvas: how a consumer uses an input (edge labels) and what is worth seeing on
// an op's node at a glance.
import { MountType, NetMode, SecurityMode, type InputRole, type OpNode } from "../../llb/index";
import { mountTypeName, platformString } from "./format";

/** How a consumer uses an input, in a few words, and the selector when there is one. */
export function edgeLabel(roles: readonly InputRole[]): { label: string; selector: string } {
  const parts: string[] = [];
  let selector = "";
  for (const r of roles) {
    switch (r.kind) {
      case "mount": {
        const type = r.mountType === MountType.BIND ? "" : ` (${mountTypeName(r.mountType)})`;
        parts.push(`${r.dest}${type}${r.readonly ? " ro" : ""}`);
        if (r.selector) selector = r.selector;
        break;
      }
      case "copy-source":
        parts.push(`copy ${r.src}`);
        break;
      case "file-base":
        parts.push(`base (${r.action})`);
        break;
      case "chown-lookup":
        parts.push("chown lookup");
        break;
      case "merge":
        parts.push(`merge #${r.position}`);
        break;
      case "diff":
        parts.push(r.side);
        break;
      case "builder":
        parts.push("builder");
        break;
      case "build-input":
        parts.push(`input ${r.name}`);
        break;
      case "passthrough":
        parts.push(`output ${r.output}`);
        break;
      case "result":
        parts.push("result");
        break;
    }
  }
  const unique = [...new Set(parts)];
  const label = unique.length > 2 ? `${unique.slice(0, 2).join(", ")} +${unique.length - 2}` : unique.join(", ");
  return { label, selector };
}

/** Facts worth seeing on the node itself. */
export function nodeFacts(node: OpNode, commonPlatform: string): string[] {
  const facts: string[] = [];
  const p = platformString(node.platform);
  if (p && p !== commonPlatform) facts.push(p);
  const o = node.op.op;
  if (o?.case === "exec") {
    const e = o.value;
    if ((e.network ?? NetMode.UNSET) !== NetMode.UNSET) facts.push(`net=${e.network === NetMode.HOST ? "host" : "none"}`);
    if ((e.security ?? SecurityMode.SANDBOX) !== SecurityMode.SANDBOX) facts.push("insecure");
    const mounts = e.mounts?.length ?? 0;
    if (mounts > 1) facts.push(`${mounts} mounts`);
  }
  if (o?.case === "file") {
    const n = o.value.actions?.length ?? 0;
    if (n > 1) facts.push(`${n} actions`);
  }
  if (o?.case === "merge") facts.push(`${o.value.inputs?.length ?? 0} inputs`);
  if (node.metadata.ignore_cache) facts.push("no-cache");
  if (node.digestCheck.state === "mismatch") facts.push("digest mismatch");
  return facts;
}
