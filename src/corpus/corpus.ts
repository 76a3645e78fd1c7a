import { analyzeArticle } from '../analysis/analyze-article.js';
import { analysisVersion } from './analysis-version.js';
import { analysisInputOf } from './article.js';
import type { ArticleAnalysis } from '../analysis/types.js';
import type { AutocompleteSource } from '../core/command-spec.js';
import type { Clock } from '../core/clock.js';
import { fold } from '../search/fold.js';
import { FtsIndex } from '../search/fts-index.js';
import { rankArticles, type RankableArticle } from '../search/rank-articles.js';
import type { ArticleStore, StoredArticle } from '../store/article-store.js';
import type { CorpusArticle, CorpusHead, CorpusQuote, CorpusStatus, CorpusView, EntityIndex, FailedArticle, MentionCount, SearchHit, SpeakerQuotes, StoryHit } from './corpus-view.js';
import { AnalysisBacklog, type BacklogCounts } from '../analysis-pool/analysis-backlog.js';
import { type ArticleAnalyzer, inProcessAnalyzer } from '../analysis-pool/article-analyzer.js';
import { groupHitsIntoStories } from './group-hits.js';
import { TrimmedQuoteCache } from './quote-display.js';
import { fingerprint, groupStories, type StoryFingerprint } from '../stories/group-stories.js';

/** Builds the corpus-wide entity index from analysed articles (the entity stage provides it). */
export type EntityIndexBuilder = (docs: { id: string; title: string; publishedAt: string | null; analysis: ArticleAnalysis }[]) => EntityIndex;

export interface CorpusDeps {
  store: ArticleStore;
  fts: FtsIndex;
  clock: Clock;
  buildEntityIndex: EntityIndexBuilder;
  /** Synchronous in-process analysis (tests with hand-made analyses). Ignored when `analyzer` is given. */
  analyze?: (a: StoredArticle) => ArticleAnalysis;
  /** Where analyses run: the worker pool in the bot. Default: in process, with `analyze` or the real stage. */
  analyzer?: ArticleAnalyzer;
  /** Shortest time between two rebuilds of the query indexes while analyses land (default 1000 ms). */
  publishIntervalMs?: number;
  /** Analysis version the cache is keyed by (default: `analysisVersion()`; tests simulate an upgrade). */
  version?: number;
  logger?: { warn?(msg: string, meta?: Record<string, unknown>): void; error?(msg: string, meta?: Record<string, unknown>): void };
}

/** Default analysis of a stored article. */
export function analyzeStored(a: StoredArticle): ArticleAnalysis {
  return analyzeArticle(analysisInputOf(a));
}

/** An article held in memory with its ranking features. */
type HeldArticle = CorpusArticle & RankableArticle;

/** Per-article features the ranker needs, computed once per refresh instead of per query. */
function rankingFeatures(title: string, analysis: ArticleAnalysis): Pick<HeldArticle, 'entityMentions' | 'subjectMentions' | 'foldedTitle'> {
  const entityMentions = new Map<string, number>();
  let subjectMentions = 0;
  for (const e of analysis.entities) {
    if (e.kind === 'byline') continue;
    subjectMentions += e.mentions.length;
    const k = fold(e.name);
    entityMentions.set(k, (entityMentions.get(k) ?? 0) + e.mentions.length);
  }
  return { entityMentions, subjectMentions, foldedTitle: ` ${fold(title)} ` };
}

/**
 * The in-memory, analysed corpus that answers queries. It serves what is
 * already analysed at once; the backlog is analysed off the event loop (by
 * the injected analyser) and articles become answerable as they land, with
 * the query indexes rebuilt at most every `publishIntervalMs`. Analyses are
 * cached in the store by version and content hash, so only new or changed
 * articles are analysed; failed ones are skipped and listed by `failures()`.
 */
export class Corpus implements CorpusView {
  private list: HeldArticle[] = [];
  private byId = new Map<string, HeldArticle>();
  private index: EntityIndex;
  private quotesBySpeaker = new Map<string, CorpusQuote[]>();
  private stories = new Map<string, { id: string; members: HeldArticle[] }>();
  /** Quotes as answers show them, per article version: a popular quote is trimmed once, not per command. */
  private readonly quoteCache = new TrimmedQuoteCache(5_000);
  /** Fingerprints by content hash, so a refresh only shingles new or changed articles. */
  private prints = new Map<string, StoryFingerprint>();
  private readonly backlog: AnalysisBacklog;
  private publishTimer: NodeJS.Timeout | undefined;
  private lastPublish = -Infinity;
  private publishCost = 0;
  private watchTimer: NodeJS.Timeout | undefined;
  private ftsRevision = -1;

  constructor(private readonly deps: CorpusDeps) {
    this.index = deps.buildEntityIndex([]);
    const analyzer = deps.analyzer ?? inProcessAnalyzer(deps.analyze ?? analyzeStored);
    this.backlog = new AnalysisBacklog({
      store: deps.store, analyzer, clock: deps.clock, version: deps.version ?? analysisVersion(),
      onChange: () => this.schedulePublish(), warn: deps.logger?.warn?.bind(deps.logger),
    });
  }

  /**
   * Pick up new, changed and removed articles and wait until all of them are
   * analysed (or failed). Already-analysed articles are answerable before it resolves.
   */
  async refresh(): Promise<{ articles: number; analysed: number; failed: number }> {
    const before = this.backlog.analysedCount();
    this.refreshChanged();
    await this.backlog.idle();
    this.publishNow();
    return { articles: this.list.length, analysed: this.backlog.analysedCount() - before, failed: this.backlog.counts().failed };
  }

  /**
   * The live seam: call after storing articles (the feed poller does) to have
   * them analysed and answerable without waiting. Returns at once.
   */
  refreshChanged(): BacklogCounts {
    if (this.backlog.scan() || this.lastPublish === -Infinity) this.publishNow();
    return this.backlog.counts();
  }

  /**
   * Follow writes by other processes (`newsdesk ingest` against the same
   * database): poll SQLite's change counter and refresh when it moves.
   * Returns a function that stops watching.
   */
  watch(intervalMs = 2000): () => void {
    this.unwatch();
    let seen = this.deps.store.changeCounter();
    this.watchTimer = setInterval(() => {
      try {
        const now = this.deps.store.changeCounter();
        if (now === seen) return;
        seen = now;
        this.refreshChanged();
      } catch (e) {
        this.deps.logger?.error?.('live corpus refresh failed', { error: (e as Error).message });
      }
    }, intervalMs);
    this.watchTimer.unref();
    return () => this.unwatch();
  }

  /** Articles whose analysis failed (too slow, error): they are not answerable. */
  failures(): readonly FailedArticle[] {
    return this.backlog.failures();
  }

  /** Answerable, pending and failed counts, for /healthz and status. */
  status(): CorpusStatus {
    return { ...this.backlog.counts(), ready: true };
  }

  /** Stop watching and analysing (running jobs are abandoned; what landed is stored). */
  async close(): Promise<void> {
    this.unwatch();
    clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    await this.backlog.close();
  }

  private unwatch(): void {
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = undefined;
  }

  /** Analyses land one by one; rebuilding per article would be quadratic, so rebuild at most every interval (longer if a rebuild is slow). */
  private schedulePublish(): void {
    if (this.publishTimer) return;
    const interval = Math.max(this.deps.publishIntervalMs ?? 1000, 2 * this.publishCost);
    const wait = Math.max(0, this.lastPublish + interval - performance.now());
    this.publishTimer = setTimeout(() => {
      try {
        this.publishNow();
      } catch (e) {
        // A timer has no caller to throw to: log, and the next landing or scan publishes again.
        this.deps.logger?.error?.('corpus index rebuild failed', { error: (e as Error).message });
      }
    }, wait);
    this.publishTimer.unref();
  }

  /** Rebuild the query indexes from the analysed articles. */
  private publishNow(): void {
    clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    const started = performance.now();
    const reprints = this.deps.store.duplicatesByOriginal();
    const list: HeldArticle[] = this.backlog.ready().map(({ article: a, analysis }) => {
      const alsoReportedBy = (reprints.get(a.id) ?? []).map((d) => ({ source: d.source, url: d.url, title: d.title }));
      const effectiveDate = a.publishedAt ?? a.firstSeenAt;
      return { ...a, analysis, effectiveDate, effectiveMs: Date.parse(effectiveDate), alsoReportedBy, ...rankingFeatures(a.title, analysis) };
    });
    this.list = list;
    this.byId = new Map(list.map((a) => [a.id, a]));
    this.index = this.deps.buildEntityIndex(list.map((a) => ({ id: a.id, title: a.title, publishedAt: a.publishedAt, analysis: a.analysis })));
    // The text index is shared by every process on the database and holds all current articles; syncing only
    // when our view of them changed keeps a process with a stale view from undoing another's additions.
    if (this.ftsRevision !== this.backlog.currentRevision()) {
      this.ftsRevision = this.backlog.currentRevision();
      this.deps.fts.sync(this.backlog.allCurrent().map((a) => ({ id: a.id, contentHash: a.contentHash, title: a.title, body: a.text })));
    }
    this.groupIntoStories(list);
    this.quotesBySpeaker = new Map();
    for (const a of list) {
      for (const q of a.analysis.quotes) {
        if (!q.speaker) continue;
        const key = fold(q.speaker);
        const arr = this.quotesBySpeaker.get(key) ?? [];
        arr.push({ ...q, articleId: a.id });
        this.quotesBySpeaker.set(key, arr);
      }
    }
    for (const arr of this.quotesBySpeaker.values()) arr.sort((x, y) => this.dateOf(y.articleId).localeCompare(this.dateOf(x.articleId)));
    this.lastPublish = performance.now();
    this.publishCost = this.lastPublish - started;
  }

  size(): number {
    return this.list.length;
  }

  /** Every answerable article (tests and tools; answers use `search`, `head` and `load`). */
  articles(): readonly CorpusArticle[] {
    return this.list;
  }

  head(id: string): CorpusHead | undefined {
    return this.byId.get(id);
  }

  async load(ids: readonly string[]): Promise<CorpusArticle[]> {
    return ids.map((id) => this.byId.get(id)).filter((a): a is HeldArticle => !!a);
  }

  mentionCounts(from: Date, to: Date): MentionCount[] {
    const f = from.toISOString();
    const t = to.toISOString();
    const counts = new Map<string, MentionCount>();
    for (const a of this.list) {
      if (a.effectiveDate < f || a.effectiveDate >= t) continue;
      for (const e of a.analysis.entities) {
        if (e.kind === 'byline' || e.type === 'other') continue;
        const k = fold(e.name);
        const c = counts.get(k) ?? { key: k, name: e.name, type: e.type, mentions: 0, articles: 0 };
        c.mentions += e.mentions.length;
        c.articles += 1;
        counts.set(k, c);
      }
    }
    return [...counts.values()];
  }

  entities(): EntityIndex {
    return this.index;
  }

  async search(topic: string, opts: { since?: Date; limit?: number } = {}): Promise<SearchHit[]> {
    return this.searchNow(topic, opts);
  }

  private searchNow(topic: string, opts: { since?: Date; limit?: number } = {}): { article: HeldArticle; score: number; matchedEntities: string[] }[] {
    const q = topic.trim();
    if (!q) return [];
    const matched = this.index.lookup(q).filter((e) => e.type !== 'other' || e.name.length > 3);
    const text = this.deps.fts.search(q);
    const ids = new Set([...text.map((h) => h.articleId), ...matched.flatMap((e) => e.articleIds)]);
    let candidates = [...ids].map((id) => this.byId.get(id)).filter((a): a is HeldArticle => !!a);
    if (opts.since) {
      const since = opts.since.toISOString();
      candidates = candidates.filter((a) => a.effectiveDate >= since);
    }
    return rankArticles(candidates, matched, text, this.deps.clock.now(), opts.limit ?? 50);
  }

  async searchStories(topic: string, opts: { since?: Date; limit?: number } = {}): Promise<StoryHit[]> {
    return groupHitsIntoStories(this.searchNow(topic, { since: opts.since, limit: 200 }), (id) => this.stories.get(id)).slice(0, opts.limit ?? 10);
  }

  async quotesBy(speaker: string, opts: { since?: Date; limit?: number } = {}): Promise<SpeakerQuotes> {
    const since = opts.since?.toISOString();
    const all = (this.quotesBySpeaker.get(fold(speaker)) ?? []).filter((q) => !since || this.dateOf(q.articleId) >= since);
    return { quotes: opts.limit === undefined ? all : all.slice(0, opts.limit), total: all.length };
  }

  displayQuote(articleId: string, quote: { text: string; span: [number, number] }): string {
    return this.quoteCache.trim(articleId, quote, this.byId.get(articleId)?.contentHash ?? '');
  }

  suggestTopics(topic: string, limit: number): string[] {
    return this.index.suggest(topic, limit).map((e) => e.name);
  }

  complete(source: AutocompleteSource, prefix: string, limit: number): string[] {
    const p = fold(prefix);
    const pool = this.index
      .all()
      .filter((e) => (source === 'people' ? e.type === 'person' : source === 'entities' ? e.type !== 'other' : true))
      .sort((a, b) => b.mentionCount - a.mentionCount);
    const starts = pool.filter((e) => !p || fold(e.name).startsWith(p) || fold(e.name).split(' ').some((w) => w.startsWith(p)));
    return starts.slice(0, limit).map((e) => e.name);
  }

  /** Articles about the same event become one story; its representative is the latest, most complete version. */
  private groupIntoStories(list: HeldArticle[]): void {
    const prints = new Map<string, StoryFingerprint>();
    const prepared = list.map((a) => {
      const p = this.prints.get(a.contentHash) ?? fingerprint(a.text);
      prints.set(a.contentHash, p);
      return p;
    });
    this.prints = prints;
    const groups = groupStories(list.map((a) => ({ id: a.id, title: a.title, text: a.text, publishedAt: a.effectiveDate })), {}, prepared);
    this.stories = new Map();
    for (const g of groups) {
      const story = { id: g.id, members: g.articleIds.map((id) => this.byId.get(id)!).filter(Boolean) };
      for (const id of g.articleIds) this.stories.set(id, story);
    }
  }

  private dateOf(id: string): string {
    return this.byId.get(id)?.effectiveDate ?? '';
  }
}
