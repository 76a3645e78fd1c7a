import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { suggestEntities } from '../../src/analysis/entity-index/suggest-entities.js';
import type { IndexedEntity } from '../../src/analysis/entity-index/types.js';

/** The word-by-word comparison as first written (split into new strings), kept to pin the in-place scan. */
function referenceBest(k: string, q: string, max: number): number {
  let best = Infinity;
  if (Math.abs(k.length - q.length) <= max) best = distance(k, q);
  if (k.includes(' ')) {
    for (const w of k.split(' ')) {
      if (Math.abs(w.length - q.length) > max) continue;
      best = Math.min(best, distance(w, q));
    }
  }
  return best;
}

/** A small deterministic generator, so a failure names a reproducible case. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('suggestEntities', () => {
  const entity = (name: string): IndexedEntity => ({ name }) as unknown as IndexedEntity;

  it('scores whole names, words of longer names and prefixes', () => {
    const keys = new Map([['antony blinken', 'a'], ['blinkered view', 'b'], ['kyiv', 'c'], ['kiev', 'd'], ['blink', 'e']]);
    const scored = suggestEntities('blinkin', keys, (g) => [entity(g)]);
    const byName = Object.fromEntries([...scored].map(([e, s]) => [e.name, s]));
    // "blinken" is one substitution away; "blink" is a whole key two letters shorter; "blinkered" is too far.
    expect(byName).toEqual({ a: 1, e: 2 });
    // "kiev" starts with "ki"; "kyiv" is two edits away, beyond the one a two-letter query allows.
    expect(Object.fromEntries([...suggestEntities('ki', keys, (g) => [entity(g)])].map(([e, s]) => [e.name, s]))).toEqual({ d: 0.5 });
  });

  it('finds, for random names and queries, the same best distance as splitting each name into words', () => {
    const rnd = lcg(7);
    const letters = 'abcdeio ';
    const word = (n: number): string => Array.from({ length: n }, () => letters[Math.floor(rnd() * (letters.length - 1))]).join('');
    for (let round = 0; round < 300; round++) {
      const q = word(1 + Math.floor(rnd() * 10));
      const max = q.length <= 4 ? 1 : q.length <= 8 ? 2 : 3;
      // Names of one to four words, sometimes with a doubled or trailing space.
      const names = Array.from({ length: 20 }, () => {
        const words = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => word(1 + Math.floor(rnd() * 9)));
        const sep = rnd() < 0.1 ? '  ' : ' ';
        return words.join(sep) + (rnd() < 0.05 ? ' ' : '');
      });
      const keys = new Map(names.filter((n) => !n.startsWith(q)).map((n) => [n, n]));
      const got = suggestEntities(q, keys, (g) => [entity(g)]);
      for (const k of keys.keys()) {
        const want = referenceBest(k, q, max);
        expect(got.get([...got.keys()].find((e) => e.name === k)!) ?? Infinity, `${JSON.stringify(k)} ~ ${q}`).toBe(want <= max ? want : Infinity);
      }
    }
  });
});
