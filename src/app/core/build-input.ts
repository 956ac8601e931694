// The Definition to send for a build of the open graph. The daemon reports progress by op digest,
// so the bytes must hash to the graph's own node digests: each node's exact bytes (as read for
// binary input, canonical for verified JSON). Only when a JSON op's printed digest did not match
// its bytes does the canonical writer renumber the graph (those ops then light up under new digests).
import { encodeDefinition, writeDefinition, type Definition, type LlbGraph, type OpMetadata } from "../../llb/index";

export function buildableDefinition(graph: LlbGraph): Uint8Array {
  if (graph.nodes.some((n) => n.digestCheck.state === "mismatch")) return writeDefinition(graph);
  const metadata: { [digest: string]: OpMetadata } = {};
  for (const n of graph.nodes) if (n.hasMetadataEntry) metadata[n.digest] = n.metadata;
  for (const [k, v] of graph.orphanMetadata) metadata[k] = v;
  const def: Definition = { def: graph.nodes.map((n) => n.bytes), metadata };
  if (graph.source) def.Source = graph.source;
  return encodeDefinition(def);
}
