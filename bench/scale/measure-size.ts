import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BOT_WATCH_MS } from '../../src/app/compose.js';
import { percentile } from '../bbc-data.js';
import type { PoolArticle } from './analysed-pool.js';
import type { BenchCorpus } from './bench-corpus.js';
import { openBenchStore, type IndexDataOf } from './bench-store.js';
import type { BenchQuery, ChildArgs, ChildMessage, MemorySample, ParentMessage } from './child-protocol.js';
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
  error?: string;
}

export interface MeasureOptions {
  queries: BenchQuery[];
  rounds: number;
  /** Stop asking after this long (ms), so a slow size still reports what it answered. */
  queryBudgetMs: number;
  /** Kill the child after this long (ms) and record an error instead of hanging. */
  timeoutMs: number;
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
 * Start the real core on `corpus` in a child process and measure it. A priming start (spawn → first answer →
 * close, timed as startupColdMs) comes first, so what a bot saves for its next start exists; the second
 * start is measured: spawn → first /brief answer (startupMs), the query mix's /brief and /who latencies, the time until 100 articles stored by another connection are
 * found by /brief, and the child's peak RSS (VmHWM). A timeout or the RSS guard kills the child; what was
 * measured before that is kept, with the reason in `error`.
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
    const lat = (cmd: string) => timings.filter((t) => t.command === cmd).map((t) => t.ms);
    result.brief = latency(lat('brief'));
    result.who = latency(lat('who'));
    result.slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5).map((t) => `/${t.command} ${t.args} ${t.ms.toFixed(0)} ms`);
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
    opts.log(`    /brief p50 ${result.brief.p50} p99 ${result.brief.p99} ms; /who p50 ${result.who.p50} p99 ${result.who.p99} ms`);

    const marker = `zq${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 8)}`;
    send(child, { type: 'watch', marker, expect: opts.refreshCount, pollMs: 20, timeoutMs: 30_000 });
    await inbox.next('watching');
    const writer = await openBenchStore(corpus.target, opts.indexDataOf);
    try {
      const w0 = performance.now();
      await writer.write(refreshArticles(opts.pool, marker, opts.refreshCount, new Date()), opts.version, new Date());
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

/** Fork the measured child on `corpus`; `t0` is the instant of the fork. */
function startChild(corpus: BenchCorpus, opts: MeasureOptions, run: 'cold' | 'warm'): { child: ChildProcess; inbox: Inbox; t0: number } {
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

/** Messages from the child, in order, with a deadline, an RSS guard, and its stderr for error reports. */
class Inbox {
  private readonly queue: ChildMessage[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private stderr = '';
  private readonly timers: NodeJS.Timeout[] = [];
  peakRssMb = 0;

  constructor(private readonly child: ChildProcess, timeoutMs: number, rssLimitMb: number) {
    child.on('message', (m) => this.push(m as ChildMessage));
    child.stderr?.on('data', (d: Buffer) => void (this.stderr = (this.stderr + d.toString()).slice(-2000)));
    child.on('exit', (code, signal) => this.fail(`the child exited (${signal ?? `code ${code}`})${this.stderr ? `: ${this.stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`));
    this.timers.push(setTimeout(() => this.kill(`timed out after ${timeoutMs / 1000} s`), timeoutMs));
    this.timers.push(
      setInterval(() => {
        const rss = rssMbOf(child.pid);
        this.peakRssMb = Math.max(this.peakRssMb, rss);
        if (rss > rssLimitMb) this.kill(`killed at ${rss.toFixed(0)} MB RSS (guard ${rssLimitMb} MB)`);
      }, 200),
    );
  }

  async next<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>> {
    for (;;) {
      const m = this.queue.shift();
      if (m) {
        if (m.type === 'error') throw new Error(m.message);
        if (m.type === type) return m as Extract<ChildMessage, { type: T }>;
        continue;
      }
      if (this.failure) throw this.failure;
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  /** Resolves when the child has exited, or after `ms`. */
  exited(ms: number): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
  }

  private push(m: ChildMessage): void {
    this.queue.push(m);
    this.wake?.();
  }

  private fail(message: string): void {
    this.failure ??= new Error(message);
    this.wake?.();
  }

  private kill(reason: string): void {
    this.fail(reason);
    this.child.kill('SIGKILL');
  }
}

function rssMbOf(pid: number | undefined): number {
  try {
    return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function latency(xs: number[]): Latency {
  return { p50: round(percentile(xs, 50), 1), p99: round(percentile(xs, 99), 1), n: xs.length };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
