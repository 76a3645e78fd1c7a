import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BBC_PATH } from './bbc-data.js';
import type { AnalysisFigures } from './analysis-bench.js';
import type { IngestFigures } from './ingest-bench.js';
import { benchScale, type ScaleFigures, scaleTable } from './scale/scale-bench.js';

/**
 * `npm run bench`: speed and memory targets live here, not in unit tests. The bench's composition root:
 * the only bench file that reads the environment and argv.
 *
 *   npm run bench                 analysis, ingest, grouping, summary, queries, scale (10k, 100k, 1M); writes bench/results.json
 *   npm run bench -- --quick      analysis, ingest and scale at 10k and 100k only (≤ 8 min; corpora cached in bench/.cache/)
 *   npm run bench -- scale --sizes 10000,50000
 *   --tsx (run the measured child through tsx instead of compiled JS), --fresh-pool (re-analyse the pool),
 *   --generate-only (build the cached corpora, measure nothing), --pg-sizes 10000 (PostgreSQL sizes, default: the same;
 *   with --sizes none only PostgreSQL is measured),
 *   --profile (a V8 CPU profile of each measured child in bench/.cache/profiles/),
 *   --keep-page-cache (do not drop the OS page cache for a cold-cache start; see below)
 *   npm run bench -- soak | feeds | queries | …   one section by name
 *
 * Each size starts its child three times. The first (priming) start answers once and closes, so whatever a
 * bot saves for its next start exists (startupColdMs, peakRssColdMb). The second starts after the OS page
 * cache is dropped, as after a reboot (root on Linux): its start and one round of the mix are `coldCache`,
 * every first asking read from disk. The third start is the one measured (startupMs, latencies, refreshMs,
 * peakRssMb, memoryMb per phase), on the page cache the second left: a bot restarted on a machine where it
 * has been answering. Without root the second is skipped and `pageCache` says the third's cache was not
 * controlled. A cached corpus keeps
 * what the last run's child saved, so the first start builds from records only when nothing usable was saved
 * (a new corpus, another analysis version or snapshot format); otherwise it too reads the snapshot.
 *
 * PostgreSQL figures: set NEWSDESK_BENCH_DATABASE_URL (or NEWSDESK_TEST_DATABASE_URL), e.g.
 * `.ci/run with-postgres npm run bench -- --quick`. The database must be empty or hold only bench clones: sizes
 * are grown in place in increasing order, and a database kept between runs keeps its clones (generation goes
 * through the repository at ~200 articles/s), so a persistent server with one database per size regenerates
 * nothing: `NEWSDESK_BENCH_DATABASE_URL=…/nd100k npm run bench -- scale --sizes none --pg-sizes 100000`.
 */
type Section = { name: string; run: () => Promise<string[]> };

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const FULL_SIZES = [10_000, 100_000, 1_000_000];
const QUICK_SIZES = [10_000, 100_000];

async function optional(path: string, exportName: string): Promise<(() => Promise<string[]>) | null> {
  try {
    const mod = (await import(path)) as Record<string, () => Promise<string[]>>;
    return mod[exportName] ?? null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  if (!existsSync(BBC_PATH)) {
    console.error(`bench data not found at ${BBC_PATH}; set NEWSDESK_BENCH_BBC`);
    process.exitCode = 1;
    return;
  }
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const listArg = (name: string) => {
    const v = argv.find((a, i) => a.startsWith(`${name}=`) || argv[i - 1] === name);
    return v ? v.replace(`${name}=`, '').split(',').map(Number).filter((n) => n > 0) : undefined;
  };
  const sizes = listArg('--sizes') ?? (quick ? QUICK_SIZES : FULL_SIZES);
  const postgresSizes = listArg('--pg-sizes');
  const only = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '--sizes' && argv[i - 1] !== '--pg-sizes');
  const started = performance.now();
  const loadBefore = loadavg()[0];

  // Figures for results.json, filled by the sections that produce them.
  let analysis: AnalysisFigures | null = null;
  let ingest: IngestFigures | null = null;
  let scale: ScaleFigures | null = null;

  const sections: Section[] = [];
  sections.push({
    name: 'analysis',
    run: async () => {
      const { measureAnalysis } = await import('./analysis-bench.js');
      analysis = await measureAnalysis({ entitiesOnly: !quick, limit: quick ? 1_000 : undefined });
      return analysis.lines;
    },
  });
  sections.push({
    name: 'ingest',
    run: async () => {
      const { measureIngest } = await import('./ingest-bench.js');
      ingest = await measureIngest();
      return [`ingest (read, parse, clean, store on SQLite): ${ingest.articles} BBC files in ${ingest.seconds.toFixed(2)} s = ${ingest.articlesPerSec} articles/s`];
    },
  });
  if (!quick) {
    const grouping = await optional('./summary-bench.js', 'benchGrouping');
    if (grouping) sections.push({ name: 'grouping', run: grouping });
    const summary = await optional('./summary-bench.js', 'benchSummary');
    if (summary) sections.push({ name: 'summary', run: summary });
    // Loaded when run: a section's imports (the whole core) must not stop the others from starting.
    sections.push({ name: 'queries', run: async () => (await import('./query-bench.js')).benchQueries() });
  }
  sections.push({
    name: 'scale',
    run: async () => {
      const lines: string[] = [];
      scale = await benchScale({
        sizes,
        freshPool: argv.includes('--fresh-pool'),
        generateOnly: argv.includes('--generate-only'),
        tsx: argv.includes('--tsx'),
        profile: argv.includes('--profile'),
        keepPageCache: argv.includes('--keep-page-cache'),
        postgresSizes,
        postgresUrl: process.env.NEWSDESK_BENCH_DATABASE_URL || process.env.NEWSDESK_TEST_DATABASE_URL || null,
        log: (s) => console.log(s),
      });
      if (Object.keys(scale.sizes).length) lines.push('', ...scaleTable('SQLite', scale.sizes));
      if ('sizes' in scale.postgres) lines.push('', ...scaleTable('PostgreSQL', scale.postgres.sizes));
      else lines.push('', `PostgreSQL: ${scale.postgres.error}`);
      return lines;
    },
  });
  // Long sections run only when named: the soak takes about 11 minutes, the feeds bench a few.
  const named: Section[] = [];
  const soak = await optional('./soak-bench.js', 'benchSoak');
  if (soak) named.push({ name: 'soak', run: soak });
  const feeds = await optional('./feeds-bench.js', 'runFeedsBench');
  if (feeds) named.push({ name: 'feeds', run: () => feeds() });
  for (const s of [...sections, ...named]) {
    if (only.length ? !only.includes(s.name) : named.includes(s)) continue;
    console.log(`\n## ${s.name}`);
    for (const line of await s.run()) console.log(line);
  }
  if ((scale || analysis || ingest) && !argv.includes('--generate-only')) {
    writeResults(analysis, ingest, scale, [loadBefore, loadavg()[0]]);
    console.log(`\nwrote ${RESULTS} (${((performance.now() - started) / 60_000).toFixed(1)} min)`);
  }
}

/**
 * Merge this run's figures into bench/results.json: what this run did not measure (1M in a quick run,
 * PostgreSQL without a URL) keeps its earlier figure, each size entry stamped with the commit and date it was
 * measured at, so a carried-over figure is never mistaken for a fresh one.
 */
function writeResults(analysis: AnalysisFigures | null, ingest: IngestFigures | null, scale: ScaleFigures | null, load: number[]): void {
  const old = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, any>) : {};
  const stamp = { commit: commitId(), measuredAt: new Date().toISOString() };
  const stampAll = (t: Record<string, object>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, { ...v, ...stamp }]));
  const out: Record<string, unknown> = {
    ...old,
    // The 1-minute load average at the start and end: on a shared machine, wall-clock figures depend on it.
    machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverage: load.map((l) => Math.round(l * 10) / 10) },
  };
  if (analysis) out.analysis = { articlesPerSec: analysis.articlesPerSec, cpuArticlesPerSec: analysis.cpuArticlesPerSec, articles: analysis.articles, data: `BBC News Summary dev set (first ${analysis.articles} articles), one process`, ...stamp };
  if (ingest) out.ingest = { articlesPerSec: ingest.articlesPerSec, articles: ingest.articles, data: 'BBC News Summary dev set as .txt files, SQLite', ...stamp };
  if (scale) {
    out.sizes = standardSizes(old.sizes, stampAll(scale.sizes));
    out.postgres = 'sizes' in scale.postgres
      ? { sizes: standardSizes(old.postgres?.sizes, stampAll(scale.postgres.sizes)) }
      : old.postgres?.sizes ? old.postgres : { ...scale.postgres, ...stamp };
    out.queryMix = scale.queryMix;
    out.child = scale.childLoader;
    out.method =
      'Corpora are clones of the analysed BBC dev articles (own source, feed, date within a year, title variant, closing line) stored with their analyses ' +
      'through the store; each size runs in a child process started through buildCore as the bot does (background, analyses cached), three times: startupColdMs is the first (priming) start, spawn to the first ' +
      '/brief answer, after which it closes; coldCache is the second start, after dropping the OS page cache (as a reboot does; PostgreSQL keeps its own shared buffers): spawn to first answer and p50/p99 of one round of the mix, every command asked for the first time; ' +
      'startupMs is spawn to first answer for the third start, which is then measured on the page cache the second left (pageCache says when it could not be controlled); brief/who are p50/p99 over the query mix × 3 rounds; refreshMs is from another connection committing 100 new analysed ' +
      'articles to /brief finding all 100; peakRssMb is the measured child\'s VmHWM; memoryMb its VmHWM/VmRSS/heap after each phase ' +
      '(built, first answer, query mix, refresh, end) and peakRaisedBy the commands after which the peak rose most.';
  }
  writeFileSync(RESULTS, `${JSON.stringify(out, null, 2)}\n`);
}

/**
 * The three sizes: this run's figures over earlier ones; a size never measured says so. Other sizes
 * (`--sizes` trials) are kept only when this run measured them.
 */
function standardSizes(old: Record<string, object> | undefined, now: Record<string, object>): Record<string, object> {
  const out: Record<string, object> = {};
  for (const size of FULL_SIZES.map(String)) {
    out[size] = now[size] ?? old?.[size] ?? { error: 'not measured yet: no run has measured this size on this engine (--quick stops at 100,000; --pg-sizes limits PostgreSQL)' };
  }
  return { ...out, ...now };
}

function commitId(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim();
    return dirty ? `${head}+uncommitted-src` : head;
  } catch {
    return 'unknown';
  }
}

await main();
