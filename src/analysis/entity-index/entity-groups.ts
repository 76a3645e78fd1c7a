import { foldKey } from '../entities/fold.js';
import { Postings } from './postings.js';
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
  /** Every spelling seen (skips folding a repeated one); null until one is added after a restore (see restoreEntityGroups). */
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
    const have = this.byKey.get(groupId(e.kind, e.type, key));
    if (have !== undefined) return this.groups[have];
    const single = e.kind === 'subject' && (e.type === 'person' || e.type === 'other') && !e.name.includes(' ') && /^\p{Lu}/u.test(e.name);
    const g: Group = { gid: this.groups.length, key, type: e.type, kind: e.kind, single, name: e.name, postings: new Postings(), live: 0, mentions: 0, aliases: new Map(), surfaces: new Set(), roles: [], lastOrd: -1 };
    this.register(g);
    return g;
  }

  /** Append a group (its gid the next one) and enter it in the tables by id key, surname and first name. */
  register(g: Group): void {
    this.groups.push(g);
    this.byKey.set(groupId(g.kind, g.type, g.key), g.gid);
    if (g.kind === 'subject' && g.type === 'person') {
      const w = g.key.split(' ');
      if (w.length >= 2) {
        push(this.bySurname, w[w.length - 1], g.gid);
        push(this.byFirst, w[0], g.gid);
      }
    }
  }

  /** The groups of `gids` that still have live articles. */
  liveGids(gids: readonly number[] | undefined): number[] {
    return (gids ?? []).filter((g) => this.groups[g].live > 0);
  }
}

/** The role list of restored groups without roles (frozen: `add` replaces it before adding). */
export const NO_ROLES = Object.freeze([]) as unknown as Group['roles'];

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

/** The id of a group (and of the entity it roots): `byline:<key>` or `<type>:<key>`. */
export function groupId(kind: Group['kind'], type: EntityType, key: string): string {
  return kind === 'byline' ? `byline:${key}` : `${type}:${key}`;
}
