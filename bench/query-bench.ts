import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildCore } from '../src/app/build-core.js';
import { emptyReport, storeParsed } from '../src/corpus/ingest.js';
import { parseArticle } from '../src/corpus/parse-article.js';
import { loadBbc, percentile } from './bbc-data.js';

/**
 * Query latency on a 10,000-article corpus: the BBC dev set repeated with a
 * per-copy marker (so copies are distinct articles, not deduplicated), dated
 * across a year. Reports p50/p99 of /brief and /who through the real router.
 */
export async function benchQueries(target = Number(process.env.NEWSDESK_BENCH_ARTICLES ?? 10_000)): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));
  const core = await buildCore({ dbPath: join(dir, 'bench.db'), corpusDir: null });
  try {
    const bbc = loadBbc();
    const report = emptyReport();
    const t0 = performance.now();
    for (let i = 0; i < target; i++) {
      const r = bbc[i % bbc.length];
      const copy = Math.floor(i / bbc.length);
      const day = new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
      const raw = JSON.stringify({ title: r.title, publishedAt: day, text: `${r.article.split('\n').slice(1).join('\n')}\n\nEdition ${copy}.`, url: `https://news.example/${r.id}/${copy}` });
      storeParsed(core.store, parseArticle(raw, `bench/${r.id.replace('/', '-')}-${copy}.json`, 'feed'), new Date(), report);
    }
    const tIngest = performance.now();
    await core.corpus.refresh();
    const tReady = performance.now();
    const people = core.corpus.entities().all().filter((e) => e.type === 'person').sort((a, b) => b.mentionCount - a.mentionCount).slice(0, 50);
    const places = core.corpus.entities().all().filter((e) => e.type !== 'person').sort((a, b) => b.mentionCount - a.mentionCount).slice(0, 50);
    const topics = [...places.map((e) => e.name), 'economy', 'human rights', 'election campaign', 'mobile phones', 'film 7d', 'zzzqqq'];
    const whos = [...people.map((e) => e.name.split(' ').pop()!), 'blinkin', 'nobodyatall'];
    const slowest: { q: string; ms: number }[] = [];
    const time = async (name: string, args: string) => {
      const s = performance.now();
      await core.router.run({ name, args, actor: { id: 'bench', isAdmin: false }, channel: 'console:bench', platform: 'cli' });
      const ms = performance.now() - s;
      slowest.push({ q: `/${name} ${args}`, ms });
      return ms;
    };
    const brief: number[] = [];
    const who: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const t of topics) brief.push(await time('brief', t));
      for (const w of whos) who.push(await time('who', w));
    }
    const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms (n=${xs.length})`;
    return [
      `corpus: ${core.corpus.size()} articles; store ${((tIngest - t0) / 1000).toFixed(1)} s, analyse + index ${((tReady - tIngest) / 1000).toFixed(1)} s`,
      `/brief: ${fmt(brief)}  [target p99 <= 50 ms]`,
      `/who:   ${fmt(who)}  [target p99 <= 50 ms]`,
      `slowest: ${slowest.sort((a, b) => b.ms - a.ms).slice(0, 5).map((x) => `${x.q} ${x.ms.toFixed(0)} ms`).join(', ')}`,
      `heap used: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB`,
    ];
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
