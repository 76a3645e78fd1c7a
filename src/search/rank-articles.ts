import type { CorpusHead, IndexedEntity } from '../corpus/corpus-view.js';
import type { TextHit } from '../store/article-repository.js';
import { fold } from './fold.js';

/** How much each signal counts. Entity centrality dominates: an article *about* X beats one that mentions X. */
const W_ENTITY = 2;
const W_TEXT = 0.6;
const W_TITLE = 0.5;
/** Recency halves a score's boost roughly every ~30 days, but never outweighs relevance. */
const RECENCY_DAYS = 30;

/**
 * One article's score: entity centrality (matched mentions over all subject mentions), text relevance
 * (normalised by the best text hit), a title bonus, damped by age. Plain numbers only: the caller loops
 * over thousands of candidates.
 */
export function scoreArticle(hit: number, subjectMentions: number, text: number, maxText: number, inTitle: boolean, effectiveMs: number, nowMs: number): number {
  const centrality = subjectMentions ? hit / subjectMentions : 0;
  const relevance = W_ENTITY * Math.sqrt(centrality) + W_TEXT * (text / maxText) + (inTitle ? W_TITLE : 0);
  const ageDays = Math.max(0, (nowMs - effectiveMs) / 86_400_000);
  const recency = 1 / (1 + ageDays / RECENCY_DAYS);
  return relevance * (0.8 + 0.2 * recency);
}

/** Does the folded title (padded with spaces) contain one of the keys as whole words? */
export function titleHasKey(foldedTitle: string, keys: readonly string[]): boolean {
  return titleHasPaddedKey(foldedTitle, paddedKeys(keys));
}

/** Keys padded with a space each side, made once per query for `titleHasPaddedKey`. */
export function paddedKeys(keys: Iterable<string>): string[] {
  return [...keys].map((k) => ` ${k} `);
}

/**
 * `titleHasKey` with the keys already padded: ranking checks tens of thousands of titles per query, and
 * padding each key again for each title was most of that work.
 */
export function titleHasPaddedKey(foldedTitle: string, padded: readonly string[]): boolean {
  for (const k of padded) if (foldedTitle.includes(k)) return true;
  return false;
}

/** Folded names and aliases of the matched entities. */
export function matchKeys(matched: readonly IndexedEntity[]): Set<string> {
  const keys = new Set<string>();
  for (const m of matched) {
    keys.add(fold(m.name));
    for (const a of m.aliases) keys.add(fold(a));
  }
  keys.delete('');
  return keys;
}

/** Folded name and aliases of one entity, computed once per entity rather than once per article. */
const formsCache = new WeakMap<IndexedEntity, string[]>();
export function foldedForms(m: IndexedEntity): string[] {
  let forms = formsCache.get(m);
  if (!forms) {
    forms = [m.name, ...m.aliases].map(fold);
    formsCache.set(m, forms);
  }
  return forms;
}

/** A scored item and the order it was offered in (the last tie-break: earlier first). */
interface Scored<T> {
  item: T;
  score: number;
  ms: number;
  seq: number;
}

/**
 * The best `limit` of scored items, best first (ties: newer first, then the one offered first): exactly
 * what sorting every candidate and keeping the first `limit` gives. A bounded min-heap whose root is the
 * worst kept item, so an offer costs O(log limit) and no sorting: a country matches a third of a large
 * corpus, and candidates arrive oldest first, so nearly every offer used to displace one.
 */
export class TopScores<T> {
  private readonly heap: Scored<T>[] = [];
  private seq = 0;

  constructor(private readonly limit: number) {}

  /**
   * Whether an item scoring `score` could still be kept: false once it is below the best `limit` seen so
   * far. A caller with a cheap upper bound on a score skips the rest of the work when this says false.
   */
  mayKeep(score: number): boolean {
    return this.limit > 0 && (this.heap.length < this.limit || score >= this.heap[0].score);
  }

  offer(item: T, score: number, ms: number): void {
    if (this.limit <= 0) return;
    const seq = this.seq++;
    if (this.heap.length < this.limit) {
      this.heap.push({ item, score, ms, seq });
      this.up(this.heap.length - 1);
      return;
    }
    const root = this.heap[0];
    // Kept only when the root (the worst kept) ranks below it; a later offer loses a full tie.
    if (!(score > root.score || (score === root.score && ms > root.ms))) return;
    this.heap[0] = { item, score, ms, seq };
    this.down(0);
  }

  result(): { item: T; score: number }[] {
    return [...this.heap].sort((x, y) => y.score - x.score || y.ms - x.ms || x.seq - y.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(h[i], h[parent])) return;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < h.length && worse(h[l], h[w])) w = l;
      if (r < h.length && worse(h[r], h[w])) w = r;
      if (w === i) return;
      [h[i], h[w]] = [h[w], h[i]];
      i = w;
    }
  }
}

/** Does `a` rank below `b`: a lower score, else older, else offered later. */
function worse<T>(a: Scored<T>, b: Scored<T>): boolean {
  if (a.score !== b.score) return a.score < b.score;
  if (a.ms !== b.ms) return a.ms < b.ms;
  return a.seq > b.seq;
}

/** An article with the per-article ranking features precomputed (small corpora and tests). */
export interface RankableArticle extends CorpusHead {
  /** Subject-entity mentions by folded canonical name. */
  entityMentions: ReadonlyMap<string, number>;
  /** All subject-entity mentions in the article. */
  subjectMentions: number;
  /** Folded title, padded with spaces, for whole-word containment checks. */
  foldedTitle: string;
}

/** Combine entity centrality, text relevance and recency into one ranked list (the best `limit`). */
export function rankArticles<A extends RankableArticle>(
  candidates: readonly A[],
  matched: readonly IndexedEntity[],
  textHits: readonly TextHit[],
  now: Date,
  limit = Number.POSITIVE_INFINITY,
): { article: A; score: number; matchedEntities: string[] }[] {
  const textScore = new Map(textHits.map((h) => [h.articleId, h.score]));
  let maxText = 1e-9;
  for (const h of textHits) if (h.score > maxText) maxText = h.score;
  const keys = [...matchKeys(matched)];
  const nowMs = now.getTime();
  const top = new TopScores<A>(Math.min(limit, candidates.length));
  const padded = paddedKeys(keys);
  for (const article of candidates) {
    let hit = 0;
    for (const k of keys) hit += article.entityMentions.get(k) ?? 0;
    const text = textScore.get(article.id);
    if (hit === 0 && text === undefined) continue;
    const score = scoreArticle(hit, article.subjectMentions, text ?? 0, maxText, titleHasPaddedKey(article.foldedTitle, padded), article.effectiveMs, nowMs);
    top.offer(article, score, article.effectiveMs);
  }
  const keySet = new Set(keys);
  return top.result().map(({ item, score }) => ({
    article: item,
    score,
    matchedEntities: matched.filter((m) => foldedForms(m).some((k) => keySet.has(k) && item.entityMentions.has(k))).map((m) => m.name),
  }));
}
