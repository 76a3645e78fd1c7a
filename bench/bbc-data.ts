import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';

/** One BBC News Summary record (see ../shared/eval/data/bbc-news-summary/README.md). */
export interface BbcRecord {
  id: string;
  category: string;
  title: string;
  article: string;
}

export const BBC_PATH = resolve(process.env.NEWSDESK_BENCH_BBC ?? '../shared/eval/data/bbc-news-summary/bbc-news-summary.jsonl.gz');

/** Load the BBC dev articles used by the benchmarks. */
export function loadBbc(path = BBC_PATH): BbcRecord[] {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as BbcRecord);
}

/** p-th percentile (0..100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
