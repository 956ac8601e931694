// Loaded on demand (see load-monaco.ts): Monaco's core API, only the editor features the Workbench
// uses, Dockerfile highlighting, and its editor worker bundled by Vite (`?worker`).
import "monaco-editor/features/codicon/register.js";
import "monaco-editor/features/hover/register.js";
import "monaco-editor/features/find/register.js";
import "monaco-editor/features/folding/register.js";
import "monaco-editor/features/bracketMatching/register.js";
import "monaco-editor/features/wordHighlighter/register.js";
import "monaco-editor/features/clipboard/register.js";
import "monaco-editor/features/contextmenu/register.js";
import "monaco-editor/features/comment/register.js";
import "monaco-editor/features/linesOperations/register.js";
import "monaco-editor/features/multicursor/register.js";
import "monaco-editor/features/gotoError/register.js";
import "monaco-editor/features/wordOperations/register.js";
import "monaco-editor/features/cursorUndo/register.js";
import "monaco-editor/languages/definitions/dockerfile/register.js";
import EditorWorker from "monaco-editor/editor/editor.worker.js?worker";
import * as monaco from "monaco-editor/editor/editor.api.js";

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };
