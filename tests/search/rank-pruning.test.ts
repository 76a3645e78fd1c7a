import { describe, expect, it } from 'vitest';
import { CorpusIndex } from '../../src/corpus/index/corpus-index.js';
import type { IndexData } from '../../src/corpus/index/index-record.js';
import type { IndexedEntity } from '../../src/analysis/entity-index/types.js';
import type { Postings } from '../../src/analysis/entity-index/postings.js';
import { foldedForms, matchKeys, paddedKeys, scoreArticle, titleHasKey, titleHasPaddedKey, TopScores } from '../../src/search/rank-articles.js';
import type { TextHit } from '../../src/store/article-repository.js';

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

/** The index's private parts the reference ranking reads. */
interface Inside {
  ids: string[];
  byId: Map<string, number>;
  effectiveMs: Float64Array;
  subjectMentions: Int32Array;
  foldedTitles: string[];
  names: Map<string, Postings>;
  entities: { ordinalsOf(e: IndexedEntity): Int32Array };
}

/** Ranking as first written (every candidate scored, a sort of all of them): the reference. */
function referenceRank(index: CorpusIndex, matched: readonly IndexedEntity[], text: readonly TextHit[], nowMs: number, limit: number, sinceMs = -Infinity) {
  const x = index as unknown as Inside;
  const seen = new Set<number>();
  const cands: number[] = [];
  const take = (ord: number): void => {
    if (seen.has(ord) || !x.ids[ord] || x.effectiveMs[ord] < sinceMs) return;
    seen.add(ord);
    cands.push(ord);
  };
  for (const e of matched) for (const ord of x.entities.ordinalsOf(e)) take(ord);
  const textScore = new Map<number, number>();
  let maxText = 1e-9;
  for (const h of text) {
    const ord = x.byId.get(h.articleId);
    if (ord === undefined) continue;
    take(ord);
    textScore.set(ord, h.score);
    if (h.score > maxText) maxText = h.score;
  }
  const keys = [...matchKeys(matched)];
  const hits = new Map<number, number>();
  for (const k of keys) {
    const p = x.names.get(k);
    if (p) for (let i = 0; i < p.n; i++) if (seen.has(p.ords[i])) hits.set(p.ords[i], (hits.get(p.ords[i]) ?? 0) + p.counts[i]);
  }
  const scored: { ord: number; score: number; ms: number }[] = [];
  for (const ord of cands) {
    const hit = hits.get(ord) ?? 0;
    const t = textScore.get(ord);
    if (hit === 0 && t === undefined) continue;
    scored.push({ ord, score: scoreArticle(hit, x.subjectMentions[ord], t ?? 0, maxText, titleHasKey(x.foldedTitles[ord], keys), x.effectiveMs[ord], nowMs), ms: x.effectiveMs[ord] });
  }
  const keySet = new Set(keys);
  return scored.sort((a, b) => b.score - a.score || b.ms - a.ms).slice(0, limit).map(({ ord, score }) => ({
    ord, score, matchedEntities: matched.filter((m) => foldedForms(m).some((k) => keySet.has(k) && (x.names.get(k)?.indexOf(ord) ?? -1) >= 0)).map((m) => m.name),
  }));
}

describe('ranking gives what scoring every candidate and sorting them all gives', () => {
  it('with windows, text hits inside and outside them, repeated and unknown text hits', () => {
    for (const seed of [4, 5]) {
      const index = corpusOf(2500, seed);
      const now = Date.UTC(2026, 2, 1);
      const r = rng(seed * 13);
      for (const q of ['united kingdom', 'ana ruiz', 'europe', 'acme corp', 'london']) {
        const matched = index.entities.lookup(q);
        const text = Array.from({ length: 60 }, () => ({ articleId: `a${Math.floor(r() * 2600)}`, score: Math.floor(r() * 8) / 2 }));
        for (const since of [-Infinity, Date.UTC(2025, 6, 1), Date.UTC(2026, 0, 20)]) {
          for (const limit of [1, 10, 200]) expect(index.rank(matched, text, now, limit, since)).toEqual(referenceRank(index, matched, text, now, limit, since));
        }
        // Only text hits (nothing matched by name).
        expect(index.rank([], text, now, 50)).toEqual(referenceRank(index, [], text, now, 50));
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
