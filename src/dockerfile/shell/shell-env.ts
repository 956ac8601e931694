/** Variables visible to shell-word expansion (upstream `shell.EnvGetter`). */
export interface ShellEnv {
  /** The value, or `undefined` when the variable is not set. */
  get(name: string): string | undefined;
  /** Names in definition order (used for "did you mean" suggestions). */
  keys(): readonly string[];
}

/** An environment from `KEY=VALUE` strings; later entries win, keys keep first-seen order. */
export function envFromList(list: readonly string[]): ShellEnv {
  const values = new Map<string, string>();
  const keys: string[] = [];
  for (const entry of list) {
    const eq = entry.indexOf("=");
    const key = eq < 0 ? entry : entry.slice(0, eq);
    const value = eq < 0 ? "" : entry.slice(eq + 1);
    keys.push(key);
    values.set(key, value);
  }
  return { get: (name) => values.get(name), keys: () => keys };
}

/** An environment from a Map or a plain record. */
export function envFromMap(map: ReadonlyMap<string, string> | Readonly<Record<string, string>>): ShellEnv {
  const m: ReadonlyMap<string, string> = map instanceof Map ? map : new Map(Object.entries(map));
  const keys = [...m.keys()];
  return { get: (name) => m.get(name), keys: () => keys };
}

/** An environment with no variables. */
export const emptyEnv: ShellEnv = { get: () => undefined, keys: () => [] };
