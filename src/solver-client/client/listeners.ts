// A tiny listener set: subscribe returns its own unsubscribe.

export type Unsubscribe = () => void;

export class Listeners<T> {
  private readonly fns = new Set<(v: T) => void>();

  subscribe(fn: (v: T) => void): Unsubscribe {
    this.fns.add(fn);
    return () => {
      this.fns.delete(fn);
    };
  }

  emit(v: T): void {
    for (const fn of [...this.fns]) fn(v);
  }

  get size(): number {
    return this.fns.size;
  }

  clear(): void {
    this.fns.clear();
  }
}
