// Messages between the compile client (page) and the compile worker. Plain data only: the outcome's
// Definition bytes are transferred, errors are CompileError objects.
import type { CompileOutcome } from "../app/workbench/core/compile";
import type { WorkbenchOptions } from "../app/workbench/core/options";

export interface CompileRequestMessage {
  type: "llbx/compile-request";
  id: number;
  text: string;
  options: WorkbenchOptions;
}

export interface CompileResultMessage {
  type: "llbx/compile-result";
  id: number;
  outcome: CompileOutcome;
}

export type CompileWorkerMessage = CompileRequestMessage;
export type CompileClientMessage = CompileResultMessage;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export function isCompileRequestMessage(value: unknown): value is CompileRequestMessage {
  return isRecord(value) && value.type === "llbx/compile-request" && typeof value.id === "number" && typeof value.text === "string" && isRecord(value.options);
}

export function isCompileResultMessage(value: unknown): value is CompileResultMessage {
  return isRecord(value) && value.type === "llbx/compile-result" && typeof value.id === "number" && isRecord(value.outcome) && typeof value.outcome.ok === "boolean";
}
