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
    let best = Math.abs(k.length - q.length) <= max ? distance(k, q) : Infinity;
    // Words of a longer name, found in place: an unknown topic is compared with every key, and splitting
    // each name into new strings made most of that query's garbage. Only a word of similar length is cut.
    if (k.includes(' ')) {
      for (let start = 0; start <= k.length; ) {
        const space = k.indexOf(' ', start);
        const end = space < 0 ? k.length : space;
        best = Math.min(best, wordDistance(k, start, end, q, max));
        start = end + 1;
      }
    }
    if (best <= max) score(groups, best);
  }
  return scored;
}

/** Edit distance from `q` to the word k[start, end), or Infinity when their lengths differ by more than `max`. */
function wordDistance(k: string, start: number, end: number, q: string, max: number): number {
  return Math.abs(end - start - q.length) <= max ? distance(k.slice(start, end), q) : Infinity;
}
