import type { Postings } from '../../analysis/entity-index/postings.js';
import type { IndexedEntity } from '../../analysis/entity-index/types.js';
import { foldedForms, matchKeys, paddedKeys, scoreArticle, titleHasPaddedKey, TopScores } from '../../search/rank-articles.js';
import type { TextHit } from '../../store/article-repository.js';

/** A ranked article: its ordinal, score and the matched entities it mentions. */
export interface RankedOrd {
  ord: number;
  score: number;
  matchedEntities: string[];
}

/** What ranking reads of a CorpusIndex: its own arrays and tables (not copies), by article ordinal. */
export interface RankSource {
  /** '' for a removed article. */
  ids: readonly string[];
  effectiveMs: Float64Array;
  subjectMentions: Int32Array;
  /** Folded titles padded with a space each side (see titleHasPaddedKey). */
  foldedTitles: readonly string[];
  byId: ReadonlyMap<string, number>;
  /** Subject-entity mentions by folded name. */
  names: ReadonlyMap<string, Postings>;
  entities: { ordinalsOf(entity: IndexedEntity): Int32Array };
}

/**
 * Working memory of ranking, one slot per ordinal, kept between queries so a query allocates nothing per
 * article: a stamp marks the current query's candidates (no clearing), `hits` sums their entity mentions.
 */
export class RankScratch {
  mark = new Int32Array(1024);
  hits = new Float64Array(1024);
  stamp = 0;

  /** Room for ordinals below `capacity`. */
  ensure(capacity: number): void {
    if (capacity <= this.mark.length) return;
    const mark = new Int32Array(capacity);
    mark.set(this.mark);
    this.mark = mark;
    const hits = new Float64Array(capacity);
    hits.set(this.hits);
    this.hits = hits;
  }
}

/**
 * Rank the articles the matched entities appear in, plus the text hits: entity centrality from the name
 * postings, text relevance, a title bonus and recency (see scoreArticle). Only the best `limit` are kept.
 */
export function rankOrds(
  src: RankSource, scratch: RankScratch, matched: readonly IndexedEntity[], text: readonly TextHit[], nowMs: number, limit: number, sinceMs = -Infinity,
): RankedOrd[] {
  const { ids, effectiveMs, subjectMentions, foldedTitles, byId, names, entities } = src;
  const { mark, hits } = scratch;
  // Two stamps a query: a candidate is marked `stamp`, or `text` when it is also a text hit, so the tens of
  // thousands of entity-only candidates of a country never look their text score up.
  const stamp = (scratch.stamp += 2) - 1;
  const text1 = stamp + 1;
  const cands: number[] = [];
  const sinceOk = (ord: number): boolean => !!ids[ord] && !(effectiveMs[ord] < sinceMs);
  for (const e of matched) {
    const ords = entities.ordinalsOf(e);
    for (let i = 0; i < ords.length; i++) {
      const ord = ords[i];
      if (mark[ord] === stamp || !sinceOk(ord)) continue;
      mark[ord] = stamp;
      hits[ord] = 0;
      cands.push(ord);
    }
  }
  const textScore = new Map<number, number>();
  let maxText = 1e-9;
  for (const h of text) {
    const ord = byId.get(h.articleId);
    if (ord === undefined) continue;
    // Every known hit sets the scale, in the window or not.
    if (h.score > maxText) maxText = h.score;
    if (mark[ord] !== stamp && mark[ord] !== text1) {
      if (!sinceOk(ord)) continue;
      hits[ord] = 0;
      cands.push(ord);
    }
    mark[ord] = text1;
    textScore.set(ord, h.score);
  }
  const keys = [...matchKeys(matched)];
  for (const k of keys) {
    const p = names.get(k);
    if (!p) continue;
    for (let i = 0; i < p.n; i++) {
      const m = mark[p.ords[i]];
      if (m === stamp || m === text1) hits[p.ords[i]] += p.counts[i];
    }
  }
  const top = new TopScores<number>(limit);
  const padded = paddedKeys(keys);
  for (const ord of cands) {
    const hit = hits[ord];
    const t = mark[ord] === text1 ? textScore.get(ord) : undefined;
    if (hit === 0 && t === undefined) continue;
    const ms = effectiveMs[ord];
    // The score with the title bonus bounds the real one: below the kept floor, the title need not be read.
    if (!top.mayKeep(scoreArticle(hit, subjectMentions[ord], t ?? 0, maxText, true, ms, nowMs))) continue;
    top.offer(ord, scoreArticle(hit, subjectMentions[ord], t ?? 0, maxText, titleHasPaddedKey(foldedTitles[ord], padded), ms, nowMs), ms);
  }
  const keySet = new Set(keys);
  return top.result().map(({ item: ord, score }) => ({
    ord,
    score,
    matchedEntities: matched.filter((m) => foldedForms(m).some((k) => keySet.has(k) && (names.get(k)?.indexOf(ord) ?? -1) >= 0)).map((m) => m.name),
  }));
}
