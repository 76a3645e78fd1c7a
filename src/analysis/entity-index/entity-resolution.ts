import { foldKey } from '../entities/fold.js';
import type { EntityType } from '../types.js';
import type { EntityGroups, Group } from './entity-groups.js';
import type { IndexedEntity, IndexedRole } from './types.js';
import { unionOfAscending } from './ascending-union.js';
import { rolesOf } from './entity-roles.js';
import { NAMESAKES_SEARCHED, pickFor, type SingleRule } from './bare-name-rule.js';
import { cooccurrence } from './cooccurrence.js';
import { taken } from './taken.js';

/** A group whose articles join an entity: all its live ones, or (a bare name) those `targets` resolve to it. */
export interface Member {
  g: Group;
  targets: Int32Array | null;
}

const TYPED: readonly EntityType[] = ['person', 'organization', 'place'];

/**
 * The read side of the live entity index: what the groups mean together, worked out for the groups a query
 * touches and remembered until the groups change (`reset`). A bare surname or first name joins the one full
 * name it means (in its article, else the dominant one across the corpus), an acronym the organization
 * another article expanded it to, an untyped name the typed one; `materialize` turns a root group and the
 * groups that join it into the entity a query returns.
 */
export class EntityResolution {
  private rootCache = new Map<number, number>();
  /** Per bare-name group: how its mentions resolve, and once worked out, the answer per posting. */
  private singleCache = new Map<number, SingleRule>();
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
    const rule = this.singleRule(gid);
    if (rule.targets) return rule.targets;
    const g = this.s.groups[gid];
    const out = new Int32Array(g.postings.n).fill(-1);
    for (let i = 0; i < g.postings.n; i++) {
      const ord = g.postings.ords[i];
      if (this.s.articleGroups[ord]) out[i] = pickFor(this.s, rule, ord);
    }
    rule.targets = out;
    return out;
  }

  /** singleTargets' answer for one posting (-1: its article is gone), without working out the others. */
  private singleTargetAt(gid: number, i: number): number {
    const rule = this.singleRule(gid);
    if (rule.targets) return rule.targets[i];
    const ord = this.s.groups[gid].postings.ords[i];
    return this.s.articleGroups[ord] ? pickFor(this.s, rule, ord) : -1;
  }

  /** What a bare name's mentions can mean: the full names it may stand for, their roots, and the fallback. */
  private singleRule(gid: number): SingleRule {
    const cached = this.singleCache.get(gid);
    if (cached) return cached;
    const g = this.s.groups[gid];
    const own = this.rootOf(gid);
    let named = this.s.liveGids(this.s.bySurname.get(g.key));
    if (!named.length) named = this.s.liveGids(this.s.byFirst.get(g.key));
    // Full names that join another ("Donald J. Trump" → "Donald Trump") count as the one they join.
    const rootOfNamed = named.map((c) => this.rootOf(c));
    const cands = [...new Set(rootOfNamed)];
    const rule: SingleRule = { fallback: this.dominant(cands) ?? own, named, rootOfNamed, several: cands.length > 1, byGid: null, targets: null };
    // Many namesakes ("John"): each article's own groups are fewer than the binary searches over every namesake.
    if (rule.several && named.length > NAMESAKES_SEARCHED) rule.byGid = new Map(named.map((c, j) => [c, rootOfNamed[j]]));
    this.singleCache.set(gid, rule);
    return rule;
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
    // Each member's taken articles come out ascending (postings are), so the entity's articles are their sorted
    // union and its mention count the sum of what they take: no map of a country's 300,000 articles.
    const lists: Int32Array[] = [];
    let mentionCount = 0;
    const members: Member[] = [];
    for (const gid of this.memberCandidates(r)) {
      const g = this.s.groups[gid];
      let targets: Int32Array | null = null;
      if (g.single && g.kind === 'subject') targets = this.singleTargets(gid);
      else if (this.rootOf(gid) !== r) continue;
      const took = taken(g, targets, r, this.s.articleGroups);
      if (!took.ords.length) continue;
      lists.push(took.ords);
      mentionCount += took.mentions;
      members.push({ g, targets });
    }
    const ords = unionOfAscending(lists);
    const aliases = new Map<string, string>();
    for (const { g } of members) for (const [k, surface] of g.aliases) if (!aliases.has(k)) aliases.set(k, surface);
    const articleIds: string[] = new Array(ords.length);
    for (let i = 0; i < ords.length; i++) articleIds[i] = this.s.ids[ords[i]];
    const nameKey = foldKey(rg.name);
    const entity: IndexedEntity = {
      id: rg.kind === 'byline' ? `byline:${rg.key}` : `${rg.type}:${rg.key}`,
      name: rg.name,
      type: rg.type,
      kind: rg.kind,
      aliases: [...aliases].filter(([k]) => k !== nameKey).map(([, s]) => s),
      roles: [],
      mentionCount,
      articleIds,
      cooccurring: [],
    };
    let co: IndexedEntity['cooccurring'] | null = null;
    Object.defineProperty(entity, 'cooccurring', { enumerable: true, get: () => (co ??= this.cooccurrence(r, ords)), set: (v) => void (co = v) });
    // Roles too are worked out when first read: a well-known person has tens of thousands, and only /who reads them.
    let roles: IndexedRole[] | null = null;
    const withRoles = members.filter((m) => m.g.roles.length > 0).map((m) => m.g);
    Object.defineProperty(entity, 'roles', { enumerable: true, get: () => (roles ??= this.rolesNow(r, withRoles)), set: (v) => void (roles = v) });
    this.entityCache.set(r, entity);
    this.ordsOf.set(entity, ords);
    return entity;
  }

  /**
   * An entity's roles (see rolesOf), as the groups stand when they are read: each article's bare-name mention
   * is resolved by article, not by posting position, so a read after the groups changed (postings compacted)
   * is still consistent; before any change it is what an eager reading gave.
   */
  private rolesNow(r: number, groups: readonly Group[]): IndexedRole[] {
    const s = this.s;
    return rolesOf(s, groups, (g, ord) => {
      if (!s.articleGroups[ord]) return false;
      return !(g.single && g.kind === 'subject') || pickFor(s, this.singleRule(g.gid), ord) === r;
    });
  }

  /** Subjects appearing in the same articles (the newest ones), most frequent first, top 20. */
  private cooccurrence(r: number, ords: Int32Array): IndexedEntity['cooccurring'] {
    return cooccurrence(this.s, r, ords, (gid, ord) => {
      const g = this.s.groups[gid];
      return g.single ? this.singleTargetAt(gid, g.postings.indexOf(ord)) : this.rootOf(gid);
    });
  }
}

/** Most mentioned first, then by name. */
export function byMentions(a: IndexedEntity, b: IndexedEntity): number {
  return b.mentionCount - a.mentionCount || a.name.localeCompare(b.name);
}
