import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildCore } from '../src/app/build-core.js';
import { fixedClock } from '../src/core/clock.js';
import { buildFeeds } from '../src/feeds/build-feeds.js';
import { loadBbc } from './bbc-data.js';

/**
 * The feed server runs in its own process so the CPU time measured is
 * newsdesk's alone. BBC articles repeat across the 10,000 items, so each
 * item's description and page carry an edition marker: otherwise newsdesk
 * would rightly store each story once. Feeds are RSS with ETags (304 when sent back); pages
 * are BBC articles wrapped in the usual furniture (cookie banner, navigation,
 * most-read list, footer, scripts).
 */
const SERVER = `
const http = require('node:http');
const fs = require('node:fs');
const [,, dataFile, feedsArg, itemsArg] = process.argv;
const arts = JSON.parse(fs.readFileSync(dataFile, 'utf8'));
const FEEDS = Number(feedsArg), ITEMS = Number(itemsArg);
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const nav = '<nav><ul>' + Array.from({ length: 20 }, (_, k) => '<li><a href="/s/' + k + '">Section ' + k + '</a></li>').join('') + '</ul></nav>';
const most = '<aside class="most-read"><h2>Most read</h2><ol>' + Array.from({ length: 10 }, (_, k) => '<li><a href="/m/' + k + '">Most read story ' + k + '</a></li>').join('') + '</ol></aside>';
const server = http.createServer((req, res) => {
  let m = /^\\/feed\\/(\\d+)\\.xml$/.exec(req.url);
  if (m) {
    const f = Number(m[1]);
    const etag = '"feed-' + f + '"';
    if (req.headers['if-none-match'] === etag) { res.statusCode = 304; return res.end(); }
    const host = 'http://' + req.headers.host;
    const items = Array.from({ length: ITEMS }, (_, j) => {
      const a = arts[(f * ITEMS + j) % arts.length];
      return '<item><title>' + esc(a.title) + '</title><link>' + host + '/page/' + f + '/' + j + '</link><guid isPermaLink="false">f' + f + '-i' + j + '</guid><pubDate>' + new Date(Date.UTC(2025, 0, 1) + (f * ITEMS + j) * 60000).toUTCString() + '</pubDate><description>' + esc('Edition ' + f + '-' + j + '. ' + a.text.slice(0, 200)) + '</description></item>';
    }).join('');
    res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
    res.setHeader('etag', etag);
    return res.end('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed ' + f + '</title><link>' + host + '/</link>' + items + '</channel></rss>');
  }
  m = /^\\/page\\/(\\d+)\\/(\\d+)$/.exec(req.url);
  if (m) {
    const f = Number(m[1]), j = Number(m[2]);
    const a = arts[(f * ITEMS + j) % arts.length];
    const paras = a.text.split('\\n').filter(Boolean).map((p) => '<p>' + esc(p) + '</p>').join('');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    return res.end('<!doctype html><html><head><title>' + esc(a.title) + ' - Bench News</title><meta property="og:site_name" content="Bench News"><script>window.dataLayer = [];</script></head><body><div class="cookie-banner">We use cookies. Accept all</div>' + nav + '<main><article><h1>' + esc(a.title) + '</h1>' + paras + '<p>Edition ' + f + '-' + j + '.</p><div class="newsletter">Sign up for our newsletter</div></article></main>' + most + '<footer>Copyright Bench News</footer></body></html>');
  }
  res.statusCode = 404; res.end();
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

async function startServer(dir: string, feeds: number, items: number): Promise<{ port: number; child: ChildProcess }> {
  const bbc = loadBbc().map((r) => ({ title: r.title, text: r.article.split('\n').slice(1).join('\n') }));
  const data = join(dir, 'articles.json');
  writeFileSync(data, JSON.stringify(bbc));
  const script = join(dir, 'server.cjs');
  writeFileSync(script, SERVER);
  const child = spawn(process.execPath, [script, data, String(feeds), String(items)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (b: Buffer) => resolve(Number(b.toString().trim())));
    child.once('exit', (code) => reject(new Error(`bench feed server exited with ${code}`)));
  });
  return { port, child };
}

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

/**
 * `npm run bench -- feeds`: 500 feeds × 20 new items (10,000 pages) from a
 * local server, fetched, extracted, stored, analysed and answerable by
 * /brief; then a round where every feed answers 304. Reports wall and CPU
 * time of each round and peak RSS.
 */
export async function runFeedsBench(
  feeds = Number(process.env.NEWSDESK_BENCH_FEEDS ?? 500),
  items = Number(process.env.NEWSDESK_BENCH_FEED_ITEMS ?? 20),
): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-feeds-bench-'));
  const { port, child } = await startServer(dir, feeds, items);
  const clock = fixedClock('2026-01-01T00:00:00Z');
  const core = await buildCore({ dbPath: join(dir, 'bench.db'), corpusDir: null, clock });
  const subsystem = buildFeeds({
    db: core.db, articles: core.store, clock, onArticlesStored: () => void core.corpus.refreshChanged(), notify: () => undefined,
    // Every page comes from one local host here, so per-host politeness is lifted to the overall limit.
    settings: { feedsFile: null, defaultEveryMs: 600_000, allowPrivate: true, userAgent: 'newsdesk/bench', maxConcurrent: 16, perHost: 16 },
  });
  try {
    for (let f = 0; f < feeds; f++) subsystem.store.add(`http://127.0.0.1:${port}/feed/${f}.xml`, 600_000, 'cli', clock.now());
    clock.advance(600_000);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const first = await subsystem.poller.pollDue();
    const tFetched = performance.now();
    await core.corpus.refresh();
    const tReady = performance.now();
    const cpuFirst = cpuSeconds(process.cpuUsage(cpu0));
    const stored = first.reduce((n, o) => n + o.newItems, 0);
    const partial = first.reduce((n, o) => n + o.partialItems, 0);
    const failed = first.filter((o) => o.status === 'failed').length;
    const probe = core.corpus.articles().at(-1);
    const reply = probe ? await core.router.run({ name: 'brief', args: probe.title.split(/\s+/).slice(0, 4).join(' '), actor: { id: 'bench', isAdmin: false }, channel: 'console:bench', platform: 'cli' }) : null;

    clock.advance(600_000);
    const cpu1 = process.cpuUsage();
    const t1 = performance.now();
    const second = await subsystem.poller.pollDue();
    const tSecond = performance.now();
    const cpuSecond = cpuSeconds(process.cpuUsage(cpu1));
    const notModified = second.filter((o) => o.status === 'not_modified').length;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    return [
      `feeds: ${feeds} × ${items} items → ${stored} articles stored (${partial} from feed text only, ${failed} feeds failed)`,
      `first round: fetched+extracted+stored ${((tFetched - t0) / 1000).toFixed(1)} s, analysed and answerable after ${((tReady - t0) / 1000).toFixed(1)} s wall, ${cpuFirst.toFixed(1)} s CPU`,
      `answerable: /brief "${probe?.title.slice(0, 40)}" → ${reply?.kind ?? 'no reply'}${reply?.text.includes(probe?.title ?? '\u0000') ? ' naming the article' : ''} (${core.corpus.size()} articles in the corpus)`,
      `304 round: ${notModified}/${second.length} not modified in ${((tSecond - t1) / 1000).toFixed(2)} s wall, ${cpuSecond.toFixed(2)} s CPU`,
      `peak RSS: ${peakMb.toFixed(0)} MB`,
    ];
  } finally {
    await subsystem.close();
    await core.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run directly: `npx tsx bench/feeds-bench.ts [feeds] [items]`.
if (process.argv[1] && /feeds-bench\.ts$/.test(process.argv[1])) {
  const [f, i] = process.argv.slice(2).map(Number);
  for (const line of await runFeedsBench(f || undefined, i || undefined)) console.log(line);
}
