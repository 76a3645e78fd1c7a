import { analyzeArticle } from '../analysis/analyze-article.js';
import type { ArticleAnalysis } from '../analysis/types.js';
import type { AutocompleteSource } from '../core/command-spec.js';
import type { Clock } from '../core/clock.js';
import type { ArticleRepository, StoredArticle, TextSearch } from '../store/article-repository.js';
import { AnalysisBacklog, type BacklogCounts } from '../analysis-pool/analysis-backlog.js';
import type { BacklogClaims } from '../analysis-pool/analysis-claim.js';
import { type ArticleAnalyzer, inProcessAnalyzer } from '../analysis-pool/article-analyzer.js';
import { analysisVersion } from './analysis-version.js';
import { analysisInputOf } from './article.js';
import type { CorpusArticle, CorpusHead, CorpusStatus, CorpusVersion, CorpusView, EntityIndex, IndexedEntity, FailedArticle, MentionCount, SearchHit, SpeakerQuotes, StoryHit } from './corpus-view.js';
import { groupHitsIntoStories } from './group-hits.js';
import { CorpusIndex } from './index/corpus-index.js';
import { encodeIndexData, indexDataOf } from './index/index-record.js';
import { SnapshotKeeper, type SnapshotPolicy } from './index/snapshot-keeper.js';
import { CorpusLoader } from './corpus-loader.js';
import { CorpusSync } from './corpus-sync.js';
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
  /** Several processes on one database: claim each analysis so one of them runs it (absent: no claims). */
  claims?: BacklogClaims;
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
 * its analysis lands; a removed one leaves (see CorpusSync). Failed articles are skipped and listed by `failures()`.
 */
export class Corpus implements CorpusView {
  private readonly snapshots: SnapshotKeeper | undefined;
  private readonly backlog: AnalysisBacklog;
  private readonly version: number;
  /** Keeps the index in step with the store (refresh passes, start-up, landing analyses). */
  private readonly syncer: CorpusSync;
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
      isCurrent: (id, hash) => this.syncer.isWaitingFor(id, hash),
      indexData: (a, analysis) => encodeIndexData(indexDataOf(a, analysis)),
      onAnalysed: (a, analysis) => this.syncer.landed(a, analysis),
      claims: deps.claims,
      warn: deps.logger?.warn?.bind(deps.logger),
    });
    if (deps.snapshots !== false) {
      this.snapshots = new SnapshotKeeper({
        repository: deps.repository, clock: deps.clock, version: this.version, policy: deps.snapshots ?? {},
        current: () => this.syncer.snapshotable(),
        hold: (until) => this.syncer.holdChanges(until),
        warn: deps.logger?.warn?.bind(deps.logger),
      });
    }
    this.syncer = new CorpusSync({ repository: deps.repository, version: this.version, backlog: this.backlog, loader: this.loader, snapshots: this.snapshots });
  }

  /** The index answers read (replaced once, at start-up, by the one a snapshot saved). */
  private get index(): CorpusIndex {
    return this.syncer.index;
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
    return this.syncer.sync();
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
    return { ready: true, articles: this.index.size + this.syncer.unanswerableCount, analysed: this.index.size, pending: this.backlog.pending(), failed: this.backlog.failures().length };
  }

  /** Stop watching and analysing (running jobs are abandoned; what landed is stored); save the index if it changed. */
  async close(): Promise<void> {
    this.stopWatching?.();
    this.stopWatching = undefined;
    await this.backlog.close();
    await this.syncer.stopped();
    await this.snapshots?.close();
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
