// A map from a key to several values, with cheap add/remove: the shape of every cross-file index.
export class MultiMap<K, V> {
  private readonly map = new Map<K, V[]>();

  /**
   * order: keeps each key's values sorted, so which value comes first depends on the values, not
   * on the order they were added in (see pathOrder.ts). Without it, insertion order.
   */
  constructor(private readonly order?: (a: V, b: V) => number) {}

  add(key: K, value: V): void {
    const list = this.map.get(key);
    if (!list) this.map.set(key, [value]);
    else if (!this.order) list.push(value);
    else {
      let i = list.length;
      while (i > 0 && this.order(list[i - 1], value) > 0) i--;
      list.splice(i, 0, value);
    }
  }

  get(key: K): V[] {
    return this.map.get(key) ?? [];
  }

  delete(key: K, value: V): void {
    this.deleteWhere(key, (v) => v === value);
  }

  deleteWhere(key: K, pred: (v: V) => boolean): void {
    const list = this.map.get(key);
    if (!list) return;
    const kept = list.filter((v) => !pred(v));
    if (kept.length) this.map.set(key, kept);
    else this.map.delete(key);
  }

  entries(): IterableIterator<[K, V[]]> {
    return this.map.entries();
  }

  *values(): IterableIterator<V> {
    for (const list of this.map.values()) yield* list;
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }
}
