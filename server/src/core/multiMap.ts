// A map from a key to several values, with cheap add/remove: the shape of every cross-file index.
export class MultiMap<K, V> {
  private readonly map = new Map<K, V[]>();

  add(key: K, value: V): void {
    const list = this.map.get(key);
    if (list) list.push(value);
    else this.map.set(key, [value]);
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
