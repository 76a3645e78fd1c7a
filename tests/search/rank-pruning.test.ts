import { describe, expect, it } from 'vitest';
import { CorpusIndex } from '../../src/corpus/index/corpus-index.js';
import type { IndexData } from '../../src/corpus/index/index-record.js';
import { paddedKeys, titleHasKey, titleHasPaddedKey, TopScores } from '../../src/search/rank-articles.js';

/** A small deterministic generator, so a failure is reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NAMES = ['Ana Ruiz', 'Boris Kent', 'Carla Diaz', 'United Kingdom', 'Europe', 'Acme Corp', 'London'];
const TYPES = ['person', 'person', 'person', 'place', 'place', 'organization', 'place'] as const;

function corpusOf(n: number, seed: number): CorpusIndex {
  const r = rng(seed);
  const index = new CorpusIndex();
  for (let i = 0; i < n; i++) {
    const entities = NAMES.filter(() => r() < 0.35).map((name) => ({
      name, type: TYPES[NAMES.indexOf(name)], kind: 'subject' as const, mentions: 1 + Math.floor(r() * 6),
      aliases: name === 'United Kingdom' ? ['UK'] : [], roles: [],
    }));
    const day = Math.floor(r() * 400);
    const inTitle = entities.length && r() < 0.3 ? `${entities[0].name} ` : '';
    const data: IndexData = {
      title: `${inTitle}story number ${i}`, publishedAt: r() < 0.1 ? null : new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString(),
      firstSeenAt: new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString(), textLength: 1000, shingleCount: 0, signature: null, entities, speakers: [],
    };
    index.add(`a${i}`, `${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}`, data);
  }
  return index;
}

describe('ranking skips the title check only where it cannot matter', () => {
  it('the best k are the first k of the full ranking, with the same scores and matched entities', () => {
    for (const seed of [1, 2, 3]) {
      const index = corpusOf(3000, seed);
      const now = Date.UTC(2026, 2, 1);
      for (const q of ['united kingdom', 'uk', 'ana ruiz', 'europe', 'acme corp']) {
        const matched = index.entities.lookup(q);
        expect(matched.length).toBeGreaterThan(0);
        const text = [{ articleId: 'a7', score: 3 }, { articleId: 'a99', score: 1.5 }, { articleId: 'a2500', score: 0.2 }];
        const all = index.rank(matched, text, now, 100_000);
        for (const k of [1, 5, 50, 200]) expect(index.rank(matched, text, now, k)).toEqual(all.slice(0, k));
      }
    }
  });
});

describe('TopScores.mayKeep', () => {
  it('is false exactly for scores offer() would drop', () => {
    const r = rng(7);
    const top = new TopScores<number>(10);
    const kept: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const s = r();
      if (top.mayKeep(s)) top.offer(i, s, 0);
      kept.push(s);
    }
    expect(top.result().map((x) => x.score)).toEqual(kept.sort((a, b) => b - a).slice(0, 10));
    expect(new TopScores<number>(0).mayKeep(1)).toBe(false);
  });
});

describe('TopScores', () => {
  it('keeps exactly the first `limit` of a stable sort by score then date, ties to the one offered first', () => {
    const r = rng(11);
    for (const limit of [1, 3, 10, 200]) {
      for (const n of [0, 5, 50, 2000]) {
        // Few distinct scores and dates: ties everywhere, including at the cut.
        const offers = Array.from({ length: n }, (_, i) => ({ item: i, score: Math.floor(r() * 6) / 2, ms: Math.floor(r() * 4) * 1000 }));
        const top = new TopScores<number>(limit);
        for (const o of offers) top.offer(o.item, o.score, o.ms);
        const want = [...offers].sort((x, y) => y.score - x.score || y.ms - x.ms).slice(0, limit);
        expect(top.result().map((x) => [x.item, x.score])).toEqual(want.map((x) => [x.item, x.score]));
      }
    }
  });
});

describe('titleHasPaddedKey', () => {
  it('agrees with titleHasKey: whole words only', () => {
    const keys = ['uk', 'ana ruiz'];
    for (const t of [' uk talks ', ' ukraine talks ', ' meet ana ruiz ', ' ana ruizes ', ' the uk ']) {
      expect(titleHasPaddedKey(t, paddedKeys(keys))).toBe(titleHasKey(t, keys));
    }
    expect(titleHasPaddedKey(' ukraine talks ', paddedKeys(keys))).toBe(false);
    expect(titleHasPaddedKey(' the uk ', paddedKeys(keys))).toBe(true);
  });
});
