import type { ArticleAnalysis } from '../analysis/types.js';
import type { Clock } from '../core/clock.js';
import type { AnalysisFailure, ArticleStore, StoredArticle } from '../store/article-store.js';
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
  store: ArticleStore;
  analyzer: ArticleAnalyzer;
  clock: Clock;
  version: number;
  /** Called when the set of answerable articles changed (an analysis landed, an article left). */
  onChange(): void;
  warn?(msg: string, meta?: Record<string, unknown>): void;
}

/**
 * Keeps the store's current articles and their analyses in step: `scan()`
 * notices new, changed and removed articles (cheaply, by id + update stamp),
 * and jobs analyse what has no stored analysis yet. Each result is saved on
 * its own as it lands, so a kill loses at most the jobs in flight, and a
 * failure is persisted for this version and content so a bad article is
 * not retried every start.
 */
export class AnalysisBacklog {
  /** Current articles by id, with their stamp (updatedAt + content hash) at the last scan. */
  private readonly current = new Map<string, { article: StoredArticle; stamp: string }>();
  private readonly analyses = new Map<string, ArticleAnalysis>();
  private readonly failed = new Map<string, FailedArticle>();
  private readonly queue = new Map<string, StoredArticle>();
  /** Found after start-up (live additions): analysed before the start-up backlog so they are answerable quickly. */
  private readonly urgent = new Map<string, StoredArticle>();
  private readonly inFlight = new Map<string, string>();
  private scans = 0;
  private closed = false;
  private waiters: (() => void)[] = [];
  private landed = 0;
  /** Articles that failed with each error message in this process (to tell a systemic failure from a bad article). */
  private readonly errorsByMessage = new Map<string, Set<string>>();
  /** Bumped whenever the set of current articles or their content changes. */
  private revision = 0;

  constructor(private readonly deps: BacklogDeps) {}

  /** Compare the store with what we hold; returns whether the answerable set changed. Starts analysis of what is new. */
  scan(): boolean {
    const { store, version } = this.deps;
    let changed = false;
    const seen = new Set<string>();
    const live = this.scans++ > 0;
    const heads = store.currentHeads();
    const stale = heads.filter((h) => !this.isSettled(h.id, `${h.updatedAt}|${h.contentHash}`));
    // At start-up everything is new: one query for all rows beats one per article.
    const rows = stale.length > 100 ? new Map(store.listCurrent().map((a) => [a.id, a])) : undefined;
    for (const h of heads) seen.add(h.id);
    for (const h of stale) {
      const stamp = `${h.updatedAt}|${h.contentHash}`;
      const held = this.current.get(h.id);
      const a = rows ? rows.get(h.id) : store.get(h.id);
      if (!a || a.status !== 'current') continue;
      this.current.set(a.id, { article: a, stamp });
      if (held?.article.contentHash !== a.contentHash || held.article.title !== a.title) this.revision++;
      if (held && held.article.contentHash !== a.contentHash && this.analyses.delete(a.id)) changed = true;
      const analysis = store.getAnalysis(a.id, version, a.contentHash);
      if (analysis) {
        this.analyses.set(a.id, analysis);
        this.failed.delete(a.id);
        this.unqueue(a.id);
        changed = true;
        continue;
      }
      const failure = store.getAnalysisFailure(a.id, version, a.contentHash);
      if (failure) {
        this.failed.set(a.id, { ...failure, articleId: a.id, source: a.source, title: a.title, persisted: true });
        this.unqueue(a.id);
        continue;
      }
      this.failed.delete(a.id);
      if (this.inFlight.get(a.id) !== a.contentHash) (live ? this.urgent : this.queue).set(a.id, a);
    }
    for (const id of [...this.current.keys()]) {
      if (seen.has(id)) continue;
      this.current.delete(id);
      this.revision++;
      if (this.analyses.delete(id)) changed = true;
      this.failed.delete(id);
      this.unqueue(id);
    }
    this.pump();
    return changed;
  }

  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  isIdle(): boolean {
    return this.closed || (this.queue.size === 0 && this.urgent.size === 0 && this.inFlight.size === 0);
  }

  /** Analysed current articles with their analyses, in store order (first seen). */
  ready(): { article: StoredArticle; analysis: ArticleAnalysis }[] {
    const out: { article: StoredArticle; analysis: ArticleAnalysis }[] = [];
    for (const [id, { article }] of this.current) {
      const analysis = this.analyses.get(id);
      if (analysis) out.push({ article, analysis });
    }
    return out.sort((x, y) => x.article.firstSeenAt.localeCompare(y.article.firstSeenAt) || x.article.id.localeCompare(y.article.id));
  }

  /** Every current article (analysed or not): the text index covers them all so processes sharing the database agree on it. */
  allCurrent(): StoredArticle[] {
    return [...this.current.values()].map((c) => c.article);
  }

  /** Changes when current articles are added, removed or edited (what the text index must follow). */
  currentRevision(): number {
    return this.revision;
  }

  failures(): FailedArticle[] {
    return [...this.failed.values()];
  }

  counts(): BacklogCounts {
    return { articles: this.current.size, analysed: this.analyses.size, pending: this.queue.size + this.urgent.size + this.inFlight.size, failed: this.failed.size };
  }

  /** Analyses that landed since this backlog was created. */
  analysedCount(): number {
    return this.landed;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.clear();
    this.urgent.clear();
    await this.deps.analyzer.close();
    this.settleWaiters();
  }

  /**
   * Held at this stamp and either analysed, failed or on its way: nothing to do. A failure that was not
   * persisted (systemic, analyser unavailable) is retried on the next start or edit, not on every scan,
   * which would re-run a whole failing corpus each time another process writes.
   */
  private isSettled(id: string, stamp: string): boolean {
    return this.current.get(id)?.stamp === stamp && (this.analyses.has(id) || this.failed.has(id) || this.isPending(id));
  }

  private isPending(id: string): boolean {
    return this.queue.has(id) || this.urgent.has(id) || this.inFlight.has(id);
  }

  private unqueue(id: string): void {
    this.queue.delete(id);
    this.urgent.delete(id);
  }

  private next(): StoredArticle | undefined {
    for (const m of [this.urgent, this.queue]) {
      const first = m.values().next();
      if (!first.done) {
        m.delete(first.value.id);
        return first.value;
      }
    }
    return undefined;
  }

  private pump(): void {
    while (!this.closed && this.inFlight.size < this.deps.analyzer.concurrency) {
      const a = this.next();
      if (!a) break;
      this.inFlight.set(a.id, a.contentHash);
      void this.analyse(a).finally(() => {
        if (this.inFlight.get(a.id) === a.contentHash) this.inFlight.delete(a.id);
        this.pump();
      });
    }
    if (this.isIdle()) this.settleWaiters();
  }

  private async analyse(a: StoredArticle): Promise<void> {
    const { store, analyzer, clock, version } = this.deps;
    try {
      // Another process sharing the database may have analysed it meanwhile.
      const stored = store.getAnalysis(a.id, version, a.contentHash);
      const outcome = stored ? ({ ok: true, analysis: stored } as const) : await analyzer.analyze(a);
      if (this.closed || (!outcome.ok && outcome.reason === 'cancelled')) return;
      const still = this.current.get(a.id)?.article.contentHash === a.contentHash;
      if (outcome.ok) {
        if (!stored) store.saveAnalysis(a.id, version, a.contentHash, outcome.analysis, clock.now());
        this.landed++;
        if (!still) return;
        this.analyses.set(a.id, outcome.analysis);
        this.failed.delete(a.id);
        this.deps.onChange();
        return;
      }
      if (outcome.reason === 'cancelled') return;
      const failure: AnalysisFailure = { reason: outcome.reason, message: outcome.message, failedAt: clock.now().toISOString() };
      const systemic = failure.reason === 'error' && this.isSystemic(a.id, failure.message);
      if (!systemic) store.saveAnalysisFailure(a.id, version, a.contentHash, failure);
      this.deps.warn?.('analysis failed', { article: a.id, source: a.source, reason: failure.reason, message: failure.message, systemic });
      if (still) this.failed.set(a.id, { ...failure, articleId: a.id, source: a.source, title: a.title, persisted: !systemic });
    } catch (e) {
      if (this.closed) return;
      // The analyser or the store is unavailable: not the article's fault, so nothing is persisted and a later scan retries.
      this.deps.warn?.('analysis unavailable', { article: a.id, error: oneLine(e) });
      this.failed.set(a.id, { reason: 'error', message: oneLine(e), failedAt: clock.now().toISOString(), articleId: a.id, source: a.source, title: a.title, persisted: false });
    }
  }

  /**
   * The same error on several different articles is the environment's fault (a missing model file, a bug
   * that hits everything), not theirs: such failures are not persisted, and earlier ones are forgotten, so
   * fixing the deployment is enough for a restart to analyse them.
   */
  private isSystemic(id: string, message: string): boolean {
    const ids = this.errorsByMessage.get(message) ?? new Set<string>();
    ids.add(id);
    if (this.errorsByMessage.size >= 100 && !this.errorsByMessage.has(message)) this.errorsByMessage.clear();
    this.errorsByMessage.set(message, ids);
    if (ids.size < SYSTEMIC_AFTER) return false;
    for (const other of ids) {
      this.deps.store.clearAnalysisFailure(other);
      const f = this.failed.get(other);
      if (f) f.persisted = false;
    }
    return true;
  }

  private settleWaiters(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
