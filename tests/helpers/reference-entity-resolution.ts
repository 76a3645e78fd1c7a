// The entity read side as it was before materialisation was made cheaper (commit 60a4b5f), kept verbatim as
// the reference the optimised EntityResolution must agree with (tests/analysis/entity-resolution-reference.test.ts).
import { foldKey } from '../../src/analysis/entities/fold.js';
import type { EntityType } from '../../src/analysis/types.js';
import type { EntityGroups, Group } from '../../src/analysis/entity-index/entity-groups.js';
import type { IndexedEntity, IndexedRole } from '../../src/analysis/entity-index/types.js';

/** Articles of one entity whose co-occurrences are counted (the newest): enough to rank the top 20. */
const COOCCURRENCE_SAMPLE = 500;
const TYPED: readonly EntityType[] = ['person', 'organization', 'place'];

/**
 * The read side of the live entity index: what the groups mean together, worked out for the groups a query
 * touches and remembered until the groups change (`reset`). A bare surname or first name joins the one full
 * name it means (in its article, else the dominant one across the corpus), an acronym the organization
 * another article expanded it to, an untyped name the typed one; `materialize` turns a root group and the
 * groups that join it into the entity a query returns.
 */
export class ReferenceResolution {
  private rootCache = new Map<number, number>();
  private singleCache = new Map<number, Int32Array>();
  private entityCache = new Map<number, IndexedEntity>();
  private ordsOf = new WeakMap<IndexedEntity, Int32Array>();

  constructor(private readonly s: EntityGroups) {}

  /**
   * Forget everything worked out (the groups changed). The same object stays: an entity handed out earlier
   * reads its co-occurrences, when asked, through it.
   */
  reset(): void {
    this.rootCache = new Map();
    this.singleCache = new Map();
    this.entityCache = new Map();
    this.ordsOf = new WeakMap();
  }

  /** Ordinals (ascending) of the articles of an entity `materialize` made since the last reset (else none). */
  ordinalsOf(entity: IndexedEntity): Int32Array {
    return this.ordsOf.get(entity) ?? new Int32Array(0);
  }

  /** The entities groups `gids` belong to (bare names resolved per article), most mentioned first. */
  entitiesOf(gids: readonly number[]): IndexedEntity[] {
    const roots = new Set<number>();
    for (const gid of gids) {
      // -1: a posting of an article removed since (a bare name's removed mention means nobody).
      if (this.s.groups[gid].single) {
        for (const t of this.singleTargets(gid)) if (t >= 0) roots.add(t);
      } else roots.add(this.rootOf(gid));
    }
    return [...roots].map((r) => this.materialize(r)).filter((e) => e.articleIds.length > 0).sort(byMentions);
  }

  /**
   * Where a group's articles belong, bare names aside: an untyped name joins the typed entity of the same
   * name; an organization or place named by what exactly one other entity (in at least half as many
   * articles) has as an alias joins that entity ("EU" → "European Union"); a person whose articles gave as an
   * alias the full name of exactly one bigger person group joins it ("Donald J. Trump", alias "Donald Trump").
   */
  rootOf(gid: number): number {
    const cached = this.rootCache.get(gid);
    if (cached !== undefined) return cached;
    const g = this.s.groups[gid];
    let r = gid;
    if (g.kind === 'subject') {
      if (g.type === 'other') {
        for (const t of TYPED) {
          const typed = this.s.byKey.get(`${t}:${g.key}`);
          if (typed !== undefined && this.s.groups[typed].live > 0) {
            r = typed;
            break;
          }
        }
      }
      const rg = this.s.groups[r];
      if (rg.type !== 'person') {
        const owners = this.s.liveGids(this.s.aliasIndex.get(rg.key)).filter((o) => {
          const og = this.s.groups[o];
          return o !== r && og.key !== rg.key && (og.type === rg.type || rg.type === 'other') && og.live >= rg.live / 2;
        });
        if (owners.length === 1) r = owners[0];
      } else if (!rg.single) {
        const into = this.fullNameTarget(r);
        if (into !== null) r = this.rootOf(into);
      }
    }
    this.rootCache.set(gid, r);
    return r;
  }

  /**
   * The person group a full-name person group is another name of: the analysis of one of its articles gave
   * the other's full name (more than one word) as an alias, and exactly one such group is bigger (more live
   * articles; equal: made earlier). Only towards the bigger one, so joins never loop and the entity keeps the
   * name most articles use; a bare name is left to singleTargets.
   */
  private fullNameTarget(r: number): number | null {
    const rg = this.s.groups[r];
    let found: number | null = null;
    for (const k of rg.aliases.keys()) {
      if (k === rg.key || !k.includes(' ')) continue;
      const o = this.s.byKey.get(`person:${k}`);
      if (o === undefined || o === r) continue;
      const og = this.s.groups[o];
      if (og.live === 0 || og.live < rg.live || (og.live === rg.live && o > r)) continue;
      if (found !== null && found !== o) return null;
      found = o;
    }
    return found;
  }

  /**
   * Per posting of a bare-name group, the entity that article's mention means: the one full name with it
   * as surname (else first name) named in the same article, else the dominant one across the corpus (at
   * least twice the articles of the next), else the bare name itself.
   */
  private singleTargets(gid: number): Int32Array {
    const cached = this.singleCache.get(gid);
    if (cached) return cached;
    const g = this.s.groups[gid];
    const own = this.rootOf(gid);
    let named = this.s.liveGids(this.s.bySurname.get(g.key));
    if (!named.length) named = this.s.liveGids(this.s.byFirst.get(g.key));
    // Full names that join another ("Donald J. Trump" → "Donald Trump") count as the one they join.
    const rootOfNamed = named.map((c) => this.rootOf(c));
    const cands = [...new Set(rootOfNamed)];
    const dom = this.dominant(cands);
    const out = new Int32Array(g.postings.n).fill(-1);
    for (let i = 0; i < g.postings.n; i++) {
      const ord = g.postings.ords[i];
      if (!this.s.articleGroups[ord]) continue;
      let pick = dom;
      if (cands.length > 1) {
        // The one candidate named in this article (-1: none yet, -2: several).
        let here = -1;
        for (let j = 0; j < named.length; j++) {
          if (this.s.groups[named[j]].postings.indexOf(ord) < 0) continue;
          here = here === -1 || here === rootOfNamed[j] ? rootOfNamed[j] : -2;
        }
        if (here >= 0) pick = here;
      }
      out[i] = pick ?? own;
    }
    this.singleCache.set(gid, out);
    return out;
  }

  private dominant(cands: readonly number[]): number | null {
    if (cands.length <= 1) return cands[0] ?? null;
    const sorted = [...cands].sort((a, b) => this.s.groups[b].live - this.s.groups[a].live || this.s.groups[b].mentions - this.s.groups[a].mentions);
    return this.s.groups[sorted[0]].live >= 2 * this.s.groups[sorted[1]].live ? sorted[0] : null;
  }

  /**
   * Groups whose articles may belong to root `r` (materialize keeps those that do): same-key and alias-key
   * groups, and bare first/last names of a person — of `r` and of the full names that join it (each has the
   * full name it joins as an alias, so they are found from `r` through the alias index; see fullNameTarget).
   */
  private memberCandidates(r: number): number[] {
    const rg = this.s.groups[r];
    if (rg.kind === 'byline') return [r];
    const names = [r];
    if (rg.type === 'person') {
      for (let i = 0; i < names.length; i++) {
        for (const gid of this.s.aliasIndex.get(this.s.groups[names[i]].key) ?? []) {
          const g = this.s.groups[gid];
          if (g.type === 'person' && !g.single && g.live > 0 && !names.includes(gid) && this.rootOf(gid) === r) names.push(gid);
        }
      }
    }
    const out = new Set<number>();
    for (const n of names) {
      const ng = this.s.groups[n];
      out.add(n);
      for (const k of ng.aliases.keys()) for (const gid of this.s.aliasIndex.get(k) ?? []) if (this.s.groups[gid].key === k) out.add(gid);
      if (ng.type !== 'person') continue;
      const w = ng.key.split(' ');
      if (w.length < 2) continue;
      for (const k of [w[0], w[w.length - 1]]) {
        for (const t of ['person', 'other']) {
          const gid = this.s.byKey.get(`${t}:${k}`);
          if (gid !== undefined) out.add(gid);
        }
      }
    }
    return [...out].filter((g) => this.s.groups[g].live > 0);
  }

  materialize(r: number): IndexedEntity {
    const cached = this.entityCache.get(r);
    if (cached) return cached;
    const rg = this.s.groups[r];
    const counts = new Map<number, number>();
    const members: { g: Group; takes: (i: number) => boolean }[] = [];
    for (const gid of this.memberCandidates(r)) {
      const g = this.s.groups[gid];
      let takes: (i: number) => boolean;
      if (g.single && g.kind === 'subject') {
        const targets = this.singleTargets(gid);
        takes = (i) => targets[i] === r;
      } else if (this.rootOf(gid) === r) takes = (i) => !!this.s.articleGroups[g.postings.ords[i]];
      else continue;
      let any = false;
      for (let i = 0; i < g.postings.n; i++) {
        if (!takes(i)) continue;
        const ord = g.postings.ords[i];
        counts.set(ord, (counts.get(ord) ?? 0) + g.postings.counts[i]);
        any = true;
      }
      if (any) members.push({ g, takes });
    }
    const ords = Int32Array.from(counts.keys()).sort();
    let mentionCount = 0;
    for (const c of counts.values()) mentionCount += c;
    const aliases = new Map<string, string>();
    const roles: IndexedRole[] = [];
    const seenRoles = new Set<string>();
    for (const { g, takes } of members) {
      for (const [k, surface] of g.aliases) if (!aliases.has(k)) aliases.set(k, surface);
      for (const { role, ord } of g.roles) {
        const i = g.postings.indexOf(ord);
        const rk = `${ord}\u0000${role}`;
        if (i < 0 || !takes(i) || seenRoles.has(rk)) continue;
        seenRoles.add(rk);
        roles.push({ role, articleId: this.s.ids[ord], date: this.s.dates[ord] });
      }
    }
    const nameKey = foldKey(rg.name);
    const entity: IndexedEntity = {
      id: rg.kind === 'byline' ? `byline:${rg.key}` : `${rg.type}:${rg.key}`,
      name: rg.name,
      type: rg.type,
      kind: rg.kind,
      aliases: [...aliases].filter(([k]) => k !== nameKey).map(([, s]) => s),
      roles: roles.sort(byDate),
      mentionCount,
      articleIds: Array.from(ords, (o) => this.s.ids[o]),
      cooccurring: [],
    };
    let co: IndexedEntity['cooccurring'] | null = null;
    Object.defineProperty(entity, 'cooccurring', { enumerable: true, get: () => (co ??= this.cooccurrence(r, ords)), set: (v) => void (co = v) });
    this.entityCache.set(r, entity);
    this.ordsOf.set(entity, ords);
    return entity;
  }

  /** Subjects appearing in the same articles (the newest ones), most frequent first, top 20. */
  private cooccurrence(r: number, ords: Int32Array): IndexedEntity['cooccurring'] {
    const counts = new Map<number, number>();
    for (let i = ords.length - 1; i >= 0 && i >= ords.length - COOCCURRENCE_SAMPLE; i--) {
      const ord = ords[i];
      const gids = this.s.articleGroups[ord];
      if (!gids || gids.length > 200) continue; // a list page, not a story
      const here = new Set<number>();
      for (const gid of gids) {
        const g = this.s.groups[gid];
        if (g.kind !== 'subject') continue;
        const t = g.single ? this.singleTargets(gid)[g.postings.indexOf(ord)] : this.rootOf(gid);
        if (t !== r && t >= 0) here.add(t);
      }
      for (const t of here) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    return [...counts]
      .sort((x, y) => y[1] - x[1] || this.s.groups[y[0]].mentions - this.s.groups[x[0]].mentions)
      .slice(0, 20)
      .map(([gid, count]) => ({ name: this.s.groups[gid].name, type: this.s.groups[gid].type, count }));
  }
}

/** Most mentioned first, then by name. */
function byMentions(a: IndexedEntity, b: IndexedEntity): number {
  return b.mentionCount - a.mentionCount || a.name.localeCompare(b.name);
}

/** Oldest first, undated last: the order /who reads a role history in. */
function byDate(a: { date: string | null }, b: { date: string | null }): number {
  if (a.date === b.date) return 0;
  if (a.date === null) return 1;
  if (b.date === null) return -1;
  return a.date < b.date ? -1 : 1;
}
