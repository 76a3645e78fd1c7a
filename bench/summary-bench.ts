import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { groupStories } from '../src/stories/group-stories.js';
import { loadBbc } from './bbc-data.js';

/** Story grouping on the BBC dev set: time, and how many of the silver near-duplicate pairs end up in one story. */
export async function benchGrouping(): Promise<string[]> {
  const bbc = loadBbc();
  const docs = bbc.map((r) => ({ id: r.id, title: r.title, text: r.article.split('\n').slice(1).join('\n'), publishedAt: null }));
  const t0 = performance.now();
  const stories = groupStories(docs);
  const ms = performance.now() - t0;
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const id of s.articleIds) storyOf.set(id, s.id);
  const silverPath = resolve('../shared/eval/data/bbc-news-summary/near-duplicate-pairs.silver.json');
  const silver = JSON.parse(readFileSync(silverPath, 'utf8')) as { jaccard5: number; a: string; b: string }[];
  const found = silver.filter((p) => storyOf.get(p.a) === storyOf.get(p.b)).length;
  const near = silver.filter((p) => p.jaccard5 < 1);
  const nearFound = near.filter((p) => storyOf.get(p.a) === storyOf.get(p.b)).length;
  const multi = stories.filter((s) => s.articleIds.length > 1);
  return [
    `${docs.length} articles grouped in ${ms.toFixed(0)} ms into ${stories.length} stories (${multi.length} with several versions)`,
    `silver pairs recovered: ${found}/${silver.length} (near-duplicates ${nearFound}/${near.length}, exact ${found - nearFound}/${silver.length - near.length})`,
  ];
}
