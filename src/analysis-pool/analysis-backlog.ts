import type { ArticleAnalysis } from '../analysis/types.js';
import type { Clock } from '../core/clock.js';
import type { AnalysisFailure, ArticleRepository, StoredArticle } from '../store/article-repository.js';
import { type BacklogClaims, claimAnalysis, DEFAULT_RECHECK_MS, type HeldClaim } from './analysis-claim.js';
import { type ArticleAnalyzer, oneLine } from './article-analyzer.js';

/** This many different articles failing with the same error message make it systemic. */
const SYSTEMIC_AFTER = 3;

/** An article that could not be analysed: skipped by answers, listed by status. */
export interface FailedArticle extends AnalysisFailure {
  articleId: string;
  source: string;
  title: string;
  /** False when the failure was not the article's fault (analyser unavailable) and was not persisted. */
  persisted: boolean;
}

/** Where the corpus stands: served articles, what is still to analyse, and what failed. */
export interface BacklogCounts {
  /** Current articles in the store. */
  articles: number;
  /** Analysed and answerable. */
  analysed: number;
  /** Waiting for or under analysis. */
  pending: number;
  failed: number;
}

export interface BacklogDeps {
  repository: ArticleRepository;
  analyzer: ArticleAnalyzer;
  clock: Clock;
  version: number;
  /** Is this version of the article still the current one (a newer edit makes a landing result stale)? */
  isCurrent(id: string, contentHash: string): boolean;
  /** An analysis landed (or another process had stored one meanwhile): the corpus indexes it. */
  onAnalysed(article: StoredArticle, analysis: ArticleAnalysis): void;
  /** Encode the article's compact index record, saved with its analysis. */
  indexData(article: StoredArticle, analysis: ArticleAnalysis): string;
  /** Claim analyses in the store (several processes); absent: this process analyses whatever it is given. */
  claims?: BacklogClaims;
  warn?(msg: string, meta?: Record<string, unknown>): void;
}

/**
 * Analyses what has no stored analysis, holding only ids and content hashes: an article's text is loaded
 * when its turn comes and dropped once its analysis (with the compact index record) is saved. Each result
 * is saved on its own, so a kill loses at most the jobs in flight; a failure is persisted for this version
 * and content so a bad article is not retried every start. Articles found after start-up (live additions)
 * go before the start-up backlog. With `claims`, an article another live process is analysing waits for its
 * analysis (looked for again every few seconds) instead of being analysed twice.
 */
export class AnalysisBacklog {
  private readonly queue = new Map<string, string>();
  private readonly urgent = new Map<string, string>();
  private readonly inFlight = new Map<string, string>();
  /** Articles another process has claimed, waiting to be looked at again (see BacklogClaims). */
  private readonly elsewhere = new Map<string, string>();
  /** Articles that have waited for another process at least once (their failure may be recorded there). */
  private readonly waited = new Set<string>();
  private recheck: NodeJS.Timeout | undefined;
  private readonly failed = new Map<string, FailedArticle>();
  private closed = false;
  private waiters: (() => void)[] = [];
  private landed = 0;
  /** Articles that failed with each error message in this process (to tell a systemic failure from a bad article). */
  private readonly errorsByMessage = new Map<string, Set<string>>();

  constructor(private readonly deps: BacklogDeps) {}

  /** Analyse this version of an article (unless it is already on its way). */
  enqueue(id: string, contentHash: string, urgent: boolean): void {
    if (this.closed || this.inFlight.get(id) === contentHash) return;
    this.failed.delete(id);
    this.queue.delete(id);
    this.urgent.delete(id);
    this.elsewhere.delete(id);
    (urgent ? this.urgent : this.queue).set(id, contentHash);
    this.pump();
  }

  /**
   * The article changed in the store: when it waits for another process's analysis, look now (the change
   * is usually that analysis landing) rather than at the next periodic look.
   */
  nudge(id: string): void {
    const hash = this.elsewhere.get(id);
    if (hash === undefined || this.closed) return;
    this.elsewhere.delete(id);
    this.urgent.set(id, hash);
    this.pump();
  }

  /** The article left (or its failure is known): stop waiting for it. */
  drop(id: string): void {
    this.waited.delete(id);
    this.queue.delete(id);
    this.urgent.delete(id);
    this.elsewhere.delete(id);
    this.failed.delete(id);
    if (this.isIdle()) this.settleWaiters();
  }

  /** A failure recorded earlier (by this or another process) for the article's current version. */
  markFailed(f: FailedArticle): void {
    this.queue.delete(f.articleId);
    this.urgent.delete(f.articleId);
    this.elsewhere.delete(f.articleId);
    this.failed.set(f.articleId, f);
  }

  isFailed(id: string): boolean {
    return this.failed.has(id);
  }

  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  isIdle(): boolean {
    return this.closed || (this.queue.size === 0 && this.urgent.size === 0 && this.inFlight.size === 0 && this.elsewhere.size === 0);
  }

  failures(): FailedArticle[] {
    return [...this.failed.values()];
  }

  pending(): number {
    return this.queue.size + this.urgent.size + this.inFlight.size + this.elsewhere.size;
  }

  /** Analyses that landed since this backlog was created. */
  analysedCount(): number {
    return this.landed;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.clear();
    this.urgent.clear();
    this.elsewhere.clear();
    clearTimeout(this.recheck);
    await this.deps.analyzer.close();
    this.settleWaiters();
  }

  private next(): [string, string] | undefined {
    for (const m of [this.urgent, this.queue]) {
      const first = m.entries().next();
      if (!first.done) {
        m.delete(first.value[0]);
        return first.value;
      }
    }
    return undefined;
  }

  private pump(): void {
    while (!this.closed && this.inFlight.size < this.deps.analyzer.concurrency) {
      const job = this.next();
      if (!job) break;
      const [id, hash] = job;
      this.inFlight.set(id, hash);
      void this.analyse(id, hash).finally(() => {
        if (this.inFlight.get(id) === hash) this.inFlight.delete(id);
        this.pump();
      });
    }
    if (this.isIdle()) this.settleWaiters();
  }

  private async analyse(id: string, hash: string): Promise<void> {
    const { repository, analyzer, clock, version } = this.deps;
    let a: StoredArticle | undefined;
    let claim: HeldClaim | undefined;
    const waited = this.waited.delete(id);
    try {
      // Another process sharing the database may have analysed it meanwhile, or be analysing it now.
      const stored = await repository.getAnalysis(id, version, hash);
      if (!stored) {
        claim = await this.claim(id, hash);
        if (!claim) return this.waitElsewhere(id, hash);
      }
      a = await repository.get(id);
      if (!a || a.status !== 'current' || a.contentHash !== hash) return; // gone or edited since: a newer notice follows
      if (!stored && waited) {
        // The process this one waited for gave the article up: a failure it recorded for this content stands here too.
        const f = await repository.getAnalysisFailure(id, version, hash);
        if (f) {
          if (this.deps.isCurrent(id, hash)) this.failed.set(id, { ...f, articleId: id, source: a.source, title: a.title, persisted: true });
          return;
        }
      }
      const outcome = stored ? ({ ok: true, analysis: stored } as const) : await analyzer.analyze(a);
      if (this.closed || (!outcome.ok && outcome.reason === 'cancelled')) return;
      const still = this.deps.isCurrent(id, hash);
      if (outcome.ok) {
        // A stored analysis is saved again unless its index record is already this one: the corpus asks for
        // articles without a usable record (analysed before records existed, or by an older record format), and
        // the next start should find one; but one another process just saved needs no second write from each replica.
        const indexData = this.deps.indexData(a, outcome.analysis);
        if (!stored || !(await this.hasRecord(id, hash, indexData))) {
          await repository.saveAnalysis(id, version, hash, outcome.analysis, indexData, clock.now());
        }
        this.landed++;
        if (!still || this.closed) return;
        this.failed.delete(id);
        this.deps.onAnalysed(a, outcome.analysis);
        return;
      }
      if (outcome.reason === 'cancelled') return;
      const failure: AnalysisFailure = { reason: outcome.reason, message: outcome.message, failedAt: clock.now().toISOString() };
      const systemic = failure.reason === 'error' && (await this.isSystemic(id, failure.message));
      if (!systemic) await repository.saveAnalysisFailure(id, version, hash, failure);
      this.deps.warn?.('analysis failed', { article: id, source: a.source, reason: failure.reason, message: failure.message, systemic });
      if (still) this.failed.set(id, { ...failure, articleId: id, source: a.source, title: a.title, persisted: !systemic });
    } catch (e) {
      if (this.closed) return;
      // The analyser or the store is unavailable: not the article's fault, so nothing is persisted and a later start retries.
      this.deps.warn?.('analysis unavailable', { article: id, error: oneLine(e) });
      this.failed.set(id, { reason: 'error', message: oneLine(e), failedAt: clock.now().toISOString(), articleId: id, source: a?.source ?? id, title: a?.title ?? id, persisted: false });
    } finally {
      await claim?.release();
    }
  }

  /** Whether the store's index record for this content of the article is exactly `data`. */
  private async hasRecord(id: string, hash: string, data: string): Promise<boolean> {
    const records = await this.deps.repository.indexRecordsOf([id], this.deps.version);
    return records.some((r) => r.articleId === id && r.contentHash === hash && r.data === data);
  }

  /** Claim the article's analysis (see claimAnalysis); undefined while another process holds it. */
  private claim(id: string, hash: string): Promise<HeldClaim | undefined> {
    const { claims, clock, version, warn } = this.deps;
    return claimAnalysis(claims, { clock, version, warn }, id, hash);
  }

  /** Another process is analysing the article: look for its analysis (or a lapsed claim) again shortly. */
  private waitElsewhere(id: string, hash: string): void {
    if (this.closed) return;
    this.elsewhere.set(id, hash);
    this.waited.add(id);
    this.recheck ??= setTimeout(() => {
      this.recheck = undefined;
      const due = [...this.elsewhere];
      this.elsewhere.clear();
      for (const [i, h] of due) if (!this.urgent.has(i) && !this.queue.has(i) && this.inFlight.get(i) !== h) this.urgent.set(i, h);
      this.pump();
    }, this.deps.claims?.recheckMs ?? DEFAULT_RECHECK_MS);
    this.recheck.unref();
  }

  /**
   * The same error on several different articles is the environment's fault (a missing model file, a bug
   * that hits everything), not theirs: such failures are not persisted, and earlier ones are forgotten, so
   * fixing the deployment is enough for a restart to analyse them.
   */
  private async isSystemic(id: string, message: string): Promise<boolean> {
    const ids = this.errorsByMessage.get(message) ?? new Set<string>();
    ids.add(id);
    if (this.errorsByMessage.size >= 100 && !this.errorsByMessage.has(message)) this.errorsByMessage.clear();
    this.errorsByMessage.set(message, ids);
    if (ids.size < SYSTEMIC_AFTER) return false;
    for (const other of ids) {
      await this.deps.repository.clearAnalysisFailure(other);
      const f = this.failed.get(other);
      if (f) f.persisted = false;
    }
    return true;
  }

  private settleWaiters(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
