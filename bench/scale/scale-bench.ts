import { totalmem } from 'node:os';
import { join } from 'node:path';
import { CACHE_DIR, loadAnalysedPool } from './analysed-pool.js';
import { type BenchCorpus, postgresCorpus, sqliteCorpus } from './bench-corpus.js';
import { loadIndexCodec } from './index-codec.js';
import { compileChild } from './compile-child.js';
import { CHILD_TS, measureSize, type SizeResult } from './measure-size.js';
import { queryMix } from './query-mix.js';

/** Figures per size, keyed by the size as a string ("10000"). */
export type SizeTable = Record<string, SizeResult>;

export interface ScaleOptions {
  sizes: number[];
  /** PostgreSQL URL: when given, the same sizes are measured on PostgreSQL too. */
  postgresUrl: string | null;
  /** PostgreSQL sizes when not the same as SQLite's (`--pg-sizes`: generating through the repository is slower there). */
  postgresSizes?: number[];
  /** Only build (or find) the cached corpora; measure nothing (prepares a later run). */
  generateOnly?: boolean;
  /** Run the child through tsx instead of compiling it (start-up then includes TypeScript loading). */
  tsx?: boolean;
  /** Write each child's V8 CPU profile under bench/.cache/profiles/. */
  profile?: boolean;
  /** Leave the OS page cache alone: no cold-cache start, and the measured start finds what earlier work cached. */
  keepPageCache?: boolean;
  /** Re-analyse the pool even when a cached one exists. */
  freshPool?: boolean;
  log: (s: string) => void;
}

export interface ScaleFigures {
  sizes: SizeTable;
  postgres: { sizes: SizeTable } | { error: string };
  queryMix: string[];
  /** How the measured child ran: "compiled" (node, as npm start) or "tsx". */
  childLoader: string;
}

/** The issue's targets (SQLite); the table marks each figure against them. */
export const TARGETS: Record<string, { p99Ms: number; startupMs?: number; peakRssMb?: number; refreshMs?: number }> = {
  '100000': { p99Ms: 50, startupMs: 5_000, peakRssMb: 800, refreshMs: 2_000 },
  '1000000': { p99Ms: 200, peakRssMb: 2_500 },
};

/**
 * Build (or reuse) a corpus of each size on SQLite — and on PostgreSQL when a URL is given — and measure it
 * in a child process each (see measureSize). A size that fails records `{error}` and the run goes on.
 */
export async function benchScale(opts: ScaleOptions): Promise<ScaleFigures> {
  const { log } = opts;
  const pool = loadAnalysedPool({ fresh: opts.freshPool, log });
  const codec = await loadIndexCodec();
  const queries = queryMix(pool.articles);
  log(`pool: ${pool.articles.length} analysed BBC articles (analysis version ${pool.version}${pool.analyseSeconds ? `, analysed in ${pool.analyseSeconds.toFixed(1)} s` : ', cached'}); index records: ${codec.key}; storage: ArticleRepository`);
  log(`query mix (${queries.length} commands × 3 rounds): ${queries.map((q) => `/${q.command} ${q.args}`).join('; ')}`);
  const child = opts.tsx || opts.generateOnly ? { path: CHILD_TS, loader: 'tsx' as const } : { path: compileChild(log), loader: 'node' as const };
  const measureOpts = (size: number) => {
    const heapMb = size >= 1_000_000 ? 10_240 : size >= 100_000 ? 6_144 : 2_048;
    return {
      queries, rounds: 3, queryBudgetMs: size >= 1_000_000 ? 300_000 : 90_000, heapMb, rssLimitMb: Math.min(heapMb + 2_048, Math.floor((totalmem() / 1048576) * 0.6)),
      // Per child. The first start of a million without a snapshot reads every index record: on this machine
      // its paged read took ~2 s a page of 2,000 (a Bloom-filter join plan), so it gets an hour.
      timeoutMs: size >= 1_000_000 ? 3_600_000 : size >= 100_000 ? 330_000 : 150_000,
      pool: pool.articles, version: pool.version, indexDataOf: codec.indexDataOf, refreshCount: 100, child, log, dropPageCache: !opts.keepPageCache,
      profileDir: opts.profile ? join(CACHE_DIR, 'profiles') : undefined,
    };
  };
  const measure = async (engine: string, size: number, build: () => Promise<BenchCorpus>): Promise<SizeResult> => {
    log(`\n${engine} ${size.toLocaleString('en')} articles`);
    let corpus: BenchCorpus;
    try {
      const t0 = performance.now();
      corpus = await build();
      log(`  corpus ready (${corpus.generateSeconds ? `generated in ${corpus.generateSeconds.toFixed(0)} s` : 'cached'}; ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    } catch (e) {
      log(`  generation failed: ${(e as Error).message}`);
      return { error: `generation failed: ${(e as Error).message}` };
    }
    if (opts.generateOnly) return { error: 'not measured: --generate-only', generateSeconds: corpus.generateSeconds, storage: corpus.storageKind };
    return measureSize(corpus, measureOpts(size));
  };

  const sizes: SizeTable = {};
  for (const size of opts.sizes) sizes[String(size)] = await measure('SQLite', size, () => sqliteCorpus(pool, size, codec, log));
  let postgres: ScaleFigures['postgres'];
  if (!opts.postgresUrl) {
    postgres = { error: 'not measured: no database URL (set NEWSDESK_BENCH_DATABASE_URL, or run under `.ci/run with-postgres npm run bench`)' };
  } else {
    const pg: SizeTable = {};
    for (const size of opts.postgresSizes ?? opts.sizes) {
      pg[String(size)] = await measure('PostgreSQL', size, () => postgresCorpus(opts.postgresUrl!, pool, size, codec, log));
    }
    postgres = { sizes: pg };
  }
  return { sizes, postgres, queryMix: queries.map((q) => `/${q.command} ${q.args} [${q.kind}]`), childLoader: child.loader === 'node' ? 'compiled JavaScript (node)' : 'TypeScript through tsx' };
}

/** A readable table of the figures, each marked against its target where the issue sets one. */
export function scaleTable(title: string, sizes: SizeTable): string[] {
  const mark = (v: number | undefined, max: number | undefined) => (v === undefined ? '—' : `${v}${max === undefined ? '' : v <= max ? ' ok' : ' OVER'}`);
  const rows = [[title, 'brief p50/p99 ms', 'who p50/p99 ms', 'start ms', 'first start ms', 'peak RSS MB', 'refresh ms', 'cold cache: start ms, brief/who p99']];
  for (const [size, r] of Object.entries(sizes)) {
    const t = TARGETS[size];
    if (r.error && r.startupMs === undefined) {
      rows.push([Number(size).toLocaleString('en'), `error: ${r.error}${r.peakRssMb ? ` (peak RSS ${r.peakRssMb} MB)` : ''}`.slice(0, 140), '', '', '', '', '', '']);
      continue;
    }
    rows.push([
      Number(size).toLocaleString('en'),
      r.brief ? `${r.brief.p50} / ${mark(r.brief.p99, t?.p99Ms)}` : '—',
      r.who ? `${r.who.p50} / ${mark(r.who.p99, t?.p99Ms)}` : '—',
      mark(r.startupMs, t?.startupMs),
      r.startupColdMs === undefined ? '—' : String(r.startupColdMs),
      mark(r.peakRssMb, t?.peakRssMb),
      mark(r.refreshMs, t?.refreshMs),
      !r.coldCache ? '—' : 'skipped' in r.coldCache ? 'not measured' : `${r.coldCache.startupMs}, ${r.coldCache.brief.p99} / ${r.coldCache.who.p99}`,
    ]);
    if (r.error) rows.push(['', `(error: ${r.error})`.slice(0, 110), '', '', '', '', '', '']);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.filter((r) => r[1] === undefined || !r[1].startsWith('error') || i > 1).map((r) => (r[i] ?? '').length)));
  return rows.map((r) => (r[1]?.startsWith('error') || r[1]?.startsWith('(error') ? `${r[0].padEnd(widths[0])}  ${r[1]}` : r.map((c, i) => c.padEnd(widths[i])).join('  ')));
}
