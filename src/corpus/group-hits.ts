import type { CorpusHead, SearchHit, StoryHit } from './corpus-view.js';

/**
 * Group ranked hits into stories. Exact reprints are already folded into one
 * article at ingest (`alsoReportedBy`); near-duplicates (updated versions,
 * reworded ledes) share a story id computed for the whole corpus. A story
 * ranks by its best hit; its representative is the story's latest, most
 * complete version.
 */
export function groupHitsIntoStories(
  hits: readonly SearchHit[],
  storyOf: (articleId: string) => { id: string; members: readonly CorpusHead[] } | undefined,
): StoryHit[] {
  const byStory = new Map<string, StoryHit>();
  const out: StoryHit[] = [];
  for (const h of hits) {
    const story = storyOf(h.article.id);
    const id = story?.id ?? h.article.id;
    const existing = byStory.get(id);
    if (existing) {
      for (const n of h.matchedEntities) if (!existing.matchedEntities.includes(n)) existing.matchedEntities.push(n);
      continue;
    }
    const s: StoryHit = { id, articles: story ? [...story.members] : [h.article], score: h.score, matchedEntities: [...h.matchedEntities] };
    byStory.set(id, s);
    out.push(s);
  }
  return out;
}
