// One op on the canvas, styled by kind: label, kind, short digest, step, key facts; tinted by its
// relation to the selection; a plain block when zoomed far out.
import { Handle, Position, useStore, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { opClass, type OpClass } from "../../../llb/index";
import { shortDigest } from "../../core/format";
import { displayLabel, kindName } from "../../core/labels";
import { nodeFacts } from "../../core/op-facts";
import { useExplorer } from "../../store/use-explorer";
import { useOpBuildState } from "../../build/index";
import { opStateClass } from "../../build/components/op-state";
import type { OpFlowNode } from "../graph-canvas/flow-elements";
import { nodeToneOf } from "./node-tone";

const zoomedOut = (s: { transform: [number, number, number] }) => s.transform[2] < 0.34;

function OpNodeInner({ data, sourcePosition, targetPosition }: NodeProps<OpFlowNode>) {
  const { digest } = data;
  const node = useExplorer((s) => s.doc?.graph.byDigest.get(digest));
  const common = useExplorer((s) => s.doc?.analysis.commonPlatform ?? "");
  const cls: OpClass = node ? opClass(node) : "other";
  const tone = useExplorer((s) => nodeToneOf(s, digest, cls));
  const level = useExplorer((s) => (s.parallelism ? s.doc?.analysis.parallelism.levels.get(digest) : undefined));
  const critical = useExplorer((s) => s.parallelism && (s.doc?.analysis.parallelism.criticalPath.includes(digest) ?? false));
  const far = useStore(zoomedOut);
  const match = useExplorer((s) => s.hitSet.has(digest));
  const live = useOpBuildState(digest);
  if (!node) return null;
  const label = displayLabel(node);
  const terminal = node.kind === "terminal";
  const liveClass = live ? ` ${opStateClass(live.state)}` : "";
  const className = `op-node op-${cls} tone-${tone}${critical ? " critical" : ""}${terminal ? " terminal" : ""}${far ? " far" : ""}${match ? " match" : ""}${liveClass}`;
  return (
    <div className={className} data-testid="op-node" data-digest={digest} data-tone={tone} data-build-state={live?.state ?? ""} title={node.label}>
      <Handle type="target" position={targetPosition ?? Position.Left} className="op-handle" isConnectable={false} />
      {far ? (
        <div className="op-far-label">{label.text}</div>
      ) : (
        <>
          <div className="op-head">
            <span className="op-kind">{terminal ? "⚑ result" : kindName(node)}</span>
            <span className="op-digest">{shortDigest(digest)}</span>
            {label.step && <span className="op-step">{label.step}</span>}
            {label.tag && <span className="op-step">{label.tag}</span>}
            {level !== undefined && <span className="op-level" data-testid="op-level">L{level}</span>}
          </div>
          <div className="op-label">{terminal ? "the build result" : label.text}</div>
          {live && <OpLiveLine live={live} />}
          <div className="op-facts">
            {nodeFacts(node, common).map((f) => (
              <span key={f} className="op-fact">
                {f}
              </span>
            ))}
          </div>
        </>
      )}
      <Handle type="source" position={sourcePosition ?? Position.Right} className="op-handle" isConnectable={false} />
    </div>
  );
}

function OpLiveLine({ live }: { live: NonNullable<ReturnType<typeof useOpBuildState>> }) {
  const secs = (ms: number | null | undefined) => (ms == null ? "" : `${(ms / 1000).toFixed(1)}s`);
  const text =
    live.state === "running"
      ? `running ${secs(live.elapsedMs)}${live.transferred ? ` · ${live.transferred}` : ""}${live.progress != null ? ` · ${Math.round(live.progress * 100)}%` : ""}`
      : live.state === "done"
        ? `done ${secs(live.durationMs)}${live.transferred ? ` · ${live.transferred}` : ""}`
        : live.state === "failed"
          ? `failed: ${live.error ?? ""}`
          : live.state;
  return (
    <div className="op-live" data-testid="op-live" title={live.error ?? text}>
      {text}
    </div>
  );
}

export const OpNodeView = memo(OpNodeInner);
