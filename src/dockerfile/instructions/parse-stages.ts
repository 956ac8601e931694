/**
 * AST -> stages (upstream `instructions.Parse`): ARGs before the first FROM
 * become meta (global) args; every other command joins the current stage.
 */
import { DockerfileError } from "../errors";
import type { Linter } from "../lint/linter";
import { type DockerfileAst, type InstructionNode, nodeRanges } from "../parser/ast";
import type { ArgCommand, Command, Stage } from "./commands";
import { InstructionError, parseInstruction } from "./parse-instruction";

export interface ParsedStages {
  stages: Stage[];
  /** ARG instructions before the first FROM (global scope). */
  metaArgs: ArgCommand[];
}

/**
 * Throws DockerfileError: kind "instruction" with message
 * `dockerfile parse error on line N: <reason>`, or kind "no-stage" with
 * `no build stage in current context`.
 */
export function parseStages(ast: DockerfileAst, lint?: Linter): ParsedStages {
  const stages: Stage[] = [];
  const metaArgs: ArgCommand[] = [];
  for (const node of ast.instructions) {
    let ins;
    try {
      ins = parseInstruction(node, lint);
    } catch (e) {
      if (e instanceof InstructionError) {
        throw new DockerfileError(
          "instruction",
          `dockerfile parse error on line ${node.startLine}: ${e.message}`,
          nodeRanges(node),
          { reason: e.message },
        );
      }
      throw e;
    }
    if (ins.type === "stage") {
      stages.push(ins.stage);
      continue;
    }
    const cmd = ins.command;
    if (stages.length === 0 && cmd.kind === "arg") {
      metaArgs.push(cmd);
      continue;
    }
    const current = stages[stages.length - 1];
    if (!current) throw new DockerfileError("no-stage", "no build stage in current context", nodeRanges(node));
    current.commands.push(cmd);
  }
  return { stages, metaArgs };
}

/**
 * One node to one command (upstream `ParseCommand`, used for ONBUILD
 * triggers): errors carry the node's location but no "dockerfile parse error"
 * prefix; a FROM is rejected.
 */
export function parseCommand(node: InstructionNode, lint?: Linter): Command {
  let ins;
  try {
    ins = parseInstruction(node, lint);
  } catch (e) {
    if (e instanceof InstructionError) throw new DockerfileError("instruction", e.message, nodeRanges(node));
    throw e;
  }
  if (ins.type === "stage") {
    throw new DockerfileError("instruction", "*instructions.Stage is not a command type", nodeRanges(node));
  }
  return ins.command;
}
