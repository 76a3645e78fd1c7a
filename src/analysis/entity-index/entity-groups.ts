import { foldKey } from '../entities/fold.js';
import { Postings, postingsView } from './postings.js';
import type { EntityType } from '../types.js';
import type { IndexEntityInput } from './types.js';

/** One (type, folded name) as articles give it: the unit that is updated in place. */
export interface Group {
  gid: number;
  key: string;
  type: EntityType;
  kind: 'subject' | 'byline';
  /** A one-word capitalised person/other name ("Blinken"): each article's mention is resolved to a full name when read. */
  single: boolean;
  /** First surface seen: the display name. */
  name: string;
  postings: Postings;
  /** Live articles and mentions (articles removed since are subtracted). */
  live: number;
  mentions: number;
  /** Folded key → first surface, the name's own key included. */
  aliases: Map<string, string>;
  /** Every spelling seen (skips folding a repeated one); null until one is added after a restore (see fromState). */
  surfaces: Set<string> | null;
  roles: { role: string; ord: number }[];
  /** The last ordinal `add` counted this group in (-1: none). */
  lastOrd: number;
}

/**
 * The write side of the live entity index: the groups articles add to and remove from, with the lookup tables
 * into them (by id key, spelling, alias key, surname and first name) and each article's groups. What the
 * groups mean together (bare names, acronyms, untyped names) is worked out when read, by LiveEntityIndex.
 */
export class EntityGroups {
  /** Every group ever made, by gid (a group whose articles all left stays, with `live` 0). */
  readonly groups: Group[] = [];
  readonly byKey = new Map<string, number>();
  /** Group by type (or byline) and exact spelling: a shortcut past folding. */
  readonly byRaw = new Map<string, Map<string, number>>();
  /** Alias key → subject groups that have it (their own name key included). */
  readonly aliasIndex = new Map<string, number[]>();
  /** Multi-word person groups by last and first word, for bare names. */
  readonly bySurname = new Map<string, number[]>();
  readonly byFirst = new Map<string, number[]>();
  readonly articleGroups: (Int32Array | null)[] = [];
  readonly ids: string[] = [];
  readonly dates: (string | null)[] = [];

  /** Index one article under a new ordinal (ordinals only grow). */
  add(ord: number, articleId: string, publishedAt: string | null, entities: readonly IndexEntityInput[]): void {
    if (this.articleGroups[ord]) throw new RangeError(`article ordinal ${ord} is already indexed`);
    this.ids[ord] = articleId;
    this.dates[ord] = publishedAt;
    // Groups this article touched, in first-touch order; `lastOrd` marks them (ordinals are never reused).
    const touched: number[] = [];
    for (const e of entities) {
      const g = this.groupFor(e);
      for (const a of e.aliases) if (!g.surfaces?.has(a)) this.addSurface(g, a);
      for (const role of e.roles) {
        if (hasRoleAt(g.roles, ord, role)) continue;
        if (g.roles === NO_ROLES) g.roles = [];
        g.roles.push({ role, ord });
      }
      const m = Math.max(1, e.mentions);
      g.postings.add(ord, m);
      g.mentions += m;
      if (g.lastOrd !== ord) {
        g.lastOrd = ord;
        g.live++;
        touched.push(g.gid);
      }
    }
    this.articleGroups[ord] = Int32Array.from(touched);
  }

  private addSurface(g: Group, surface: string): void {
    if (g.surfaces?.has(surface)) return;
    (g.surfaces ??= new Set()).add(surface);
    const k = foldKey(surface);
    if (g.aliases.has(k)) return;
    g.aliases.set(k, surface);
    if (g.kind === 'subject') push(this.aliasIndex, k, g.gid);
  }

  /** Forget an article (removed, pruned or replaced by a newer version); false if it was not indexed. */
  remove(ord: number): boolean {
    const gids = this.articleGroups[ord];
    if (!gids) return false;
    this.articleGroups[ord] = null;
    for (const gid of gids) {
      const g = this.groups[gid];
      const i = g.postings.indexOf(ord);
      if (i >= 0) g.mentions -= g.postings.counts[i];
      g.live--;
      if (g.postings.n > 8 && g.postings.n > 2 * g.live) g.postings.compact((o) => !!this.articleGroups[o]);
      if (g.roles.length > 8 && g.live * 2 < g.postings.n + 1) g.roles = g.roles.filter((r) => !!this.articleGroups[r.ord]);
    }
    return true;
  }

  private groupFor(e: IndexEntityInput): Group {
    // The same spelling recurs in thousands of articles: find its group without folding it again.
    const slot = e.kind === 'byline' ? 'byline' : e.type;
    let bySpelling = this.byRaw.get(slot);
    if (!bySpelling) this.byRaw.set(slot, (bySpelling = new Map()));
    const known = bySpelling.get(e.name);
    if (known !== undefined) return this.groups[known];
    const g = this.groupForNew(e);
    bySpelling.set(e.name, g.gid);
    // A spelling is a surface of its group from the first article that uses it on: `add` need not check again.
    this.addSurface(g, e.name);
    return g;
  }

  private groupForNew(e: IndexEntityInput): Group {
    const key = foldKey(e.name);
    const id = e.kind === 'byline' ? `byline:${key}` : `${e.type}:${key}`;
    const have = this.byKey.get(id);
    if (have !== undefined) return this.groups[have];
    const single = e.kind === 'subject' && (e.type === 'person' || e.type === 'other') && !e.name.includes(' ') && /^\p{Lu}/u.test(e.name);
    const g: Group = { gid: this.groups.length, key, type: e.type, kind: e.kind, single, name: e.name, postings: new Postings(), live: 0, mentions: 0, aliases: new Map(), surfaces: new Set(), roles: [], lastOrd: -1 };
    this.groups.push(g);
    this.byKey.set(id, g.gid);
    if (e.kind === 'subject' && e.type === 'person') {
      const w = key.split(' ');
      if (w.length >= 2) {
        push(this.bySurname, w[w.length - 1], g.gid);
        push(this.byFirst, w[0], g.gid);
      }
    }
    return g;
  }

  /** The groups of `gids` that still have live articles. */
  liveGids(gids: readonly number[] | undefined): number[] {
    return (gids ?? []).filter((g) => this.groups[g].live > 0);
  }

  /**
   * The groups as flat arrays (a snapshot's form), articles renumbered by `remap` (old ordinal → new, -1 for
   * a removed one; order-preserving). Every group is kept, dead ones too: a name that comes back gets its
   * old display name and aliases, as in the running process. Postings and roles of removed articles are
   * dropped; the spelling shortcut (`byRaw`) is left out, since `groupFor` finds a spelling's group without it.
   */
  toState(remap: Int32Array): EntityGroupsState {
    const n = this.groups.length;
    const flags = new Uint8Array(n);
    const aliasCounts = new Int32Array(n);
    const roleCounts = new Int32Array(n);
    const postLengths = new Int32Array(n);
    const keys: string[] = [];
    const names: string[] = [];
    const aliasKeys: string[] = [];
    const aliasSurfaces: string[] = [];
    const roles: string[] = [];
    const roleOrds: number[] = [];
    let postTotal = 0;
    for (const g of this.groups) postTotal += g.postings.n;
    const postOrds = new Int32Array(postTotal);
    const postCounts = new Int32Array(postTotal);
    let w = 0;
    for (const g of this.groups) {
      keys.push(g.key);
      names.push(g.name);
      flags[g.gid] = TYPE_CODES.indexOf(g.type) | (g.kind === 'byline' ? 4 : 0) | (g.single ? 8 : 0);
      aliasCounts[g.gid] = g.aliases.size;
      for (const [k, surface] of g.aliases) {
        aliasKeys.push(k);
        aliasSurfaces.push(surface);
      }
      for (const r of g.roles) {
        if (remap[r.ord] < 0) continue;
        roles.push(r.role);
        roleOrds.push(remap[r.ord]);
        roleCounts[g.gid]++;
      }
      const start = w;
      for (let i = 0; i < g.postings.n; i++) {
        const o = remap[g.postings.ords[i]];
        if (o < 0) continue;
        postOrds[w] = o;
        postCounts[w] = g.postings.counts[i];
        w++;
      }
      postLengths[g.gid] = w - start;
    }
    let live = 0;
    let gidTotal = 0;
    for (let ord = 0; ord < remap.length; ord++) {
      if (remap[ord] < 0) continue;
      const gids = this.articleGroups[ord];
      if (!gids) throw new RangeError(`article ordinal ${ord} is live but not indexed`);
      live++;
      gidTotal += gids.length;
    }
    const articleLengths = new Int32Array(live);
    const articleGids = new Int32Array(gidTotal);
    for (let ord = 0, a = 0, at = 0; ord < remap.length; ord++) {
      if (remap[ord] < 0) continue;
      const gids = this.articleGroups[ord]!;
      articleLengths[a++] = gids.length;
      articleGids.set(gids, at);
      at += gids.length;
    }
    const aliasIndexKeys: string[] = [];
    const aliasIndexLengths: number[] = [];
    const aliasIndexGids: number[] = [];
    for (const [k, gids] of this.aliasIndex) {
      aliasIndexKeys.push(k);
      aliasIndexLengths.push(gids.length);
      for (const gid of gids) aliasIndexGids.push(gid);
    }
    return {
      keys, names, flags, aliasCounts, aliasKeys, aliasSurfaces, roleCounts, roles, roleOrds: Int32Array.from(roleOrds),
      postLengths, postOrds: postOrds.slice(0, w), postCounts: postCounts.slice(0, w),
      articleLengths, articleGids,
      aliasIndexKeys, aliasIndexLengths: Int32Array.from(aliasIndexLengths), aliasIndexGids: Int32Array.from(aliasIndexGids),
    };
  }

  /**
   * Groups back from `toState` for articles 0…ids.length-1 (`ids`, `dates`: each article's id and publication
   * date). Live counts and mention totals are recounted from the postings, the lookup tables rebuilt (the
   * alias index, whose order is not derivable, is read as saved). Throws RangeError on inconsistent input.
   */
  static fromState(s: EntityGroupsState, ids: readonly string[], dates: readonly (string | null)[]): EntityGroups {
    const n = s.keys.length;
    const articles = ids.length;
    const sizes = [s.names.length, s.flags.length, s.aliasCounts.length, s.roleCounts.length, s.postLengths.length];
    if (sizes.some((x) => x !== n) || s.aliasKeys.length !== s.aliasSurfaces.length || s.roles.length !== s.roleOrds.length) {
      throw new RangeError('entity groups: lengths disagree');
    }
    const out = new EntityGroups();
    // The lists below are views into these: copied first, so the snapshot's buffer (with its tables and
    // signatures, copied elsewhere) is not kept alive by them.
    const postOrds = s.postOrds.slice();
    const postCounts = s.postCounts.slice();
    const articleGids = s.articleGids.slice();
    let aliasAt = 0;
    let roleAt = 0;
    let postAt = 0;
    for (let gid = 0; gid < n; gid++) {
      const f = s.flags[gid];
      const type = TYPE_CODES[f & 3];
      const kind = f & 4 ? 'byline' : 'subject';
      const postings = postingsView(postOrds, postCounts, postAt, s.postLengths[gid], articles);
      postAt += s.postLengths[gid];
      let mentions = 0;
      for (let i = 0; i < postings.n; i++) mentions += postings.counts[i];
      const aliases = new Map<string, string>();
      for (const end = aliasAt + s.aliasCounts[gid]; aliasAt < end; aliasAt++) aliases.set(s.aliasKeys[aliasAt], s.aliasSurfaces[aliasAt]);
      // Most groups have no role: they share one frozen empty list until `add` gives them one.
      const roles: Group['roles'] = s.roleCounts[gid] ? [] : NO_ROLES;
      for (const end = roleAt + s.roleCounts[gid]; roleAt < end; roleAt++) roles.push({ role: s.roles[roleAt], ord: s.roleOrds[roleAt] });
      const g: Group = {
        gid, key: s.keys[gid], type, kind, single: (f & 8) !== 0, name: s.names[gid], postings, live: postings.n, mentions,
        // No spelling set: it only spares folding a spelling again, and `addSurface` finds a known one by its key.
        aliases, surfaces: null, roles, lastOrd: -1,
      };
      out.groups.push(g);
      out.byKey.set(kind === 'byline' ? `byline:${g.key}` : `${type}:${g.key}`, gid);
      if (kind === 'subject' && type === 'person') {
        const w = g.key.split(' ');
        if (w.length >= 2) {
          push(out.bySurname, w[w.length - 1], gid);
          push(out.byFirst, w[0], gid);
        }
      }
    }
    if (aliasAt !== s.aliasKeys.length || roleAt !== s.roles.length || postAt !== s.postOrds.length) throw new RangeError('entity groups: lengths disagree');
    for (const ord of s.roleOrds) if (ord < 0 || ord >= articles) throw new RangeError('entity groups: a role of an article out of range');
    if (s.articleLengths.length !== articles) throw new RangeError('entity groups: article count disagrees');
    let at = 0;
    for (let ord = 0; ord < articles; ord++) {
      const len = s.articleLengths[ord];
      const gids = articleGids.subarray(at, at + len);
      at += len;
      for (const gid of gids) if (gid < 0 || gid >= n) throw new RangeError('entity groups: group out of range');
      out.articleGroups[ord] = gids;
      out.ids[ord] = ids[ord];
      out.dates[ord] = dates[ord];
    }
    if (at !== s.articleGids.length) throw new RangeError('entity groups: lengths disagree');
    at = 0;
    for (let i = 0; i < s.aliasIndexKeys.length; i++) {
      const gids = Array.from(s.aliasIndexGids.subarray(at, at + s.aliasIndexLengths[i]));
      at += s.aliasIndexLengths[i];
      for (const gid of gids) if (gid < 0 || gid >= n) throw new RangeError('entity groups: group out of range');
      out.aliasIndex.set(s.aliasIndexKeys[i], gids);
    }
    if (at !== s.aliasIndexGids.length) throw new RangeError('entity groups: lengths disagree');
    return out;
  }
}

/** The role list of restored groups without roles (frozen: `add` replaces it before adding). */
const NO_ROLES = Object.freeze([]) as unknown as Group['roles'];

const TYPE_CODES: readonly EntityType[] = ['person', 'organization', 'place', 'other'];

/**
 * EntityGroups as flat arrays (see `toState`): per group (by gid) its key, display name, flags (type code
 * in bits 0–1, byline 4, single 8), alias and role counts and postings length; the aliases, roles (with
 * article ordinals) and postings of all groups one after another; per article its groups; the alias index.
 */
export interface EntityGroupsState {
  keys: string[];
  names: string[];
  flags: Uint8Array;
  aliasCounts: Int32Array;
  aliasKeys: string[];
  aliasSurfaces: string[];
  roleCounts: Int32Array;
  roles: string[];
  roleOrds: Int32Array;
  postLengths: Int32Array;
  postOrds: Int32Array;
  postCounts: Int32Array;
  articleLengths: Int32Array;
  articleGids: Int32Array;
  aliasIndexKeys: string[];
  aliasIndexLengths: Int32Array;
  aliasIndexGids: Int32Array;
}

/** Whether `roles` holds `role` for `ord` (the roles of the article being added are at the tail). */
function hasRoleAt(roles: readonly { role: string; ord: number }[], ord: number, role: string): boolean {
  for (let i = roles.length - 1; i >= 0 && roles[i].ord === ord; i--) if (roles[i].role === role) return true;
  return false;
}

export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}
