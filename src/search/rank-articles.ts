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
export function entityCentrality(article: CorpusArticle, matched: readonly IndexedEntity[], keys: ReadonlySet<string> = matchKeys(matched)): { centrality: number; names: string[]; inTitle: boolean } {
  if (matched.length === 0) return { centrality: 0, names: [], inTitle: false };
  let hit = 0;
  for (const k of keys) hit += article.entityMentions.get(k) ?? 0;
  const names = hit ? matched.filter((m) => foldedForms(m).some((k) => article.entityMentions.has(k))).map((m) => m.name) : [];
  let inTitle = false;
  for (const k of keys) {
    if (k && article.foldedTitle.includes(` ${k} `)) {
      inTitle = true;
      break;
    }
  }
  return { centrality: article.subjectMentions ? hit / article.subjectMentions : 0, names, inTitle };
}

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
  const keys = matchKeys(matched);
  for (const article of candidates) {
    const { centrality, names, inTitle } = entityCentrality(article, matched, keys);
    const text = textScore.get(article.id);
    if (names.length === 0 && text === undefined) continue;
    const relevance = W_ENTITY * Math.sqrt(centrality) + W_TEXT * ((text ?? 0) / maxText) + (inTitle ? W_TITLE : 0);
    const ageDays = Math.max(0, (now.getTime() - Date.parse(article.effectiveDate)) / 86_400_000);
    const recency = 1 / (1 + ageDays / RECENCY_DAYS);
    hits.push({ article, score: relevance * (0.8 + 0.2 * recency), matchedEntities: names });
  }
  return hits.sort((a, b) => b.score - a.score || b.article.effectiveDate.localeCompare(a.article.effectiveDate));
}
