/**
 * A bounded recency cache in front of a batch read from the store, by article id (Map order doubles as
 * recency order). Corpus.load (full articles) and Corpus.loadVersions (story versions) serve through one each.
 */
export class LoadCache<T> {
  private readonly entries = new Map<string, T>();

  /**
   * @param cap entries kept
   * @param keepAtMost a read of more ids than this is served but not kept: kept, it would flush what smaller
   *   answers reuse and stay alive into later garbage collections for little chance of being asked for again
   */
  constructor(
    private readonly cap: number,
    private readonly keepAtMost = Infinity,
  ) {}

  get(id: string): T | undefined {
    return this.entries.get(id);
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }

  /**
   * The values of `ids` (unique) in that order, leaving out what `read` does not return. What is cached, or what
   * `fallback` gives, is taken before reading: a concurrent serve may evict it while this one waits for the store.
   * An entry held across a change that cleared the cache is served but not put back.
   */
  async serve(ids: readonly string[], read: (missing: string[]) => Promise<Map<string, T>>, fallback?: (id: string) => T | undefined): Promise<T[]> {
    const held = new Map<string, T>();
    for (const id of ids) {
      const v = this.entries.get(id) ?? fallback?.(id);
      if (v !== undefined) held.set(id, v);
    }
    const missing = ids.filter((id) => !held.has(id));
    const keep = missing.length <= this.keepAtMost;
    const fresh = missing.length ? await read(missing) : new Map<string, T>();
    const out: T[] = [];
    for (const id of ids) {
      const hit = fresh.get(id) ?? held.get(id);
      if (hit === undefined) continue;
      if (this.entries.delete(id) || (keep && fresh.has(id))) this.entries.set(id, hit);
      out.push(hit);
    }
    while (this.entries.size > this.cap) this.entries.delete(this.entries.keys().next().value as string);
    return out;
  }
}
