// COPY --link gets a random progress-group ID upstream (metadata only, never in a digest). We give
// the N-th distinct group, counted in `def` order from 1, the ID made of characters 1–25 of the
// base-36 form of the first 17 bytes of sha256("progress-group:N") with the top bit set, the same
// rule the golden data uses, so output is reproducible.
import { opDigest, sha256Hex, type Definition } from "../../llb/index";
import { digestsOfMarshalled } from "../../llb/state/state";

export function progressGroupId(n: number): string {
  const hex = sha256Hex(new TextEncoder().encode(`progress-group:${n}`));
  const bytes = hex.slice(0, 34);
  const first = (parseInt(bytes.slice(0, 2), 16) | 0x80).toString(16).padStart(2, "0");
  return BigInt("0x" + first + bytes.slice(2)).toString(36).slice(1, 26);
}

/** Replaces placeholder progress-group IDs in `def` order with stable ones. */
export function renumberProgressGroups(def: Definition): void {
  const md = def.metadata ?? {};
  if (!Object.values(md).some((m) => m.progress_group?.id)) return;
  const ids = new Map<string, string>();
  const known = digestsOfMarshalled(def);
  const ops = def.def ?? [];
  for (let i = 0; i < ops.length; i++) {
    const bytes = ops[i]!;
    // Only COPY/ADD --link ops (file and merge) carry groups: skip hashing the others.
    if (!known && !mayHaveGroup(bytes)) continue;
    const pg = md[known ? known[i]! : opDigest(bytes)]?.progress_group;
    if (!pg?.id) continue;
    let id = ids.get(pg.id);
    if (id === undefined) {
      id = progressGroupId(ids.size + 1);
      ids.set(pg.id, id);
    }
    pg.id = id;
  }
}

/**
 * Whether a canonical Op is a FileOp or MergeOp: skips the leading `inputs` (field 1) and reads the
 * tag of the op oneof (file = field 4, merge = field 6). Unknown layouts answer true.
 */
function mayHaveGroup(b: Uint8Array): boolean {
  let p = 0;
  while (p < b.length && b[p] === 0x0a) {
    p++;
    let len = 0;
    let shift = 0;
    for (;;) {
      if (p >= b.length || shift > 28) return true;
      const x = b[p++]!;
      len |= (x & 0x7f) << shift;
      if (!(x & 0x80)) break;
      shift += 7;
    }
    p += len;
  }
  if (p >= b.length) return true;
  const tag = b[p];
  return tag === 0x22 || tag === 0x32 || !(tag === 0x12 || tag === 0x1a || tag === 0x2a || tag === 0x3a);
}
