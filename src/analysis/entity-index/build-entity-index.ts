import type { ArticleAnalysis } from '../types.js';
import { LiveEntityIndex } from './live-entity-index.js';
import type { IndexDoc, IndexEntityInput } from './types.js';

/**
 * Build the corpus entity index from analysed articles in one go (tools, tests, `analyze`). The corpus
 * keeps a {@link LiveEntityIndex} and updates it article by article instead; this is the same index
 * filled from a list.
 *
 * Article entities merge by folded canonical name and type (an article that could only say "other" joins
 * the typed entity of the same name). A person known in some article only by one word ("Blinken") joins
 * the full name ("Antony Blinken") when exactly one full name in the corpus ends (or starts) with it, or
 * one that appears in at least twice as many articles as the next; two different people who share a
 * surname stay apart otherwise. Bylines are indexed apart and never returned by subject lookups.
 */
export function buildEntityIndex(docs: readonly IndexDoc[]): LiveEntityIndex {
  const index = new LiveEntityIndex();
  docs.forEach((doc, ord) => index.add(ord, doc.id, doc.publishedAt, indexEntitiesOf(doc.analysis)));
  return index;
}

/** The compact per-article entity input the index takes, from a full analysis. */
export function indexEntitiesOf(analysis: ArticleAnalysis): IndexEntityInput[] {
  return analysis.entities.map((e) => ({
    name: e.name,
    type: e.type,
    kind: e.kind,
    mentions: e.mentions.length,
    aliases: e.aliases,
    roles: [...new Set(e.roles.length > 0 ? e.roles.map((r) => r.role) : e.role ? [e.role] : [])],
  }));
}
