import { analyzeArticle } from '../analysis/analyze-article.js';
import type { ArticleAnalysis } from '../analysis/types.js';
import type { AutocompleteSource } from '../core/command-spec.js';
import type { Clock } from '../core/clock.js';
import type { ArticleHead, ArticleRepository, StoredArticle, TextSearch } from '../store/article-repository.js';
import { AnalysisBacklog, type BacklogCounts } from '../analysis-pool/analysis-backlog.js';
import { type ArticleAnalyzer, inProcessAnalyzer } from '../analysis-pool/article-analyzer.js';
import { analysisVersion } from './analysis-version.js';
import { analysisInputOf } from './article.js';
import type { CorpusArticle, CorpusHead, CorpusStatus, CorpusVersion, CorpusView, EntityIndex, IndexedEntity, FailedArticle, MentionCount, SearchHit, SpeakerQuotes, StoryHit } from './corpus-view.js';
import { groupHitsIntoStories } from './group-hits.js';
import { CorpusIndex } from './index/corpus-index.js';
import { decodeIndexData, encodeIndexData, indexDataOf } from './index/index-record.js';
import { SnapshotKeeper, type SnapshotPolicy } from './index/snapshot-keeper.js';
import { CorpusLoader } from './corpus-loader.js';
import { TrimmedQuoteCache } from './quote-display.js';
import { speakerQuotes } from './speaker-quotes.js';

export interface CorpusDeps {
  repository: ArticleRepository;
  search: TextSearch;
  clock: Clock;
  /** Synchronous in-process analysis (tests with hand-made analyses). Ignored when `analyzer` is given. */
  analyze?: (a: StoredArticle) => ArticleAnalysis;
  /** Where analyses run: the worker pool in the bot. Default: in process, with `analyze` or the real stage. */
  analyzer?: ArticleAnalyzer;
  /** Analysis version the cache is keyed by (default: `analysisVersion()`; tests simulate an upgrade). */
  version?: number;
  /** Full articles (text and analysis) kept for repeated answers (default 256). */
  cacheSize?: number;
  /** Light versions (source fields and attributed quotes, see loadVersions) kept for repeated answers (default 2048: about 5 MB). */
  versionCacheSize?: number;
  logger?: { warn?(msg: string, meta?: Record<string, unknown>): void; error?(msg: string, meta?: Record<string, unknown>): void };
  /** When the built index is saved as a snapshot for the next start-up (see SnapshotKeeper); false: never saved or loaded. */
  snapshots?: SnapshotPolicy | false;
}

/** Default analysis of a stored article. */
export function analyzeStored(a: StoredArticle): ArticleAnalysis {
  return analyzeArticle(analysisInputOf(a));
}

/**
 * The analysed corpus that answers queries. In memory it keeps only what ranking needs (see CorpusIndex);
 * text, summaries and quotes are loaded from the store for the results shown, through a small cache.
 * Start-up reads the compact index records saved with the analyses; afterwards every pass reads only what
 * changed since the last one (`changesSince`) and updates the indexes in place: a new or edited article
 * is indexed from its record, or analysed (off the event loop, by the injected analyser) and indexed when
 * its analysis lands; a removed one leaves. Failed articles are skipped and listed by `failures()`.
 */
export class Corpus implements CorpusView {
  /** Replaced once, at start-up, by the index a snapshot saved (see startUp). */
  private index = new CorpusIndex();
  private readonly snapshots: SnapshotKeeper | undefined;
  private readonly backlog: AnalysisBacklog;
  private readonly version: number;
  /** Current articles not answerable yet (being analysed, or failed), with the content hash wanted. */
  private readonly unanswerable = new Map<string, string>();
  private cursor: string | null = null;
  private syncing: Promise<void> | null = null;
  /** While set, refresh passes wait and landing analyses queue (a snapshot being written reads the live index): see holdChanges. */
  private held: Promise<void> | null = null;
  private readonly heldLandings: (() => void)[] = [];
  private dirty = false;
  /** Reads what answers show from the store, through caches. */
  private readonly loader: CorpusLoader;
  /** Quotes as answers show them, per article version: a popular quote is trimmed once, not per command. */
  private readonly quoteCache = new TrimmedQuoteCache(5_000);
  private stopWatching: (() => void) | undefined;

  constructor(private readonly deps: CorpusDeps) {
    this.version = deps.version ?? analysisVersion();
    this.loader = new CorpusLoader({
      repository: deps.repository, version: this.version, cacheSize: deps.cacheSize, versionCacheSize: deps.versionCacheSize,
      answers: (id, contentHash) => this.index.has(id, contentHash),
    });
    this.backlog = new AnalysisBacklog({
      repository: deps.repository,
      analyzer: deps.analyzer ?? inProcessAnalyzer(deps.analyze ?? analyzeStored),
      clock: deps.clock,
      version: this.version,
      isCurrent: (id, hash) => this.unanswerable.get(id) === hash,
      indexData: (a, analysis) => encodeIndexData(indexDataOf(a, analysis)),
      onAnalysed: (a, analysis) => this.landed(a, analysis),
      warn: deps.logger?.warn?.bind(deps.logger),
    });
    if (deps.snapshots !== false) {
      this.snapshots = new SnapshotKeeper({
        repository: deps.repository, clock: deps.clock, version: this.version, policy: deps.snapshots ?? {},
        // Between refresh passes the index is exactly what the cursor says (analyses landing meanwhile are in
        // it too; start-up compares every current article with the snapshot, so nothing depends on that).
        current: () => (this.syncing || this.cursor === null ? null : { index: this.index, cursor: this.cursor }),
        hold: (until) => this.holdChanges(until),
        warn: deps.logger?.warn?.bind(deps.logger),
      });
    }
  }

  /**
   * Pick up new, changed and removed articles and wait until all of them are analysed (or failed).
   * Already-analysed articles are answerable before it resolves.
   */
  async refresh(): Promise<{ articles: number; analysed: number; failed: number }> {
    const before = this.backlog.analysedCount();
    await this.sync();
    await this.backlog.idle();
    return { articles: this.index.size, analysed: this.backlog.analysedCount() - before, failed: this.backlog.failures().length };
  }

  /** The live seam: call after storing articles (the feed poller does); returns at once with the counts so far. */
  refreshChanged(): BacklogCounts {
    this.sync().catch((e: Error) => this.deps.logger?.error?.('corpus refresh failed', { error: e.message }));
    const s = this.status();
    return { articles: s.articles, analysed: s.analysed, pending: s.pending, failed: s.failed };
  }

  /** Read what changed in the store since the last pass (coalesced: a call during a pass gets one more pass). */
  sync(): Promise<void> {
    this.dirty = true;
    this.syncing ??= (async () => {
      try {
        while (this.dirty) {
          while (this.held) await this.held;
          this.dirty = false;
          await this.pass();
        }
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  /** Follow writes by other processes on the same database. Returns a function that stops watching. */
  watch(intervalMs = 2000): () => void {
    this.stopWatching?.();
    const stop = this.deps.repository.onChange(() => void this.refreshChanged(), intervalMs);
    this.stopWatching = stop;
    return () => {
      stop();
      if (this.stopWatching === stop) this.stopWatching = undefined;
    };
  }

  failures(): readonly FailedArticle[] {
    return this.backlog.failures();
  }

  status(): CorpusStatus {
    return { ready: true, articles: this.index.size + this.unanswerable.size, analysed: this.index.size, pending: this.backlog.pending(), failed: this.backlog.failures().length };
  }

  /** Stop watching and analysing (running jobs are abandoned; what landed is stored); save the index if it changed. */
  async close(): Promise<void> {
    this.stopWatching?.();
    this.stopWatching = undefined;
    await this.backlog.close();
    await this.syncing?.catch(() => undefined);
    await this.snapshots?.close();
  }

  /**
   * Keep the index as it is until `until` settles (called between passes): refresh passes wait, and analyses
   * that land meanwhile are indexed when it settles, before any waiting pass goes on.
   */
  private holdChanges(until: Promise<unknown>): void {
    const held: Promise<void> = until.then(
      () => undefined,
      () => undefined,
    ).finally(() => {
      if (this.held !== held) return;
      this.held = null;
      for (const land of this.heldLandings.splice(0)) land();
    });
    this.held = held;
  }

  private async pass(): Promise<void> {
    const first = this.cursor === null;
    const { changed, gone, cursor } = await this.deps.repository.changesSince(this.cursor);
    if (first) await this.startUp(changed);
    else await this.apply(changed, gone);
    this.cursor = cursor;
    if (!first) this.snapshots?.noteChanges(changed.length + gone.length, this.index.size);
  }

  /**
   * Everything current: from the saved snapshot when there is a usable one (see catchUp), else index what has
   * a record for its content; the rest is failed or to analyse.
   */
  private async startUp(heads: readonly ArticleHead[]): Promise<void> {
    const restored = await this.snapshots?.restore();
    if (restored) return this.catchUp(restored.index, heads);
    const want = new Map(heads.map((h) => [h.id, h.contentHash]));
    for await (const page of this.deps.repository.indexRecords(this.version)) {
      for (const r of page) {
        if (want.get(r.articleId) !== r.contentHash || !this.indexRecord(r.articleId, r.contentHash, r.data)) continue;
        want.delete(r.articleId);
      }
    }
    await this.settle(want, await this.deps.repository.analysisFailures(this.version), false);
    this.snapshots?.builtFromRecords();
  }

  /**
   * Start from a saved index: every current article is compared with it (not only the change log since its
   * cursor, so an article still being analysed when it was saved is not missed): articles no longer current
   * leave, new or changed ones are indexed from their records, and the rest is failed or to analyse.
   */
  private async catchUp(index: CorpusIndex, heads: readonly ArticleHead[]): Promise<void> {
    this.index = index;
    const want = new Map(heads.map((h) => [h.id, h.contentHash]));
    const gone = [...index.allIds()].filter((id) => !want.has(id));
    for (const id of gone) index.remove(id);
    for (const h of heads) {
      if (index.has(h.id, h.contentHash)) want.delete(h.id);
      else index.remove(h.id);
    }
    const fresh = want.size;
    if (fresh) {
      for (const r of await this.deps.repository.indexRecordsOf([...want.keys()], this.version)) {
        if (want.get(r.articleId) === r.contentHash && this.indexRecord(r.articleId, r.contentHash, r.data)) want.delete(r.articleId);
      }
    }
    await this.settle(want, want.size ? await this.deps.repository.analysisFailures(this.version) : new Map(), false);
    this.snapshots?.noteChanges(gone.length + fresh, index.size);
  }

  private async apply(changed: readonly ArticleHead[], gone: readonly string[]): Promise<void> {
    for (const id of gone) this.forget(id);
    // Already answerable, or already waited for (being analysed, or failed) at this content: nothing to do.
    const fresh = changed.filter((h) => !this.index.has(h.id, h.contentHash) && this.unanswerable.get(h.id) !== h.contentHash);
    if (fresh.length || gone.length) {
      // Reprints of cached articles may have arrived.
      this.loader.clear();
    }
    if (!fresh.length) return;
    // The older version is not answered while the new one is analysed.
    for (const h of fresh) this.index.remove(h.id);
    const want = new Map(fresh.map((h) => [h.id, h.contentHash]));
    for (const r of await this.deps.repository.indexRecordsOf([...want.keys()], this.version)) {
      if (want.get(r.articleId) === r.contentHash && this.indexRecord(r.articleId, r.contentHash, r.data)) want.delete(r.articleId);
    }
    const failures = new Map<string, Awaited<ReturnType<ArticleRepository['getAnalysisFailure']>>>();
    for (const [id, hash] of want) failures.set(id, await this.deps.repository.getAnalysisFailure(id, this.version, hash));
    await this.settle(want, failures, true);
  }

  /** Articles without a usable record: a recorded failure for this content is listed, the rest analysed. */
  private async settle(want: Map<string, string>, failures: ReadonlyMap<string, { reason: FailedArticle['reason']; message: string; failedAt: string } | undefined>, urgent: boolean): Promise<void> {
    const failedIds = [...want.keys()].filter((id) => failures.get(id));
    const failedArticles = failedIds.length ? await this.deps.repository.getMany(failedIds) : [];
    for (const a of failedArticles) {
      if (want.get(a.id) !== a.contentHash) continue;
      this.unanswerable.set(a.id, a.contentHash);
      this.backlog.markFailed({ ...failures.get(a.id)!, articleId: a.id, source: a.source, title: a.title, persisted: true });
      want.delete(a.id);
    }
    for (const [id, hash] of want) {
      this.unanswerable.set(id, hash);
      this.backlog.enqueue(id, hash, urgent);
    }
  }

  private indexRecord(id: string, contentHash: string, data: string): boolean {
    try {
      this.index.add(id, contentHash, decodeIndexData(data));
      this.unanswerable.delete(id);
      return true;
    } catch {
      return false; // another format: analysed again, which saves a record in this one
    }
  }

  private landed(a: StoredArticle, analysis: ArticleAnalysis): void {
    if (this.held) {
      this.heldLandings.push(() => this.landed(a, analysis));
      return;
    }
    this.unanswerable.delete(a.id);
    this.loader.forget(a.id);
    this.index.add(a.id, a.contentHash, indexDataOf(a, analysis));
  }

  private forget(id: string): void {
    this.index.remove(id);
    this.unanswerable.delete(id);
    this.backlog.drop(id);
    this.loader.forget(id);
  }

  size(): number {
    return this.index.size;
  }

  head(id: string): CorpusHead | undefined {
    return this.index.head(id);
  }

  /** Heads of every answerable article (tests and tools; answers rank instead). */
  articles(): CorpusHead[] {
    const out: CorpusHead[] = [];
    for (const id of this.index.allIds()) out.push(this.index.head(id)!);
    return out;
  }

  load(ids: readonly string[]): Promise<CorpusArticle[]> {
    return this.loader.load(ids);
  }

  loadVersions(ids: readonly string[]): Promise<CorpusVersion[]> {
    return this.loader.loadVersions(ids);
  }

  entities(): EntityIndex {
    return this.index.entities;
  }

  latestOf(entity: IndexedEntity, max?: number): { shown: CorpusHead[]; count: number } {
    return this.index.latestOf(this.index.entities.ordinalsOf(entity), max);
  }

  async search(topic: string, opts: { since?: Date; limit?: number } = {}): Promise<SearchHit[]> {
    const q = topic.trim();
    if (!q) return [];
    const matched = this.index.entities.lookup(q).filter((e) => e.type !== 'other' || e.name.length > 3);
    const text = await this.deps.search.search(q, 200);
    return this.index
      .rank(matched, text, this.deps.clock.now().getTime(), opts.limit ?? 50, opts.since?.getTime())
      .map((r) => ({ article: this.index.headAt(r.ord), score: r.score, matchedEntities: r.matchedEntities }));
  }

  async searchStories(topic: string, opts: { since?: Date; limit?: number } = {}): Promise<StoryHit[]> {
    const hits = await this.search(topic, { since: opts.since, limit: 200 });
    const memo = new Map<number, { id: string; members: CorpusHead[] }>();
    return groupHitsIntoStories(hits, (id) => this.index.storyOf(id, memo)).slice(0, opts.limit ?? 10);
  }

  quotesBy(speaker: string, opts: { since?: Date; limit?: number } = {}): Promise<SpeakerQuotes> {
    return speakerQuotes({ speakerArticles: (sp, since, max) => this.index.speakerArticles(sp, since, max), loadQuotes: (ids) => this.loadVersions(ids) }, speaker, opts);
  }

  mentionCounts(from: Date, to: Date): MentionCount[] {
    return this.index.mentionCounts(from.getTime(), to.getTime());
  }

  displayQuote(articleId: string, quote: { text: string; span: [number, number] }): string {
    return this.quoteCache.trim(articleId, quote, this.index.ordOf(articleId) ?? -1);
  }

  suggestTopics(topic: string, limit: number): string[] {
    return this.index.entities.suggest(topic, limit).map((e) => e.name);
  }

  complete(source: AutocompleteSource, prefix: string, limit: number): string[] {
    return this.index.entities.complete(prefix, (t) => (source === 'people' ? t === 'person' : source === 'entities' ? t !== 'other' : true), limit);
  }
}
