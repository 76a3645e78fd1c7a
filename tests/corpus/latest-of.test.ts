import { describe, expect, it } from 'vitest';
import { CorpusIndex } from '../../src/corpus/index/corpus-index.js';
import type { IndexData } from '../../src/corpus/index/index-record.js';

function rng(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** An index of `n` articles with few distinct dates (ties are common), some undated or unparseable, some removed. */
function fixture(seed: number, n: number): { index: CorpusIndex; ords: Int32Array } {
  const r = rng(seed);
  const index = new CorpusIndex();
  for (let i = 0; i < n; i++) {
    const day = Math.floor(r() * 20);
    const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString();
    const data: IndexData = {
      title: `a${i}`, publishedAt: r() < 0.1 ? null : r() < 0.05 ? 'not a date' : date, firstSeenAt: date,
      textLength: 100, shingleCount: 0, signature: null, entities: [], speakers: [],
    };
    index.add(`a${i}`, `h${i}`, data);
  }
  for (let i = 0; i < n; i++) if (r() < 0.07) index.remove(`a${i}`);
  return { index, ords: Int32Array.from({ length: n }, (_, i) => i) };
}

describe('CorpusIndex.latestOf', () => {
  it('gives the first `max` of a stable sort by date (latest first) over the answerable articles, and their count', () => {
    for (const seed of [11, 12, 13]) {
      const { index, ords } = fixture(seed, 400);
      const sorted = [...ords].map((o) => index.head(`a${o}`)).filter((h) => !!h).sort((a, b) => (b!.effectiveMs || 0) - (a!.effectiveMs || 0));
      for (const max of [1, 5, 40, undefined]) {
        const got = index.latestOf(ords, max);
        expect(got.count).toBe(sorted.length);
        expect(got.shown.map((h) => h.id)).toEqual((max ? sorted.slice(0, max) : sorted).map((h) => h!.id));
      }
    }
  });
});

describe('CorpusIndex story order between changes', () => {
  const sig = Uint32Array.from({ length: 64 }, (_, i) => i * 7919 + 13);
  const version = (i: number, day: number): IndexData => ({
    title: `Budget vote ${i}`, publishedAt: new Date(Date.UTC(2026, 0, day)).toISOString(), firstSeenAt: new Date(Date.UTC(2026, 0, day)).toISOString(),
    textLength: 1000, shingleCount: 50, signature: sig, entities: [], speakers: [],
  });
  it('is remembered for repeated questions and follows versions that arrive, change and leave', () => {
    const index = new CorpusIndex();
    for (let i = 0; i < 5; i++) index.add(`v${i}`, `h${i}`, version(i, 1 + i));
    const first = index.storyOf('v0')!.members.map((h) => h.id);
    expect(first).toHaveLength(5);
    expect(index.storyOf('v3')!.members.map((h) => h.id)).toEqual(first);
    index.add('v9', 'h9', version(9, 20)); // the latest version joins the story
    const after = index.storyOf('v0')!.members.map((h) => h.id);
    expect(after).toHaveLength(6);
    expect(after).toContain('v9');
    index.remove(after[0]); // the representative leaves
    const left = index.storyOf('v1')!.members.map((h) => h.id);
    expect(left).toHaveLength(5);
    expect(left).not.toContain(after[0]);
  });
});

describe('CorpusIndex.speakerArticles with a bound', () => {
  it('gives the newest `max` of the full newest-first list and the same total', () => {
    for (const seed of [21, 22]) {
      const r = rng(seed);
      const index = new CorpusIndex();
      for (let i = 0; i < 300; i++) {
        const date = new Date(Date.UTC(2026, 0, 1 + Math.floor(r() * 15))).toISOString();
        const speakers: [string, number][] = r() < 0.6 ? [['Ana Ruiz', 1 + Math.floor(r() * 3)]] : [];
        index.add(`a${i}`, `h${i}`, { title: `a${i}`, publishedAt: date, firstSeenAt: date, textLength: 100, shingleCount: 0, signature: null, entities: [], speakers });
      }
      for (let i = 0; i < 300; i += 11) index.remove(`a${i}`);
      const since = Date.UTC(2026, 0, 4);
      for (const s of [-Infinity, since]) {
        const all = index.speakerArticles('ana ruiz', s);
        expect(all.complete).toBe(true);
        for (const max of [1, 12, 60, 1000]) {
          const some = index.speakerArticles('Ana Ruiz', s, max);
          expect(some.ids).toEqual(all.ids.slice(0, max));
          expect(some.total).toBe(all.total);
          expect(some.complete).toBe(max >= all.ids.length);
        }
      }
    }
  });
});
