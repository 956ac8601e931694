/** Upstream's `Node.Dump()` s-expression format, e.g. `(from "ubuntu:14.04")`. */
import { goQuote } from "../go-text";
import type { DockerfileAst, InstructionNode } from "./ast";

function dumpNode(node: InstructionNode): string {
  let out = node.command.toLowerCase();
  if (node.flags.length > 0) out += " [" + node.flags.map(goQuote).join(" ") + "]";
  if (node.subcommand) {
    out += " " + ("(" + dumpNode(node.subcommand) + ")\n").trim();
  }
  for (const arg of node.args) out += " " + goQuote(arg);
  return out.trim();
}

/** One line per instruction; ends with "\n" like upstream's `result` files. */
export function dumpDockerfileAst(ast: DockerfileAst): string {
  let out = "";
  for (const node of ast.instructions) out += "(" + dumpNode(node) + ")\n";
  return out.trim() + "\n";
}
