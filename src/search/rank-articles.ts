import type { CorpusArticle, IndexedEntity, SearchHit } from '../corpus/corpus-view.js';
import { fold } from './fold.js';
import type { TextHit } from './fts-index.js';

/** How much each signal counts. Entity centrality dominates: an article *about* X beats one that mentions X. */
const W_ENTITY = 2;
const W_TEXT = 0.6;
const W_TITLE = 0.5;
/** Recency halves a score's boost roughly every ~30 days, but never outweighs relevance. */
const RECENCY_DAYS = 30;

/**
 * Share of an article's subject mentions that refer to one of the matched
 * entities (0..1), plus whether the title names it. This is the "how central
 * is the topic to the article" signal.
 */
export function entityCentrality(article: CorpusArticle, matched: readonly IndexedEntity[]): { centrality: number; names: string[]; inTitle: boolean } {
  if (matched.length === 0) return { centrality: 0, names: [], inTitle: false };
  const keys = new Set<string>();
  for (const m of matched) {
    keys.add(fold(m.name));
    for (const a of m.aliases) keys.add(fold(a));
  }
  let total = 0;
  let hit = 0;
  const names: string[] = [];
  for (const e of article.analysis.entities) {
    if (e.kind === 'byline') continue;
    total += e.mentions.length;
    if (keys.has(fold(e.name))) {
      hit += e.mentions.length;
      names.push(e.name);
    }
  }
  const title = ` ${fold(article.title)} `;
  const inTitle = [...keys].some((k) => k && title.includes(` ${k} `));
  return { centrality: total ? hit / total : 0, names, inTitle };
}

/** Combine entity centrality, text relevance and recency into one ranked list. */
export function rankArticles(
  candidates: readonly CorpusArticle[],
  matched: readonly IndexedEntity[],
  textHits: readonly TextHit[],
  now: Date,
): SearchHit[] {
  const textScore = new Map(textHits.map((h) => [h.articleId, h.score]));
  const maxText = Math.max(1e-9, ...textHits.map((h) => h.score));
  const hits: SearchHit[] = [];
  for (const article of candidates) {
    const { centrality, names, inTitle } = entityCentrality(article, matched);
    const text = textScore.get(article.id);
    if (names.length === 0 && text === undefined) continue;
    const relevance = W_ENTITY * Math.sqrt(centrality) + W_TEXT * ((text ?? 0) / maxText) + (inTitle ? W_TITLE : 0);
    const ageDays = Math.max(0, (now.getTime() - Date.parse(article.effectiveDate)) / 86_400_000);
    const recency = 1 / (1 + ageDays / RECENCY_DAYS);
    hits.push({ article, score: relevance * (0.8 + 0.2 * recency), matchedEntities: names });
  }
  return hits.sort((a, b) => b.score - a.score || b.article.effectiveDate.localeCompare(a.article.effectiveDate));
}
