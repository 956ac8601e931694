// The Workbench's state, outside React: the text and options being edited, the last compile (the
// graph with its Definition, what changed, whether it is stale), markers, the source index both
// ways, hover/selection highlights and reveal requests for the editor. Components read it through
// selectors (use-workbench.ts); the compile loop and persistence are adapters (../services).
import { createStore, type StoreApi } from "zustand/vanilla";
import { readLlb, type Digest, type LlbGraph } from "../../../llb/index";
import { makeCompileError, type CapsNote, type CompileError, type CompileOutcome } from "../core/compile";
import { changedOps, diffGraphs } from "../core/graph-diff";
import { markersOf, type EditorMarker } from "../core/markers";
import { resolveWorkbenchOptions, type WorkbenchOptions } from "../core/options";
import type { DockerfileOutline } from "../core/outline";
import { unreachableLines } from "../core/reachability";
import { buildSourceIndex, linesOfOp, opsAtLines, type LineSpan, type SourceIndex } from "../core/source-map";
import type { WorkbenchSnapshot } from "../core/snapshot";

/** What the Workbench hands to the graph view. */
export interface WorkbenchOutput {
  graph: LlbGraph;
  /** The Definition bytes the graph was read from. */
  definition: Uint8Array;
  /** Ops new since the previous graph (cleared after a moment by `clearChanged`). */
  changed: Set<Digest>;
  /** The current text does not compile: this is the last graph that did. */
  stale: boolean;
  /** Compiled for a connected daemon's LLB caps (null: a current BuildKit's). */
  capsNote: CapsNote | null;
}

export interface WorkbenchTimings {
  /** Compile time inside the worker (or the fallback). */
  compileMs?: number;
  /** Request to reply: queueing, compile and transfer. */
  roundTripMs?: number;
  /** Reading the Definition, diffing and indexing on the main thread. */
  applyMs?: number;
}

export interface WorkbenchState {
  text: string;
  options: WorkbenchOptions;
  /** Bumped on each text/options change; a compile reply for an older revision is ignored. */
  revision: number;
  /** The revision of the last compile reply applied: behind `revision` while a change is in flight. */
  appliedRevision: number;
  compiling: boolean;
  output: WorkbenchOutput | null;
  error: CompileError | null;
  markers: EditorMarker[];
  outline: DockerfileOutline | null;
  sourceIndex: SourceIndex | null;
  /** Lines of stages the target never reaches (greyed). */
  unreachable: LineSpan[];
  /** Lines hovered or selected in the editor. */
  activeLines: LineSpan | null;
  /** Ops of `activeLines`, or the op picked in the graph: what the graph highlights. */
  highlighted: Set<Digest>;
  selectedOp: Digest | null;
  /** Lines the editor should reveal and select; `nonce` repeats a request. */
  reveal: { spans: LineSpan[]; nonce: number } | null;
  timings: WorkbenchTimings;
}

export interface WorkbenchActions {
  setText(text: string): void;
  setOptions(patch: Partial<WorkbenchOptions>): void;
  /** Sets one build arg; undefined goes back to the Dockerfile's default. */
  setBuildArg(name: string, value: string | undefined): void;
  load(snapshot: WorkbenchSnapshot): void;
  setCompiling(compiling: boolean): void;
  /** Applies a compile reply for `revision` (ignored when the text changed since). */
  receive(revision: number, outcome: CompileOutcome, roundTripMs?: number): void;
  clearChanged(): void;
  /** Editor hover/cursor: highlights the ops of these lines (null clears). */
  setActiveLines(span: LineSpan | null): void;
  /** Graph selection: highlights the op and reveals and selects its lines in the editor. */
  revealOp(digest: Digest | null): void;
  /** Asks the editor to reveal and select these lines (e.g. from the problems list). */
  revealLines(span: LineSpan): void;
}

export type WorkbenchStore = StoreApi<WorkbenchState & WorkbenchActions>;

export const initialWorkbenchState: WorkbenchState = {
  text: "",
  options: resolveWorkbenchOptions(),
  revision: 0,
  appliedRevision: 0,
  compiling: false,
  output: null,
  error: null,
  markers: [],
  outline: null,
  sourceIndex: null,
  unreachable: [],
  activeLines: null,
  highlighted: new Set(),
  selectedOp: null,
  reveal: null,
  timings: {},
};

export function createWorkbenchStore(initial: Partial<WorkbenchState> = {}): WorkbenchStore {
  let nonce = 0;
  return createStore<WorkbenchState & WorkbenchActions>()((set, get) => ({
    ...initialWorkbenchState,
    ...initial,
    setText(text) {
      if (text === get().text) return;
      set({ text, revision: get().revision + 1 });
    },
    setOptions(patch) {
      set({ options: resolveWorkbenchOptions({ ...get().options, ...patch }), revision: get().revision + 1 });
    },
    setBuildArg(name, value) {
      const buildArgs = { ...get().options.buildArgs };
      if (value === undefined) delete buildArgs[name];
      else buildArgs[name] = value;
      get().setOptions({ buildArgs });
    },
    load(snapshot) {
      set({ text: snapshot.text, options: resolveWorkbenchOptions(snapshot.options), revision: get().revision + 1 });
    },
    setCompiling(compiling) {
      set({ compiling });
    },
    receive(revision, outcome, roundTripMs) {
      if (revision !== get().revision) return;
      const started = performance.now();
      const { text, output: previous } = get();
      const outline = outcome.outline ?? get().outline;
      const timings: WorkbenchTimings = { compileMs: outcome.compileMs, ...(roundTripMs === undefined ? {} : { roundTripMs }) };
      let failure: CompileError | null = outcome.ok ? null : outcome.error;
      if (outcome.ok) {
        const read = readLlb(outcome.definition);
        if (read.ok) {
          const graph = read.graph;
          const changed = changedOps(previous?.graph ?? null, diffGraphs(previous?.graph ?? null, graph));
          const sourceIndex = buildSourceIndex(graph);
          set({
            compiling: false,
            appliedRevision: revision,
            output: { graph, definition: outcome.definition, changed, stale: false, capsNote: outcome.capsNote ?? null },
            error: null,
            markers: markersOf(null, outcome.warnings, text),
            outline,
            sourceIndex,
            unreachable: outline ? unreachableLines(outline, sourceIndex) : [],
            highlighted: new Set(),
            selectedOp: null,
            timings: { ...timings, applyMs: performance.now() - started },
          });
          return;
        }
        failure = makeCompileError("internal", `the compiled Definition does not read back: ${read.error.message}`);
      }
      set({
        compiling: false,
        appliedRevision: revision,
        output: previous ? { ...previous, changed: new Set(), stale: true } : null,
        error: failure,
        markers: markersOf(failure, outcome.warnings, text),
        outline,
        timings: { ...timings, applyMs: performance.now() - started },
      });
    },
    clearChanged() {
      const output = get().output;
      if (output && output.changed.size > 0) set({ output: { ...output, changed: new Set() } });
    },
    setActiveLines(span) {
      const index = get().sourceIndex;
      if (span === null || index === null || get().output?.stale) {
        set({ activeLines: span, highlighted: new Set() });
        return;
      }
      set({ activeLines: span, highlighted: opsAtLines(index, span), selectedOp: null });
    },
    revealOp(digest) {
      const index = get().sourceIndex;
      if (digest === null || index === null || !get().output?.graph.byDigest.has(digest)) {
        set({ selectedOp: null, highlighted: new Set() });
        return;
      }
      const spans = linesOfOp(index, digest);
      set({ selectedOp: digest, highlighted: new Set([digest]), reveal: spans.length > 0 ? { spans, nonce: ++nonce } : get().reveal });
    },
    revealLines(span) {
      set({ reveal: { spans: [span], nonce: ++nonce } });
    },
  }));
}

/** The one store of the running page. Tests create their own with createWorkbenchStore. */
export const workbenchStore: WorkbenchStore = createWorkbenchStore();
