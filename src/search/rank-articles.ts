import type { CorpusArticle, IndexedEntity, SearchHit } from '../corpus/corpus-view.js';
import { fold } from './fold.js';
import type { TextHit } from './fts-index.js';

/** How much each signal counts. Entity centrality dominates: an article *about* X beats one that mentions X. */
const W_ENTITY = 2;
const W_TEXT = 0.6;
const W_TITLE = 0.5;
/** Recency halves a score's boost roughly every ~30 days, but never outweighs relevance. */
const RECENCY_DAYS = 30;

/** Folded name and aliases of one entity, computed once per entity rather than once per article. */
const formsCache = new WeakMap<IndexedEntity, string[]>();
function foldedForms(m: IndexedEntity): string[] {
  let forms = formsCache.get(m);
  if (!forms) {
    forms = [m.name, ...m.aliases].map(fold);
    formsCache.set(m, forms);
  }
  return forms;
}

/** Folded names and aliases of the matched entities. */
export function matchKeys(matched: readonly IndexedEntity[]): Set<string> {
  const keys = new Set<string>();
  for (const m of matched) {
    keys.add(fold(m.name));
    for (const a of m.aliases) keys.add(fold(a));
  }
  return keys;
}

/** Combine entity centrality, text relevance and recency into one ranked list (the best `limit`). */
export function rankArticles(
  candidates: readonly CorpusArticle[],
  matched: readonly IndexedEntity[],
  textHits: readonly TextHit[],
  now: Date,
  limit = Number.POSITIVE_INFINITY,
): SearchHit[] {
  const textScore = new Map(textHits.map((h) => [h.articleId, h.score]));
  let maxText = 1e-9;
  for (const h of textHits) if (h.score > maxText) maxText = h.score;
  const keys = [...matchKeys(matched)].filter(Boolean);
  const nowMs = now.getTime();
  // Hot loop over possibly thousands of articles: plain numbers only, names are worked out for the winners.
  const scored: { article: CorpusArticle; score: number }[] = [];
  for (const article of candidates) {
    let hit = 0;
    for (const k of keys) hit += article.entityMentions.get(k) ?? 0;
    const text = textScore.get(article.id);
    if (hit === 0 && text === undefined) continue;
    let inTitle = false;
    for (const k of keys) {
      if (article.foldedTitle.includes(` ${k} `)) {
        inTitle = true;
        break;
      }
    }
    const centrality = article.subjectMentions ? hit / article.subjectMentions : 0;
    const relevance = W_ENTITY * Math.sqrt(centrality) + W_TEXT * ((text ?? 0) / maxText) + (inTitle ? W_TITLE : 0);
    const ageDays = Math.max(0, (nowMs - article.effectiveMs) / 86_400_000);
    const recency = 1 / (1 + ageDays / RECENCY_DAYS);
    scored.push({ article, score: relevance * (0.8 + 0.2 * recency) });
  }
  scored.sort((x, y) => y.score - x.score || y.article.effectiveMs - x.article.effectiveMs);
  const keySet = new Set(keys);
  return scored.slice(0, limit).map(({ article, score }) => ({ article, score, matchedEntities: matchedNames(article, matched, keySet) }));
}

/** Canonical names of the matched entities this article mentions. */
function matchedNames(article: CorpusArticle, matched: readonly IndexedEntity[], keys: ReadonlySet<string>): string[] {
  return matched.filter((m) => foldedForms(m).some((k) => keys.has(k) && article.entityMentions.has(k))).map((m) => m.name);
}
