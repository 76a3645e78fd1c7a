import { distance } from 'fastest-levenshtein';
import type { IndexedEntity } from './types.js';

/** Prefix matches considered per query (a one-letter prefix would otherwise match half the index). */
const MAX_PREFIX_KEYS = 200;

/**
 * Typos and prefixes: keys within an edit distance that grows with the query length (1 up to 4 letters,
 * 2 up to 8, then 3), compared as whole names and word by word ("blinkin" ~ "blinken"), plus names that
 * start with the query. Only keys of similar length are compared. Returns each entity with its best
 * score (0 exact, 0.5 prefix, else the distance); `entitiesOf` turns a key's groups into entities.
 */
export function suggestEntities<G>(
  q: string,
  keys: ReadonlyMap<string, G>,
  entitiesOf: (groups: G) => IndexedEntity[],
): Map<IndexedEntity, number> {
  const scored = new Map<IndexedEntity, number>();
  if (!q) return scored;
  const max = q.length <= 4 ? 1 : q.length <= 8 ? 2 : 3;
  const score = (groups: G, s: number): void => {
    for (const e of entitiesOf(groups)) {
      const old = scored.get(e);
      if (old === undefined || s < old) scored.set(e, s);
    }
  };
  let prefixes = 0;
  for (const [k, groups] of keys) {
    if (k.startsWith(q) && prefixes < MAX_PREFIX_KEYS) {
      prefixes++;
      score(groups, k === q ? 0 : 0.5);
      continue;
    }
    let best = Infinity;
    if (Math.abs(k.length - q.length) <= max) best = distance(k, q);
    if (k.includes(' ')) {
      for (const w of k.split(' ')) {
        if (Math.abs(w.length - q.length) > max) continue;
        const d = distance(w, q);
        if (d < best) best = d;
      }
    }
    if (best <= max) score(groups, best);
  }
  return scored;
}
