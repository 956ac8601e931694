// COPY --link gets a random progress-group ID upstream (metadata only, never in a digest). We give
// the N-th distinct group, counted in `def` order from 1, the ID made of characters 1–25 of the
// base-36 form of the first 17 bytes of sha256("progress-group:N") with the top bit set, the same
// rule the golden data uses, so output is reproducible.
import { decodeOp, opDigest, sha256Hex, type Definition } from "../../llb/index";

export function progressGroupId(n: number): string {
  const hex = sha256Hex(new TextEncoder().encode(`progress-group:${n}`));
  const bytes = hex.slice(0, 34);
  const first = (parseInt(bytes.slice(0, 2), 16) | 0x80).toString(16).padStart(2, "0");
  return BigInt("0x" + first + bytes.slice(2)).toString(36).slice(1, 26);
}

/** Replaces placeholder progress-group IDs in `def` order with stable ones. */
export function renumberProgressGroups(def: Definition): void {
  const md = def.metadata ?? {};
  const ids = new Map<string, string>();
  for (const bytes of def.def ?? []) {
    const pg = md[opDigest(bytes)]?.progress_group;
    if (!pg?.id) continue;
    let id = ids.get(pg.id);
    if (id === undefined) {
      id = progressGroupId(ids.size + 1);
      ids.set(pg.id, id);
    }
    pg.id = id;
  }
  void decodeOp;
}
