/** Builder flags (`--name=value`) with upstream's BFlags validation and messages. */
import { withSuggestion } from "../suggest";

export class FlagError extends Error {}

type FlagType = "bool" | "string" | "strings";

export interface Flag {
  readonly name: string;
  readonly type: FlagType;
  /** bool flags: "true"/"false"; string flags: the value or the default. */
  value: string;
  /** strings flags: every value in order. */
  values: string[];
}

export class BFlags {
  private readonly flags = new Map<string, Flag>();
  /** Names of the flags that were given, in first-use order. */
  readonly used = new Map<string, Flag>();
  private setupError: string | null = null;

  constructor(readonly args: readonly string[]) {}

  private add(name: string, type: FlagType, value: string): Flag {
    const flag: Flag = { name, type, value, values: [] };
    if (this.flags.has(name)) {
      this.setupError = `Duplicate flag defined: ${name}`;
      return flag;
    }
    this.flags.set(name, flag);
    return flag;
  }

  addBool(name: string, def = false): Flag {
    return this.add(name, "bool", def ? "true" : "false");
  }
  addString(name: string, def = ""): Flag {
    return this.add(name, "string", def);
  }
  addStrings(name: string): Flag {
    return this.add(name, "strings", "");
  }

  isUsed(name: string): boolean {
    return this.used.has(name);
  }

  /** Validates the given args against the declared flags; throws FlagError. */
  parse(): void {
    if (this.setupError) throw new FlagError(`error setting up flags: ${this.setupError}`);
    for (const a of this.args) {
      if (a === "--") return;
      if (!a.startsWith("--")) throw new FlagError(`arg should start with -- : ${a}`);
      const eq = a.indexOf("=");
      const hasValue = eq >= 0;
      const flagName = hasValue ? a.slice(0, eq) : a;
      const value = hasValue ? a.slice(eq + 1) : "";
      const arg = flagName.slice(2);
      const flag = this.flags.get(arg);
      if (!flag) {
        throw new FlagError(withSuggestion(`unknown flag: ${flagName}`, arg, [...this.flags.keys()], true));
      }
      if (this.used.has(arg) && flag.type !== "strings") {
        throw new FlagError(`duplicate flag specified: ${flagName}`);
      }
      this.used.set(arg, flag);
      switch (flag.type) {
        case "bool": {
          if (hasValue && value === "") throw new FlagError(`missing a value on flag: ${flagName}`);
          const v = value.toLowerCase();
          if (v === "true" || v === "") flag.value = "true";
          else if (v === "false") flag.value = "false";
          else throw new FlagError(`expecting boolean value for flag ${flagName}, not: ${value}`);
          break;
        }
        case "string":
          if (!hasValue) throw new FlagError(`missing a value on flag: ${flagName}`);
          flag.value = value;
          break;
        case "strings":
          if (!hasValue) throw new FlagError(`missing a value on flag: ${flagName}`);
          flag.values.push(value);
          break;
      }
    }
  }
}
