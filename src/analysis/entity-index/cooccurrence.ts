import type { EntityGroups } from './entity-groups.js';
import type { IndexedEntity } from './types.js';

/** Articles of one entity whose co-occurrences are counted (the newest): enough to rank the top 20. */
const COOCCURRENCE_SAMPLE = 500;

/**
 * Subjects appearing in the same articles as root `r` (the newest of its ascending ordinals `ords`), most
 * frequent first, top 20. `targetOf` gives the root a subject group's mention in article `ord` belongs to
 * (-1: nobody); it is EntityResolution's, so the counting stays apart from the resolution caches.
 */
export function cooccurrence(s: EntityGroups, r: number, ords: Int32Array, targetOf: (gid: number, ord: number) => number): IndexedEntity['cooccurring'] {
  const counts = new Map<number, number>();
  for (let i = ords.length - 1; i >= 0 && i >= ords.length - COOCCURRENCE_SAMPLE; i--) {
    const ord = ords[i];
    const gids = s.articleGroups[ord];
    if (!gids || gids.length > 200) continue; // a list page, not a story
    const here = new Set<number>();
    for (const gid of gids) {
      const g = s.groups[gid];
      if (g.kind !== 'subject') continue;
      const t = targetOf(gid, ord);
      if (t !== r && t >= 0) here.add(t);
    }
    for (const t of here) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts]
    .sort((x, y) => y[1] - x[1] || s.groups[y[0]].mentions - s.groups[x[0]].mentions)
    .slice(0, 20)
    .map(([gid, count]) => ({ name: s.groups[gid].name, type: s.groups[gid].type, count }));
}
