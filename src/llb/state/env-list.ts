// An immutable environment list with BuildKit's ordering: keys are listed in the order of their most
// recent assignment (re-assigning a key moves it to the end), deleted keys disappear.

export class EnvList {
  private constructor(private readonly entries: readonly (readonly [string, string])[]) {}

  static readonly empty = new EnvList([]);

  static fromArray(list: readonly string[]): EnvList {
    let e = EnvList.empty;
    for (const kv of list) {
      const i = kv.indexOf("=");
      e = i === -1 ? e.addOrReplace(kv, "") : e.addOrReplace(kv.slice(0, i), kv.slice(i + 1));
    }
    return e;
  }

  addOrReplace(key: string, value: string): EnvList {
    return new EnvList([...this.entries.filter(([k]) => k !== key), [key, value]]);
  }

  /** Adds the key only when it is not set. */
  setDefault(key: string, value: string): EnvList {
    return this.get(key) === undefined ? this.addOrReplace(key, value) : this;
  }

  delete(key: string): EnvList {
    return new EnvList(this.entries.filter(([k]) => k !== key));
  }

  get(key: string): string | undefined {
    for (const [k, v] of this.entries) if (k === key) return v;
    return undefined;
  }

  keys(): string[] {
    return this.entries.map(([k]) => k);
  }

  toArray(): string[] {
    return this.entries.map(([k, v]) => `${k}=${v}`);
  }

  get size(): number {
    return this.entries.length;
  }
}
