import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BOT_WATCH_MS } from '../../src/app/compose.js';
import { percentile } from '../bbc-data.js';
import type { PoolArticle } from './analysed-pool.js';
import type { BenchCorpus } from './bench-corpus.js';
import { openBenchStore, type IndexDataOf } from './bench-store.js';
import type { BenchQuery, ChildArgs, MemorySample, ParentMessage, QueryTiming } from './child-protocol.js';
import { Inbox } from './child-inbox.js';
import { dropPageCache } from './page-cache.js';
import { REFRESH_PREFIX, refreshArticles } from './clone-articles.js';

/** Latency percentiles in ms. */
export interface Latency {
  p50: number;
  p99: number;
  n: number;
}

/** What one size on one engine measured; `error` says why a figure is missing. */
export interface SizeResult {
  articles?: number;
  brief?: Latency;
  who?: Latency;
  /** Spawn to first answer on the second start (the first, priming start, may save what later starts read). */
  startupMs?: number;
  /** Spawn to first answer on the first (priming) start. */
  startupColdMs?: number;
  /** The priming start's peak RSS (sampled VmRSS). */
  peakRssColdMb?: number;
  /** The measured child's memory after each phase: built, answered (first /brief), queries, refresh, end. */
  memoryMb?: Record<string, MemorySample>;
  /** Where start-up went, ms since the child's own start (module loading under tsx, buildCore, first answer). */
  startupPhasesMs?: { modulesLoaded: number; coreBuilt: number; firstAnswer: number };
  peakRssMb?: number;
  refreshMs?: number;
  /** Time the other connection took to store the refresh probe's articles with their analyses. */
  refreshWriteMs?: number;
  slowest?: string[];
  /** The query-mix commands after which the child's peak RSS rose most, with the rise. */
  peakRaisedBy?: string[];
  /** Set when the query budget ran out before every round of the mix was asked. */
  partialMix?: string;
  /** Commands of the mix that answered with an error (their times are not answers: the figures are void). */
  failedQueries?: number;
  generateSeconds?: number;
  storage?: string;
  /**
   * A start after the OS page cache was dropped (as after a reboot): spawn to first answer, and one round of
   * the mix, each command asked for the first time with nothing of the file cached. `skipped` says why not.
   */
  coldCache?: { startupMs: number; brief: Latency; who: Latency; slowest: string[] } | { skipped: string };
  /** The OS page cache the measured start found (see measureSize). */
  pageCache?: string;
  error?: string;
}

export interface MeasureOptions {
  queries: BenchQuery[];
  rounds: number;
  /** Stop asking after this long (ms), so a slow size still reports what it answered. */
  queryBudgetMs: number;
  /** Kill the child after this long (ms) and record an error instead of hanging. */
  timeoutMs: number;
  /** Drop the OS page cache before a cold-cache start (root on Linux); false keeps it (`--keep-page-cache`). */
  dropPageCache: boolean;
  /** Heap limit for the child (MB) and the RSS at which it is killed to protect the machine. */
  heapMb: number;
  rssLimitMb: number;
  pool: readonly PoolArticle[];
  version: number;
  indexDataOf: IndexDataOf | null;
  refreshCount: number;
  /** The child to run: compiled JavaScript (as `npm start` runs), or the TypeScript source under tsx. */
  child: { path: string; loader: 'node' | 'tsx' };
  /** Write a V8 CPU profile of each child here (`--profile`), for finding where start-up and queries go. */
  profileDir?: string;
  log: (s: string) => void;
}

/** The child as TypeScript, run through tsx (`--tsx`). */
export const CHILD_TS = fileURLToPath(new URL('./scale-child.ts', import.meta.url));

/**
 * Start the real core on `corpus` in child processes and measure it, in three starts:
 * 1. a priming start (spawn → first answer → close, timed as startupColdMs), so what a bot saves for its
 *    next start exists;
 * 2. the cold-cache start: the OS page cache is dropped first (as by a reboot), then spawn → first answer
 *    and one round of the mix, each command's first asking read from disk (`coldCache`);
 * 3. the measured start, on the page cache the cold-cache start left (a bot restarted on a machine where it
 *    has been answering): spawn → first /brief answer (startupMs), the mix's /brief and /who latencies over
 *    three rounds, the time until 100 articles stored by another connection are found by /brief, and the
 *    child's peak RSS (VmHWM).
 * Without the cold-cache start (not root, or `--keep-page-cache`) the measured start finds whatever earlier
 * work left cached, and `pageCache` says so. A timeout or the RSS guard kills the child; what was measured
 * before that is kept, with the reason in `error`.
 */
export async function measureSize(corpus: BenchCorpus, opts: MeasureOptions): Promise<SizeResult> {
  const result: SizeResult = { generateSeconds: round(corpus.generateSeconds, 1), storage: corpus.storageKind };
  // The priming start: a bot that has run once has saved whatever it saves for its next start (an index
  // snapshot), so the measured start is the second one. The first is timed too (startupColdMs).
  {
    const cold = startChild(corpus, opts, 'cold');
    try {
      const ready = await cold.inbox.next('ready');
      result.startupColdMs = round(performance.now() - cold.t0, 0);
      opts.log(`    priming start: ${(result.startupColdMs / 1000).toFixed(1)} s (core built ${(ready.builtMs / 1000).toFixed(1)} s)`);
      send(cold.child, { type: 'finish' });
      const done = await cold.inbox.next('done');
      // Its close is part of priming (a snapshot may be saved then): wait for the exit.
      await cold.inbox.exited(opts.timeoutMs);
      result.peakRssColdMb = round(Math.max(done.peakRssMb, cold.inbox.peakRssMb), 0);
    } catch (e) {
      result.error = `priming start: ${(e as Error).message}`;
      opts.log(`    error: ${result.error}`);
      return result;
    } finally {
      cold.inbox.stop();
      if (cold.child.exitCode === null) cold.child.kill('SIGKILL');
    }
  }
  const dropped = opts.dropPageCache ? dropPageCache() : 'not asked (--keep-page-cache)';
  if (dropped === null) {
    result.coldCache = await measureColdCache(corpus, opts);
    result.pageCache = 'as a bot restarted on a running machine finds it: emptied before the cold-cache start, which then read its snapshot and asked every command of the mix once';
  } else {
    result.coldCache = { skipped: dropped };
    result.pageCache = `as earlier work left it (not controlled: ${dropped})`;
  }
  const { child, inbox, t0 } = startChild(corpus, opts, 'warm');
  const memory: Record<string, MemorySample> = {};
  try {
    const ready = await inbox.next('ready');
    result.startupMs = round(performance.now() - t0, 0);
    result.articles = ready.size;
    result.startupPhasesMs = { modulesLoaded: round(ready.importedMs, 0), coreBuilt: round(ready.builtMs, 0), firstAnswer: round(ready.answeredMs, 0) };
    Object.assign(memory, ready.memory);
    opts.log(`    started in ${(result.startupMs / 1000).toFixed(1)} s (in the child: modules loaded ${(ready.importedMs / 1000).toFixed(1)} s, core built ${(ready.builtMs / 1000).toFixed(1)} s, answered ${(ready.answeredMs / 1000).toFixed(1)} s); ${ready.firstAnswer}`);
    if (ready.size < corpus.size) throw new Error(`the child serves ${ready.size} of ${corpus.size} articles (does buildCore read this engine's articles in this build?)`);

    send(child, { type: 'queries', queries: opts.queries, rounds: opts.rounds, budgetMs: opts.queryBudgetMs });
    const { timings, memory: afterQueries } = await inbox.next('timings');
    memory.queries = afterQueries;
    if (timings.length < opts.queries.length * opts.rounds) {
      result.partialMix = `${timings.length} of ${opts.queries.length * opts.rounds} commands within the ${opts.queryBudgetMs / 1000} s query budget`;
      opts.log(`    partial mix: ${result.partialMix}`);
    }
    const mix = mixFigures(timings);
    Object.assign(result, mix);
    // The commands after which the peak (VmHWM) rose most: where the query phase's memory goes.
    result.peakRaisedBy = timings
      .map((t, i) => ({ t, rise: t.hwmMb - (i ? timings[i - 1].hwmMb : (ready.memory.answered.hwmMb)) }))
      .filter((x) => x.rise > 0)
      .sort((a, b) => b.rise - a.rise)
      .slice(0, 5)
      .map((x) => `/${x.t.command} ${x.t.args} +${x.rise} MB`);
    const failed = timings.filter((t) => t.failed);
    if (failed.length) {
      result.failedQueries = failed.length;
      result.error = `${failed.length} of ${timings.length} commands answered with an error (e.g. /${failed[0].command} ${failed[0].args})`;
    }
    opts.log(`    /brief p50 ${mix.brief.p50} p99 ${mix.brief.p99} ms; /who p50 ${mix.who.p50} p99 ${mix.who.p99} ms`);

    const marker = `zq${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 8)}`;
    send(child, { type: 'watch', marker, expect: opts.refreshCount, pollMs: 20, timeoutMs: 30_000 });
    await inbox.next('watching');
    const writer = await openBenchStore(corpus.target, opts.indexDataOf);
    try {
      const w0 = performance.now();
      // As another replica storing what it analysed: its claims keep the bot from analysing the probe too.
      await writer.write(refreshArticles(opts.pool, marker, opts.refreshCount, new Date()), opts.version, new Date(), { claimAs: 'bench-writer' });
      result.refreshWriteMs = round(performance.now() - w0, 0);
      const committed = Date.now();
      const seen = await inbox.next('visible');
      memory.refresh = seen.memory;
      if (seen.seen >= opts.refreshCount) result.refreshMs = round(seen.at - committed, 0);
      else result.error = [result.error, `only ${seen.seen} of ${opts.refreshCount} new articles visible after 30 s`].filter(Boolean).join('; ');
      opts.log(`    refresh: ${seen.seen} new articles visible ${seen.at - committed} ms after the commit (write took ${result.refreshWriteMs} ms)`);
    } finally {
      await writer.removePrefix(REFRESH_PREFIX, new Date()).catch(() => 0);
      await writer.close();
    }

    send(child, { type: 'finish' });
    const done = await inbox.next('done');
    memory.end = done.memory;
    // Let it close the database cleanly (a kill mid-close leaves the write-ahead log to the next opener).
    await inbox.exited(15_000);
    result.peakRssMb = round(Math.max(done.peakRssMb, inbox.peakRssMb), 0);
    result.memoryMb = memory;
    opts.log(`    peak RSS ${result.peakRssMb} MB (priming start ${result.peakRssColdMb} MB); VmHWM after ${Object.entries(memory).map(([k, m]) => `${k} ${m.hwmMb}`).join(', ')} MB`);
    if (done.errors.length) opts.log(`    logged errors: ${done.errors.join(' | ')}`);
  } catch (e) {
    result.error = (e as Error).message;
    if (inbox.peakRssMb) result.peakRssMb = round(inbox.peakRssMb, 0);
    if (Object.keys(memory).length) result.memoryMb = memory;
    opts.log(`    error: ${result.error}`);
  } finally {
    inbox.stop();
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  return result;
}

/**
 * The start after a reboot: with the page cache just dropped, spawn to first answer, then one round of the
 * mix. Every read of the file comes from disk the first time, so this is the slowest a first asking gets.
 */
async function measureColdCache(corpus: BenchCorpus, opts: MeasureOptions): Promise<NonNullable<SizeResult['coldCache']>> {
  const { child, inbox, t0 } = startChild(corpus, opts, 'cold-cache');
  try {
    await inbox.next('ready');
    const startupMs = round(performance.now() - t0, 0);
    send(child, { type: 'queries', queries: opts.queries, rounds: 1, budgetMs: opts.queryBudgetMs });
    const { timings } = await inbox.next('timings');
    send(child, { type: 'finish' });
    await inbox.next('done');
    await inbox.exited(15_000);
    const cold = { startupMs, ...mixFigures(timings) };
    opts.log(`    cold page cache: started in ${(startupMs / 1000).toFixed(1)} s; first askings /brief p50 ${cold.brief.p50} p99 ${cold.brief.p99} ms, /who p50 ${cold.who.p50} p99 ${cold.who.p99} ms`);
    return cold;
  } catch (e) {
    opts.log(`    cold page cache: ${(e as Error).message}`);
    return { skipped: `failed: ${(e as Error).message}` };
  } finally {
    inbox.stop();
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** Fork the measured child on `corpus`; `t0` is the instant of the fork. */
function startChild(corpus: BenchCorpus, opts: MeasureOptions, run: 'cold' | 'cold-cache' | 'warm'): { child: ChildProcess; inbox: Inbox; t0: number } {
  const args: ChildArgs = { target: corpus.target, expectSize: corpus.size, analysisVersion: opts.version, watchMs: BOT_WATCH_MS, firstQuery: 'united states' };
  const t0 = performance.now();
  const child = fork(opts.child.path, [JSON.stringify(args)], {
    execArgv: [
      ...(opts.child.loader === 'tsx' ? ['--import', 'tsx'] : []),
      `--max-old-space-size=${opts.heapMb}`,
      ...(opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`, `--cpu-prof-name=${corpus.target.engine}-${corpus.size}-${run}-${Date.now()}.cpuprofile`] : []),
    ],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  return { child, inbox: new Inbox(child, opts.timeoutMs, opts.rssLimitMb), t0 };
}

function send(child: ChildProcess, m: ParentMessage): void {
  child.send(m);
}

/** What a round (or rounds) of the mix measured: /brief and /who latencies, and the five slowest commands. */
function mixFigures(timings: readonly QueryTiming[]): { brief: Latency; who: Latency; slowest: string[] } {
  const lat = (cmd: string) => timings.filter((t) => t.command === cmd).map((t) => t.ms);
  return { brief: latency(lat('brief')), who: latency(lat('who')), slowest: [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5).map(describeTiming) };
}

/** "/brief uk 48 ms", with the collection pauses inside it when there were any ("(GC 21 ms)"). */
function describeTiming(t: QueryTiming): string {
  return `/${t.command} ${t.args} ${t.ms.toFixed(0)} ms${t.gcMs >= 1 ? ` (GC ${t.gcMs.toFixed(0)} ms)` : ''}`;
}

function latency(xs: number[]): Latency {
  return { p50: round(percentile(xs, 50), 1), p99: round(percentile(xs, 99), 1), n: xs.length };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
