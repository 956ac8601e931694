// The Explorer's state, outside React: the open document and its analysis, the last open error,
// selection, focus scope, filters and view toggles. Components read it through selectors
// (use-explorer.ts); actions are plain functions on the store.
import { createStore, type StoreApi } from "zustand/vanilla";
import { ancestorsOf, descendantsOf, lineageOf, OP_CLASSES, searchOps, type Digest, type LlbGraph, type LlbReadError, type OpClass, type SearchHit } from "../../llb/index";
import { analyzeDocument, preferredDirection, type DocAnalysis } from "../core/view-model";
import type { Scene } from "../core/scene";

export interface ExplorerDocument {
  graph: LlbGraph;
  /** Where it came from: a file name, "pasted text", a sample title, a URL. */
  name: string;
  analysis: DocAnalysis;
}

export interface OpenError {
  /** What the user tried to open. */
  source: string;
  error: LlbReadError;
}

export interface Lineage {
  ancestors: Set<Digest>;
  descendants: Set<Digest>;
}

export type Direction = "LR" | "TB";

export interface ExplorerState {
  doc: ExplorerDocument | null;
  error: OpenError | null;
  /** What is being opened right now. */
  loading: string | null;
  selected: Digest | null;
  lineage: Lineage | null;
  /** Focus mode: only this op's ancestors and descendants are shown. */
  focus: Digest | null;
  scope: Set<Digest> | null;
  direction: Direction;
  /** The user chose the direction: opening a graph no longer picks one. */
  directionPinned: boolean;
  /** Op classes shown at full strength; the others are dimmed and left out of search results. */
  hiddenClasses: Set<OpClass>;
  query: string;
  /** Ops matching the query (kind filter applied), best first. */
  hits: SearchHit[];
  /** The same ops as a set, for the canvas. */
  hitSet: Set<Digest>;
  parallelism: boolean;
  collapsed: Set<string>;
  /** The laid-out view currently on screen (for zoom-to and export). */
  scene: Scene | null;
  /** How long the last open took to decode and to lay out, in milliseconds. */
  timings: { decodeMs?: number; layoutMs?: number; engine?: string };
  /** Bumped to ask the canvas to centre on an op. */
  zoomRequest: { id: string; nonce: number } | null;
}

export interface ExplorerActions {
  /** Opens a graph; with a viewport size, also picks the direction that shows it larger. */
  open(graph: LlbGraph, name: string, viewport?: { width: number; height: number }, analysis?: DocAnalysis): void;
  fail(source: string, error: LlbReadError): void;
  dismissError(): void;
  setLoading(what: string | null): void;
  select(digest: Digest | null, zoom?: boolean): void;
  focusOn(digest: Digest | null): void;
  setDirection(direction: Direction): void;
  toggleClass(c: OpClass): void;
  setQuery(q: string): void;
  toggleParallelism(): void;
  toggleStage(stage: string): void;
  /** Collapses every stage, or expands them all when some are collapsed. */
  toggleAllStages(): void;
  setScene(scene: Scene | null): void;
  setTimings(timings: Partial<ExplorerState["timings"]>): void;
}

export type ExplorerStore = StoreApi<ExplorerState & ExplorerActions>;

export const initialExplorerState: ExplorerState = {
  doc: null,
  error: null,
  loading: null,
  selected: null,
  lineage: null,
  focus: null,
  scope: null,
  direction: "LR",
  directionPinned: false,
  hiddenClasses: new Set(),
  query: "",
  hits: [],
  hitSet: new Set(),
  parallelism: false,
  collapsed: new Set(),
  scene: null,
  timings: {},
  zoomRequest: null,
};

function search(doc: ExplorerDocument | null, query: string, hidden: ReadonlySet<OpClass>): Pick<ExplorerState, "hits" | "hitSet"> {
  if (!doc || query.trim() === "") return { hits: [], hitSet: new Set() };
  const classes = hidden.size === 0 ? undefined : new Set(OP_CLASSES.filter((c) => !hidden.has(c)));
  const hits = searchOps(doc.graph, query, classes ? { limit: Infinity, classes } : { limit: Infinity });
  return { hits, hitSet: new Set(hits.map((h) => h.digest)) };
}

export function createExplorerStore(initial: Partial<ExplorerState> = {}): ExplorerStore {
  let nonce = 0;
  return createStore<ExplorerState & ExplorerActions>()((set, get) => ({
    ...initialExplorerState,
    ...initial,
    open(graph, name, viewport, precomputed) {
      const analysis = precomputed ?? analyzeDocument(graph);
      const pick = viewport && !get().directionPinned ? { direction: preferredDirection(analysis, viewport) } : {};
      const doc = { graph, name, analysis };
      set({
        ...pick,
        ...search(doc, get().query, get().hiddenClasses),
        doc,
        error: null,
        loading: null,
        selected: null,
        lineage: null,
        focus: null,
        scope: null,
        collapsed: new Set(),
        scene: null,
      });
    },
    fail(source, error) {
      set({ error: { source, error }, loading: null });
    },
    dismissError() {
      set({ error: null });
    },
    setLoading(loading) {
      set({ loading });
    },
    select(digest, zoom = false) {
      const doc = get().doc;
      if (!doc || digest === null || !doc.graph.byDigest.has(digest)) {
        set({ selected: null, lineage: null });
        return;
      }
      const lineage = { ancestors: ancestorsOf(doc.graph, digest), descendants: descendantsOf(doc.analysis.consumers, digest) };
      // Selecting an op hidden by focus or a collapsed stage brings it back into view.
      const { scope, collapsed } = get();
      const stage = doc.analysis.stages.stageOf.get(digest);
      const patch: Partial<ExplorerState> = { selected: digest, lineage };
      if (scope && !scope.has(digest)) Object.assign(patch, { focus: null, scope: null });
      if (stage !== undefined && collapsed.has(stage)) patch.collapsed = new Set([...collapsed].filter((s) => s !== stage));
      if (zoom) patch.zoomRequest = { id: digest, nonce: ++nonce };
      set(patch);
    },
    focusOn(digest) {
      const doc = get().doc;
      if (!doc || digest === null) {
        set({ focus: null, scope: null });
        return;
      }
      set({ focus: digest, scope: lineageOf(doc.graph, doc.analysis.consumers, digest) });
      if (get().selected !== digest) get().select(digest);
    },
    setDirection(direction) {
      set({ direction, directionPinned: true });
    },
    toggleClass(c) {
      const next = new Set(get().hiddenClasses);
      if (next.has(c)) next.delete(c);
      else next.add(c);
      set({ hiddenClasses: next, ...search(get().doc, get().query, next) });
    },
    setQuery(query) {
      set({ query, ...search(get().doc, query, get().hiddenClasses) });
    },
    toggleParallelism() {
      set({ parallelism: !get().parallelism });
    },
    toggleStage(stage) {
      const next = new Set(get().collapsed);
      if (next.has(stage)) next.delete(stage);
      else next.add(stage);
      set({ collapsed: next });
    },
    toggleAllStages() {
      const doc = get().doc;
      if (!doc) return;
      set({ collapsed: get().collapsed.size > 0 ? new Set() : new Set(doc.analysis.stages.stages.map((s) => s.id)) });
    },
    setScene(scene) {
      set({ scene });
    },
    setTimings(timings) {
      set({ timings: { ...get().timings, ...timings } });
    },
  }));
}

/** The one store of the running app. Tests create their own with createExplorerStore. */
export const explorerStore: ExplorerStore = createExplorerStore();
