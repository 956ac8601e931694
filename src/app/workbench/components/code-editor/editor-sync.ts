// Thin adapter between one Monaco editor and the Workbench store: text both ways, markers, line
// decorations (unreachable stages greyed, the selected op's lines lit), hover/cursor → highlighted
// ops, and reveal requests from the graph. Returns a function that disconnects everything.
import type { editor as MonacoEditor, IDisposable } from "monaco-editor/editor/editor.api.js";
import type { EditorMarker } from "../../core/markers";
import type { LineSpan } from "../../core/source-map";
import type { WorkbenchStore } from "../../store/workbench-store";
import type { MonacoApi } from "./load-monaco";

export const MARKER_OWNER = "llbx-workbench";

function spanDecorations(monaco: MonacoApi, spans: readonly LineSpan[], className: string): MonacoEditor.IModelDeltaDecoration[] {
  return spans.map((s) => ({
    range: new monaco.Range(s.start, 1, s.end, 1),
    options: { isWholeLine: true, className, linesDecorationsClassName: `${className}-gutter` },
  }));
}

function toMonacoMarker(monaco: MonacoApi, m: EditorMarker): MonacoEditor.IMarkerData {
  return {
    severity: m.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: m.message,
    source: m.source,
    startLineNumber: m.startLine,
    startColumn: m.startColumn,
    endLineNumber: m.endLine,
    endColumn: m.endColumn,
  };
}

export function connectEditor(monaco: MonacoApi, editor: MonacoEditor.IStandaloneCodeEditor, store: WorkbenchStore, host: HTMLElement): () => void {
  const model = editor.getModel();
  if (model === null) return () => {};
  const disposables: IDisposable[] = [];
  const greyed = editor.createDecorationsCollection();
  const lit = editor.createDecorationsCollection();
  let hovered: number | null = null;

  const cursorSpan = (): LineSpan | null => {
    const sel = editor.getSelection();
    return sel ? { start: sel.startLineNumber, end: sel.endLineNumber } : null;
  };
  const publishSelection = (): void => {
    const span = cursorSpan();
    host.dataset.selectedLines = span ? `${span.start}-${span.end}` : "";
  };

  disposables.push(
    editor.onDidChangeModelContent(() => store.getState().setText(model.getValue())),
    editor.onDidChangeCursorSelection((e) => {
      publishSelection();
      if (e.source === "api" || hovered !== null) return; // reveals come from the graph; hover wins
      if (editor.hasTextFocus()) store.getState().setActiveLines(cursorSpan());
    }),
    editor.onMouseMove((e) => {
      const line = e.target.position?.lineNumber ?? null;
      if (line === hovered) return;
      hovered = line;
      store.getState().setActiveLines(line === null ? null : { start: line, end: line });
    }),
    editor.onMouseLeave(() => {
      hovered = null;
      store.getState().setActiveLines(editor.hasTextFocus() ? cursorSpan() : null);
    }),
  );

  const apply = (state: ReturnType<WorkbenchStore["getState"]>, previous: ReturnType<WorkbenchStore["getState"]> | null): void => {
    if (state.text !== model.getValue()) model.setValue(state.text);
    if (!previous || state.markers !== previous.markers) monaco.editor.setModelMarkers(model, MARKER_OWNER, state.markers.map((m) => toMonacoMarker(monaco, m)));
    if (!previous || state.unreachable !== previous.unreachable) {
      greyed.set(spanDecorations(monaco, state.unreachable, "wb-line-unreachable"));
      host.dataset.unreachableLines = state.unreachable.map((s) => `${s.start}-${s.end}`).join(" ");
    }
    if (!previous || state.selectedOp !== previous.selectedOp || state.sourceIndex !== previous.sourceIndex) {
      const spans = state.selectedOp ? (state.sourceIndex?.linesByOp.get(state.selectedOp) ?? []) : [];
      lit.set(spanDecorations(monaco, spans, "wb-line-selected-op"));
    }
    if (state.reveal && state.reveal !== previous?.reveal) {
      const first = state.reveal.spans[0];
      if (first) {
        editor.setSelection(new monaco.Selection(first.start, 1, first.end, model.getLineMaxColumn(first.end)));
        editor.revealLinesInCenterIfOutsideViewport(first.start, first.end);
      }
    }
  };
  apply(store.getState(), null);
  publishSelection();
  const unsubscribe = store.subscribe((state, previous) => apply(state, previous));

  return () => {
    unsubscribe();
    for (const d of disposables) d.dispose();
  };
}
