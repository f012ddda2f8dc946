// A least-recently-used map bounded by entry count and by a byte budget, for
// caches keyed by client-chosen text (GraphQL documents, tokens): without the
// byte budget a few dozen distinct large keys would hold hundreds of MB
// (a parsed document costs ~80× its text). Entries larger than maxEntryBytes
// are not kept at all; re-doing their work costs what doing it once costs.
export interface BoundedCacheOptions {
  maxEntries: number;
  maxBytes: number;
  maxEntryBytes: number;
}

export class BoundedCache<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(
    private readonly opts: BoundedCacheOptions,
    /** Bytes an entry holds (key and value); default: twice the key's length (UTF-16). */
    private readonly sizeOf: (key: string, value: V) => number = (key) => key.length * 2,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.total;
  }

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    // Most recently used goes last; eviction takes from the front.
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  set(key: string, value: V): void {
    const bytes = this.sizeOf(key, value);
    this.delete(key);
    if (bytes > this.opts.maxEntryBytes) return;
    while (this.map.size > 0 && (this.map.size >= this.opts.maxEntries || this.total + bytes > this.opts.maxBytes)) {
      this.delete(this.map.keys().next().value as string);
    }
    this.map.set(key, { value, bytes });
    this.total += bytes;
  }

  delete(key: string): void {
    const e = this.map.get(key);
    if (!e) return;
    this.map.delete(key);
    this.total -= e.bytes;
  }
}
