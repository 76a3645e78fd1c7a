import type { EntityType } from '../types.js';
import { EntityGroups, NO_ROLES, type Group } from './entity-groups.js';
import { concrete, StreamedArray, type Streamable } from '../../core/streamed-array.js';
import { livePostings, postingsView } from './postings.js';

/*
 * The snapshot form of EntityGroups: everything the groups hold as a few flat arrays (cheap to encode and
 * copy), and the groups back from them. Kept apart from the groups' update code, which never needs it.
 */

const TYPE_CODES: readonly EntityType[] = ['person', 'organization', 'place', 'other'];

/**
 * EntityGroups as flat arrays (see `entityGroupsState`): per group (by gid) its key, display name, flags
 * (type code in bits 0–1, byline 4, single 8), alias and role counts and postings length; the aliases, roles
 * (with article ordinals) and postings of all groups one after another; per article its groups; the alias index.
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
  postOrds: Streamable<Int32Array>;
  postCounts: Streamable<Int32Array>;
  articleLengths: Int32Array;
  articleGids: Streamable<Int32Array>;
  aliasIndexKeys: string[];
  aliasIndexLengths: Int32Array;
  aliasIndexGids: Int32Array;
}

/**
 * The groups as flat arrays (a snapshot's form), articles renumbered by `remap` (old ordinal → new, -1 for
 * a removed one; order-preserving). Every group is kept, dead ones too: a name that comes back gets its
 * old display name and aliases, as in the running process. Postings and roles of removed articles are
 * dropped; the spelling shortcut (`byRaw`) is left out, since `groupFor` finds a spelling's group without it.
 * The postings and each article's groups are streamed when the snapshot is written (before the groups change
 * again), not copied here.
 */
export function entityGroupsState(eg: EntityGroups, remap: Int32Array): EntityGroupsState {
  const n = eg.groups.length;
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
  for (const g of eg.groups) {
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
    let live = 0;
    for (let i = 0; i < g.postings.n; i++) if (remap[g.postings.ords[i]] >= 0) live++;
    postLengths[g.gid] = live;
    postTotal += live;
  }
  let live = 0;
  let gidTotal = 0;
  for (let ord = 0; ord < remap.length; ord++) {
    if (remap[ord] < 0) continue;
    const gids = eg.articleGroups[ord];
    if (!gids) throw new RangeError(`article ordinal ${ord} is live but not indexed`);
    live++;
    gidTotal += gids.length;
  }
  const articleLengths = new Int32Array(live);
  for (let ord = 0, a = 0; ord < remap.length; ord++) if (remap[ord] >= 0) articleLengths[a++] = eg.articleGroups[ord]!.length;
  const postings = (which: 'ords' | 'counts') => () => livePostings(eg.groups.map((g) => g.postings), remap, which);
  function* articleGids(): Generator<Int32Array> {
    for (let ord = 0; ord < remap.length; ord++) if (remap[ord] >= 0) yield eg.articleGroups[ord]!;
  }
  const aliasIndexKeys: string[] = [];
  const aliasIndexLengths: number[] = [];
  const aliasIndexGids: number[] = [];
  for (const [k, gids] of eg.aliasIndex) {
    aliasIndexKeys.push(k);
    aliasIndexLengths.push(gids.length);
    for (const gid of gids) aliasIndexGids.push(gid);
  }
  return {
    keys, names, flags, aliasCounts, aliasKeys, aliasSurfaces, roleCounts, roles, roleOrds: Int32Array.from(roleOrds),
    postLengths,
    postOrds: new StreamedArray(Int32Array, postTotal, postings('ords')),
    postCounts: new StreamedArray(Int32Array, postTotal, postings('counts')),
    articleLengths, articleGids: new StreamedArray(Int32Array, gidTotal, articleGids),
    aliasIndexKeys, aliasIndexLengths: Int32Array.from(aliasIndexLengths), aliasIndexGids: Int32Array.from(aliasIndexGids),
  };
}

/**
 * Groups back from `entityGroupsState` for articles 0…ids.length-1 (`ids`, `dates`: each article's id and publication
 * date). Live counts and mention totals are recounted from the postings, the lookup tables rebuilt (the
 * alias index, whose order is not derivable, is read as saved). Throws RangeError on inconsistent input.
 */
export function restoreEntityGroups(s: EntityGroupsState, ids: readonly string[], dates: readonly (string | null)[]): EntityGroups {
  const n = s.keys.length;
  const articles = ids.length;
  const sizes = [s.names.length, s.flags.length, s.aliasCounts.length, s.roleCounts.length, s.postLengths.length];
  if (sizes.some((x) => x !== n) || s.aliasKeys.length !== s.aliasSurfaces.length || s.roles.length !== s.roleOrds.length) {
    throw new RangeError('entity groups: lengths disagree');
  }
  const out = new EntityGroups();
  // The lists below are views into these (adopted: a decoded snapshot allocates each array on its own).
  const postOrds = concrete(s.postOrds);
  const postCounts = concrete(s.postCounts);
  const articleGids = concrete(s.articleGids);
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
    out.register(g);
  }
  if (aliasAt !== s.aliasKeys.length || roleAt !== s.roles.length || postAt !== postOrds.length) throw new RangeError('entity groups: lengths disagree');
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
  if (at !== articleGids.length) throw new RangeError('entity groups: lengths disagree');
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
