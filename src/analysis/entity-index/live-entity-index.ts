import { foldKey } from '../entities/fold.js';
import type { EntityType } from '../types.js';
import { EntityGroups, type Group } from './entity-groups.js';
import { entityGroupsState, restoreEntityGroups, type EntityGroupsState } from './entity-groups-snapshot.js';
import { byMentions, EntityResolution } from './entity-resolution.js';
import { suggestEntities } from './suggest-entities.js';
import type { EntityIndex, IndexEntityInput, IndexedEntity } from './types.js';

/**
 * The corpus entity index, updated in place: `add` an analysed article, `remove` one that left or changed
 * (a changed article comes back under a new ordinal). Per (type, folded name) it keeps postings (article
 * ordinals with mention counts), aliases and dated roles; what depends on the whole corpus — a bare surname
 * joining the one full name it means ("Blinken" → "Antony Blinken", or the dominant one when several share
 * it), an acronym joining the organization another article expanded it to, an untyped name joining the typed
 * one — is worked out when read, for the entities a query touches, and cached until the next change.
 * Same rules as `buildEntityIndex` always had, but independent of the order articles arrive in.
 */
export class LiveEntityIndex implements EntityIndex {
  /** The groups and their lookup tables (the write side); everything below reads them. */
  private readonly s: EntityGroups;
  /** What the groups mean together (see EntityResolution), remembered until the next add or remove. */
  private readonly read: EntityResolution;
  private version = 0;
  private cachedAt = -1;
  private allCache: IndexedEntity[] | null = null;

  /** An empty index, or one over groups restored from a snapshot (`fromState`). */
  constructor(groups: EntityGroups = new EntityGroups()) {
    this.s = groups;
    this.read = new EntityResolution(groups);
  }

  /** The index as flat arrays, articles renumbered by `remap` (see entityGroupsState). */
  toState(remap: Int32Array): EntityGroupsState {
    return entityGroupsState(this.s, remap);
  }

  /** An index restored from `toState` for articles 0…ids.length-1 (read caches start empty). */
  static fromState(state: EntityGroupsState, ids: readonly string[], dates: readonly (string | null)[]): LiveEntityIndex {
    return new LiveEntityIndex(restoreEntityGroups(state, ids, dates));
  }

  /** Bumped by every add and remove. */
  get revision(): number {
    return this.version;
  }

  /** Index one article under a new ordinal (ordinals only grow). */
  add(ord: number, articleId: string, publishedAt: string | null, entities: readonly IndexEntityInput[]): void {
    this.s.add(ord, articleId, publishedAt, entities);
    this.version++;
  }

  /** Forget an article (removed, pruned or replaced by a newer version). */
  remove(ord: number): void {
    if (this.s.remove(ord)) this.version++;
  }

  /** Visit the subject entities of one article as its analysis named them (name, type, mentions in it). */
  forEachEntityOf(ord: number, visit: (name: string, type: EntityType, mentions: number) => void): void {
    for (const gid of this.s.articleGroups[ord] ?? []) {
      const g = this.s.groups[gid];
      if (g.kind !== 'subject') continue;
      const i = g.postings.indexOf(ord);
      if (i >= 0) visit(g.name, g.type, g.postings.counts[i]);
    }
  }

  /** Ordinals (ascending) of the articles an entity from this index appears in. */
  ordinalsOf(entity: IndexedEntity): Int32Array {
    this.fresh();
    return this.read.ordinalsOf(entity);
  }

  lookup(query: string): IndexedEntity[] {
    this.fresh();
    const q = normalizeQuery(query);
    let gids = this.s.liveGids(this.s.aliasIndex.get(q));
    if (!gids.length) gids = this.s.liveGids(this.s.aliasIndex.get(q.replace(/'s$/, '')));
    return this.read.entitiesOf(gids);
  }

  suggest(query: string, limit: number): IndexedEntity[] {
    this.fresh();
    const scored = suggestEntities(normalizeQuery(query), this.s.aliasIndex, (gids) => this.read.entitiesOf(this.s.liveGids(gids)));
    return [...scored.entries()]
      .sort((a, b) => a[1] - b[1] || b[0].mentionCount - a[0].mentionCount || a[0].name.localeCompare(b[0].name))
      .slice(0, limit)
      .map(([e]) => e);
  }

  get(id: string): IndexedEntity | undefined {
    this.fresh();
    const gid = this.s.byKey.get(id);
    if (gid === undefined || this.s.groups[gid].live === 0) return undefined;
    const e = this.read.materialize(gid);
    return e.articleIds.length ? e : undefined;
  }

  all(): IndexedEntity[] {
    this.fresh();
    if (!this.allCache) {
      const out: IndexedEntity[] = [];
      for (const g of this.s.groups) {
        if (g.kind !== 'subject' || g.live === 0 || this.read.rootOf(g.gid) !== g.gid) continue;
        const e = this.read.materialize(g.gid);
        if (e.articleIds.length) out.push(e);
      }
      this.allCache = out.sort(byMentions);
    }
    return this.allCache;
  }

  bylines(): IndexedEntity[] {
    this.fresh();
    return this.s.groups.filter((g) => g.kind === 'byline' && g.live > 0).map((g) => this.read.materialize(g.gid));
  }

  /**
   * Names for autocomplete: subject entities whose name, or a word of it, starts with `prefix` (folded),
   * most mentioned first. Reads group totals only, so it never materialises the whole index.
   */
  complete(prefix: string, accept: (type: EntityType) => boolean, limit: number): string[] {
    this.fresh();
    const p = foldKey(prefix);
    const hits: Group[] = [];
    for (const g of this.s.groups) {
      if (g.kind !== 'subject' || g.live === 0 || !accept(g.type) || g.single) continue;
      if (p && !(g.key.startsWith(p) || g.key.split(' ').some((w) => w.startsWith(p)))) continue;
      if (this.read.rootOf(g.gid) === g.gid) hits.push(g);
    }
    return hits.sort((a, b) => b.mentions - a.mentions).slice(0, limit).map((g) => g.name);
  }

  private fresh(): void {
    if (this.cachedAt === this.version) return;
    this.cachedAt = this.version;
    this.read.reset();
    this.allCache = null;
  }
}

/** A query as a key: folded, without a leading article or a possessive. */
export function normalizeQuery(q: string): string {
  return foldKey(q.replace(/^\s*(the|a|an)\s+/i, '')).replace(/[’']s$/, '');
}
