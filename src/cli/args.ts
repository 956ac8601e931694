// A small argument parser: flags with values (`--x v` or `--x=v`), repeatable flags, booleans, and
// positionals. Unknown flags are errors that name the flag.
import { CliError } from "./cli-error";

export interface FlagSpec {
  /** Takes a value. */
  value?: boolean;
  /** May be given more than once (values collected in order). */
  repeat?: boolean;
}

export interface ParsedArgs {
  flags: Map<string, string[]>;
  positionals: string[];
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>, command: string): ParsedArgs {
  const flags = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-" || !a.startsWith("-")) {
      positionals.push(a);
      continue;
    }
    if (a === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const eq = a.indexOf("=");
    const name = (eq === -1 ? a : a.slice(0, eq)).replace(/^--?/, "");
    const s = spec[name];
    if (!s) throw new CliError(`${command}: unknown option ${a.slice(0, eq === -1 ? undefined : eq)}`, 2);
    let v = "true";
    if (s.value) {
      if (eq !== -1) v = a.slice(eq + 1);
      else {
        const next = argv[++i];
        if (next === undefined) throw new CliError(`${command}: option --${name} needs a value`, 2);
        v = next;
      }
    }
    const list = flags.get(name) ?? [];
    if (!s.repeat && list.length > 0) throw new CliError(`${command}: option --${name} given twice`, 2);
    list.push(v);
    flags.set(name, list);
  }
  return { flags, positionals };
}

export function flag(p: ParsedArgs, name: string): string | undefined {
  return p.flags.get(name)?.[0];
}

export function flagList(p: ParsedArgs, name: string): string[] {
  return p.flags.get(name) ?? [];
}
