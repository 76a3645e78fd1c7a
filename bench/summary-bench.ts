import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fingerprint, groupStories, type StoryDoc } from '../src/stories/group-stories.js';
import { BBC_PATH, loadBbc } from './bbc-data.js';

/** One silver near-duplicate pair (see the BBC folder's README: computed, not labelled). */
interface SilverPair {
  jaccard5: number;
  a: string;
  b: string;
}

/**
 * Story grouping on the BBC dev set: time for the 2,225 articles (shingling
 * included), how many of the silver near-duplicate pairs end up in one
 * story, and time for 10,000 articles (the BBC set repeated with small
 * edits, so every article has near-duplicates: a busy case for LSH).
 */
export async function benchGrouping(): Promise<string[]> {
  const docs: StoryDoc[] = loadBbc().map((r) => {
    const nl = r.article.indexOf('\n');
    return { id: r.id, title: r.title, text: nl >= 0 ? r.article.slice(nl + 1) : '', publishedAt: null };
  });
  const t0 = performance.now();
  const prints = docs.map((d) => fingerprint(d.text));
  const t1 = performance.now();
  const stories = groupStories(docs, {}, prints);
  const t2 = performance.now();
  const lines = [
    `${docs.length} articles grouped in ${(t2 - t0).toFixed(0)} ms (fingerprints ${(t1 - t0).toFixed(0)} ms, grouping ${(t2 - t1).toFixed(0)} ms) into ${stories.length} stories (${stories.filter((s) => s.articleIds.length > 1).length} with several versions)`,
  ];

  const silverPath = join(dirname(BBC_PATH), 'near-duplicate-pairs.silver.json');
  if (existsSync(silverPath)) {
    const storyOf = new Map<string, string>();
    for (const s of stories) for (const id of s.articleIds) storyOf.set(id, s.id);
    const silver = JSON.parse(readFileSync(silverPath, 'utf8')) as SilverPair[];
    const together = (p: SilverPair) => storyOf.get(p.a) !== undefined && storyOf.get(p.a) === storyOf.get(p.b);
    const near = silver.filter((p) => p.jaccard5 < 1);
    const exact = silver.filter((p) => p.jaccard5 >= 1);
    lines.push(
      `silver pairs recovered: ${silver.filter(together).length}/${silver.length} (near-duplicates ${near.filter(together).length}/${near.length}, exact ${exact.filter(together).length}/${exact.length})`,
    );
  }

  const big: StoryDoc[] = [];
  for (let copy = 0; big.length < 10_000; copy++) {
    for (const d of docs) {
      if (big.length >= 10_000) break;
      big.push({ ...d, id: `${d.id}#${copy}`, text: copy ? d.text.replace(/\bthe\b/, `the ${copy}`) : d.text });
    }
  }
  const t3 = performance.now();
  const bigStories = groupStories(big);
  const t4 = performance.now();
  lines.push(`${big.length} articles (BBC repeated with edits) grouped in ${(t4 - t3).toFixed(0)} ms into ${bigStories.length} stories`);
  return lines;
}
