import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnalysisInput } from '../analysis/types.js';
import { NewsdeskError } from '../core/errors.js';
import { analysisInputOf } from '../corpus/article.js';
import type { StoredArticle } from '../store/article-store.js';
import { type AnalysisOutcome, type ArticleAnalyzer, oneLine } from './article-analyzer.js';
import type { JobMessage, WorkerMessage } from './worker-protocol.js';

/** Pool settings; every field has a default. */
export interface AnalysisPoolOptions {
  /** Worker threads (default: the machine's available parallelism, at least 1). */
  size?: number;
  /** Per-article time budget; an article over it has its worker terminated and is reported `too_slow` (default 20 s). */
  budgetMs?: number;
  /** Worker module (default: the real analysis worker). Tests inject one that sleeps or loops. */
  workerUrl?: URL;
  /** How long a new worker may take to load its modules (default 120 s). */
  startTimeoutMs?: number;
}

export const DEFAULT_BUDGET_MS = 20_000;

interface Job {
  input: AnalysisInput;
  resolve(o: AnalysisOutcome): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job & { id: number };
  timer?: NodeJS.Timeout;
}

/** The worker next to this module: `.ts` under tsx (dev, tests), `.js` from dist. */
export function defaultWorkerUrl(): URL {
  return new URL(`./analysis-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
}

/**
 * Runs analyses on worker threads so a slow article never blocks the event
 * loop, and enforces a per-article time budget: terminating a worker is the
 * only way to stop synchronous code, so an article over budget costs its
 * worker, which is replaced on the next job.
 */
export class AnalysisPool implements ArticleAnalyzer {
  readonly concurrency: number;
  private readonly budgetMs: number;
  private readonly startTimeoutMs: number;
  private readonly workerUrl: URL;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private broken: Error | undefined;

  constructor(opts: AnalysisPoolOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(opts.size ?? availableParallelism()));
    this.budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
    this.startTimeoutMs = opts.startTimeoutMs ?? 120_000;
    this.workerUrl = opts.workerUrl ?? defaultWorkerUrl();
  }

  analyze(article: StoredArticle): Promise<AnalysisOutcome> {
    return this.run(analysisInputOf(article));
  }

  run(input: AnalysisInput): Promise<AnalysisOutcome> {
    if (this.closed) return Promise.resolve(cancelled());
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.dispatch();
    });
  }

  /** Workers currently alive (for tests and status). */
  workers(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.resolve(cancelled());
    const slots = this.slots.splice(0);
    for (const s of slots) {
      clearTimeout(s.timer);
      s.job?.resolve(cancelled());
      s.job = undefined;
    }
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  private dispatch(): void {
    while (this.queue.length && !this.closed) {
      const slot = this.slots.find((s) => !s.job) ?? (this.shouldSpawn() ? this.spawn() : undefined);
      if (!slot) return;
      slot.job = { ...this.queue.shift()!, id: this.nextId++ };
      if (slot.ready) this.start(slot);
    }
  }

  /**
   * Loading the analysis modules costs seconds of CPU per worker, so workers start one at a time and only while
   * more jobs wait than there are workers: a handful of articles never pays for a second worker.
   */
  private shouldSpawn(): boolean {
    if (this.slots.length >= this.concurrency) return false;
    if (this.slots.length === 0) return true;
    return !this.slots.some((s) => !s.ready) && this.queue.length > this.slots.length;
  }

  private start(slot: Slot): void {
    const job = slot.job!;
    slot.worker.postMessage({ id: job.id, input: job.input } satisfies JobMessage);
    slot.timer = setTimeout(() => this.finish(slot, { ok: false, reason: 'too_slow', message: `analysis took longer than ${seconds(this.budgetMs)}` }, true), this.budgetMs);
  }

  /** Settle the slot's job; a slot whose worker cannot be trusted any more (over budget, crashed) is terminated. */
  private finish(slot: Slot, outcome: AnalysisOutcome, discard: boolean): void {
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    if (discard) this.discard(slot);
    job?.resolve(outcome);
    this.dispatch();
  }

  private discard(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    clearTimeout(slot.timer);
    void slot.worker.terminate().catch(() => undefined);
  }

  private spawn(): Slot {
    const worker = spawnWorker(this.workerUrl);
    // Idle workers must not keep a finished CLI run alive; a running job's budget timer keeps the process up.
    worker.unref();
    const slot: Slot = { worker, ready: false };
    slot.timer = setTimeout(() => this.fail(slot, new Error(`no worker was ready after ${seconds(this.startTimeoutMs)}`)), this.startTimeoutMs);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') {
        clearTimeout(slot.timer);
        slot.ready = true;
        if (slot.job) this.start(slot);
        this.dispatch();
      } else if (slot.job?.id === m.id) {
        this.finish(slot, m.ok ? { ok: true, analysis: m.analysis } : { ok: false, reason: 'error', message: oneLine(m.message) }, false);
      }
    });
    worker.on('error', (e) => this.fail(slot, e));
    worker.on('exit', (code) => this.fail(slot, new Error(`the analysis worker exited (code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  /** A worker died. Before it was ever ready the pool itself is broken (bad module); after, only this article is. */
  private fail(slot: Slot, e: Error): void {
    if (!this.slots.includes(slot) || this.closed) return;
    if (slot.ready) {
      if (slot.job) this.finish(slot, { ok: false, reason: 'crashed', message: `the analysis worker crashed: ${oneLine(e)}` }, true);
      else this.discard(slot);
      return;
    }
    this.broken = new NewsdeskError('internal', `Analysis workers could not start: ${oneLine(e)}`, { cause: e });
    this.discard(slot);
    const jobs = [...(slot.job ? [slot.job] : []), ...this.queue.splice(0)];
    slot.job = undefined;
    for (const j of jobs) j.reject(this.broken);
  }
}

function cancelled(): AnalysisOutcome {
  return { ok: false, reason: 'cancelled', message: 'analysis stopped' };
}

function seconds(ms: number): string {
  return `${+(ms / 1000).toFixed(1)} s`;
}

/**
 * A worker for `url`. Node cannot load TypeScript itself and `--import tsx` in
 * a worker's execArgv is not honoured, so a `.ts` worker is started through a
 * tiny bootstrap that registers tsx's loader in the worker first.
 */
function spawnWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const tsx = tsxEsmApi();
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true });
}

/** tsx's ESM loader API (`require.resolve` would pick its CommonJS build, which cannot register the ESM loader). */
function tsxEsmApi(): string {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = (JSON.parse(readFileSync(pkg, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api'];
  return pathToFileURL(join(dirname(pkg), api.import.default)).href;
}
