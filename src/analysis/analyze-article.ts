import { extractEntities } from './entities/extract-entities.js';
import { extractQuotes } from './quotes/extract-quotes.js';
import { extractHeadlineQuotes } from './quotes/headline-quotes.js';
import { summarize } from './summary/summarize.js';
import { splitSentences } from './text/sentences.js';
import type { AnalysisInput, ArticleAnalysis } from './types.js';

/** Bump when analysis output changes so stored analyses are recomputed. */
export const ANALYSIS_VERSION = 3;

/** The whole analysis stage for one article: pure, synchronous, no I/O. */
export function analyzeArticle(input: AnalysisInput): ArticleAnalysis {
  const sentences = splitSentences(input.text);
  const entities = extractEntities(input.text, sentences, {
    title: input.title,
    byline: input.byline,
    publishedAt: input.publishedAt,
  });
  const quotes = extractQuotes(input.text, sentences, entities);
  const summary = summarize(input.text, sentences, { title: input.title, entities });
  const headlineQuotes = input.title ? extractHeadlineQuotes(input.title, entities) : [];
  return headlineQuotes.length ? { entities, quotes, summary, headlineQuotes } : { entities, quotes, summary };
}
