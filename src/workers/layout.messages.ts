// Messages between the layout client (page) and the layout worker. Plain data only.

import type { LayoutEngineUsed, LayoutInput, LayoutOptions, LayoutPoint, LayoutRect, LayoutResult, LayoutTimings } from "../app/layout/index";

export interface LayoutRequestMessage {
  type: "llbx/layout-request";
  id: number;
  input: LayoutInput;
  options: Partial<LayoutOptions>;
}

export type LayoutWorkerMessage = LayoutRequestMessage;

export interface LayoutResultMessage {
  type: "llbx/layout-result";
  id: number;
  result: PackedLayoutResult;
}

/**
 * LayoutResult with coordinates in flat typed arrays, whose buffers are transferred instead of
 * cloned: on the 8,771-op graph the ~460k route points take ~2 s to structured-clone as objects
 * and ~0.1 s as arrays.
 */
export interface PackedLayoutResult {
  nodeIds: string[];
  /** x0, y0, x1, y1, ... in nodeIds order. */
  nodeXY: Float64Array;
  edgeIds: string[];
  /** Points of edge i are edgeXY[2 * edgeStart[i] .. 2 * edgeStart[i + 1]). */
  edgeStart: Int32Array;
  edgeXY: Float64Array;
  groups: Map<string, LayoutRect>;
  bounds: LayoutRect;
  engine: LayoutEngineUsed;
  reversedEdges: string[];
  timings: LayoutTimings;
}

export function packLayoutResult(result: LayoutResult): PackedLayoutResult {
  const nodeIds = [...result.nodes.keys()];
  const nodeXY = new Float64Array(nodeIds.length * 2);
  let i = 0;
  for (const p of result.nodes.values()) {
    nodeXY[i++] = p.x;
    nodeXY[i++] = p.y;
  }
  const edgeIds = [...result.edges.keys()];
  const edgeStart = new Int32Array(edgeIds.length + 1);
  let total = 0;
  let e = 0;
  for (const points of result.edges.values()) {
    edgeStart[e++] = total;
    total += points.length;
  }
  edgeStart[e] = total;
  const edgeXY = new Float64Array(total * 2);
  i = 0;
  for (const points of result.edges.values()) {
    for (const p of points) {
      edgeXY[i++] = p.x;
      edgeXY[i++] = p.y;
    }
  }
  return { nodeIds, nodeXY, edgeIds, edgeStart, edgeXY, groups: result.groups, bounds: result.bounds, engine: result.engine, reversedEdges: result.reversedEdges, timings: result.timings };
}

export function unpackLayoutResult(packed: PackedLayoutResult): LayoutResult {
  const nodes = new Map<string, LayoutPoint>();
  packed.nodeIds.forEach((id, i) => nodes.set(id, { x: packed.nodeXY[2 * i]!, y: packed.nodeXY[2 * i + 1]! }));
  const edges = new Map<string, LayoutPoint[]>();
  packed.edgeIds.forEach((id, i) => {
    const points: LayoutPoint[] = [];
    for (let j = packed.edgeStart[i]!; j < packed.edgeStart[i + 1]!; j++) points.push({ x: packed.edgeXY[2 * j]!, y: packed.edgeXY[2 * j + 1]! });
    edges.set(id, points);
  });
  return { nodes, edges, groups: packed.groups, bounds: packed.bounds, engine: packed.engine, reversedEdges: packed.reversedEdges, timings: packed.timings };
}

/** Buffers to list in postMessage's transfer argument. */
export function listTransferables(packed: PackedLayoutResult): ArrayBuffer[] {
  return [packed.nodeXY.buffer as ArrayBuffer, packed.edgeStart.buffer as ArrayBuffer, packed.edgeXY.buffer as ArrayBuffer];
}

export interface LayoutFailedMessage {
  type: "llbx/layout-failed";
  id: number;
  error: LayoutError;
}

export type LayoutClientMessage = LayoutResultMessage | LayoutFailedMessage;

/**
 * Why a layout request did not produce a result. Plain data (crosses the worker boundary).
 * - `failed`: the layout threw (message from the cause);
 * - `superseded`: a newer request was made before this one finished; its result was dropped;
 * - `worker-crashed`: the worker died or could not load;
 * - `disposed`: the client was disposed.
 */
export interface LayoutError {
  name: "LayoutError";
  kind: "failed" | "superseded" | "worker-crashed" | "disposed";
  message: string;
}

export function makeLayoutError(kind: LayoutError["kind"], message: string): LayoutError {
  return { name: "LayoutError", kind, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export function isLayoutError(value: unknown): value is LayoutError {
  return isRecord(value) && value.name === "LayoutError" && typeof value.kind === "string" && typeof value.message === "string";
}

export function isLayoutRequestMessage(value: unknown): value is LayoutRequestMessage {
  return isRecord(value) && value.type === "llbx/layout-request" && typeof value.id === "number" && isRecord(value.input);
}

/** Only our own replies: elkjs's bundled build may post `{ id, error }` messages of its own. */
export function isLayoutClientMessage(value: unknown): value is LayoutClientMessage {
  return isRecord(value) && (value.type === "llbx/layout-result" || value.type === "llbx/layout-failed") && typeof value.id === "number";
}
