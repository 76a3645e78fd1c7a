import type { ArticleAnalysis, Quote } from '../analysis/types.js';
import type { ArticleOrigin } from '../corpus/article.js';
import type { AnalysisFailure, ArticleHead, StoredArticle, UpsertOutcome } from './article-store.js';

export type { AnalysisFailure, ArticleHead, StoredArticle, UpsertOutcome };

/** What a caller gives to store an article: the parsed article without the store's own fields. */
export type ArticleInput = Omit<StoredArticle, 'id' | 'status' | 'duplicateOf' | 'firstSeenAt' | 'updatedAt'>;

/** A stored analysis with the content hash it was made from. */
export interface StoredAnalysis {
  contentHash: string;
  analysis: ArticleAnalysis;
}

/** An article with its stored analysis, if any (see `getManyWithAnalyses`). */
export interface ArticleWithAnalysis {
  article: StoredArticle;
  analysis: StoredAnalysis | undefined;
}

/**
 * One version of a story as a listing shows it (see `getVersionsWithQuotes`): the article's source fields
 * without its text, and of its analysis only the content hash it was made from and its quotes.
 */
export interface ArticleVersionRow {
  article: Pick<StoredArticle, 'id' | 'source' | 'url' | 'publisher' | 'publishedAt' | 'title' | 'contentHash' | 'status' | 'firstSeenAt'>;
  /** Present when the article has an analysis under the version asked (whatever content hash; callers compare). */
  analysis: { contentHash: string; quotes: Quote[] } | undefined;
}

/** One analysis for `saveAnalyses`: the arguments of `saveAnalysis` but the clock. */
export interface AnalysisToSave {
  articleId: string;
  version: number;
  contentHash: string;
  analysis: ArticleAnalysis;
  indexData: string | null;
}

/**
 * The compact, query-side record of one analysed article, saved with its analysis so start-up reads
 * these (small) instead of every analysis JSON. Opaque to the store: the corpus owns its format.
 */
export interface IndexRecord {
  articleId: string;
  contentHash: string;
  data: string;
}

/** What is stored about a saved in-memory index besides its bytes (opaque: the corpus owns the format). */
export interface IndexSnapshotHead {
  /** The change cursor the index reflects. */
  cursor: string;
  /** Its size in bytes. */
  bytes: number;
  /** When it was saved (ISO). */
  savedAt: string;
}

/** Receives a snapshot's bytes in order, chunk by chunk (it may throw to stop the read). */
export type SnapshotSink = (chunk: Uint8Array) => void;

/**
 * Storage for articles, their analyses and analysis failures, shared by every process that opens the
 * same database. Asynchronous so that SQLite (embedded default) and PostgreSQL (several processes)
 * implement the same seam; SQL lives only in the implementations under src/store/.
 *
 * Concurrency contract: `upsert` is idempotent per source even when several processes store the same
 * source at once (seeding races); exactly one of them reports `added`.
 */
export interface ArticleRepository {
  /** Insert or update by source. Idempotent on content hash. */
  upsert(article: ArticleInput, now: Date): Promise<{ id: string; outcome: UpsertOutcome }>;
  /**
   * `upsert` for several articles in one transaction, in order (outcomes in the same order): one commit,
   * one search-index flush and one change notice for the lot. For bulk loads (a corpus folder, a bench).
   */
  upsertMany(articles: readonly ArticleInput[], now: Date): Promise<{ id: string; outcome: UpsertOutcome }[]>;
  /** Mark current articles of `origin` whose source starts with `prefix` and is not in `present` as removed. */
  markRemoved(origin: ArticleOrigin, prefix: string, present: ReadonlySet<string>, now: Date): Promise<string[]>;
  get(id: string): Promise<StoredArticle | undefined>;
  /** Several articles by id (any status), in no particular order; unknown ids are skipped. */
  getMany(ids: readonly string[]): Promise<StoredArticle[]>;
  /** Id, content hash and update stamp of every current article (no text: cheap even at a million). */
  currentHeads(): Promise<ArticleHead[]>;
  /**
   * What changed since `cursor` (null: everything): current articles added or changed, and ids that
   * stopped being current (removed, duplicate, pruned). Every write stamps the row with a store-wide,
   * monotonically increasing sequence (not a clock, so processes with skewed clocks agree); the returned
   * cursor is the highest sequence seen. Refresh is incremental with it: nothing rescans the corpus.
   */
  changesSince(cursor: string | null): Promise<{ changed: ArticleHead[]; gone: string[]; cursor: string }>;
  /** Sources that share the article's text (reprints), besides the article's own. */
  duplicatesOf(id: string): Promise<StoredArticle[]>;
  /** Reprints of current articles grouped by original id, without text (source, url, title only are needed). */
  duplicatesByOriginal(): Promise<Map<string, Pick<StoredArticle, 'id' | 'source' | 'url' | 'title'>[]>>;
  /**
   * The reprints of several articles in one read, grouped by the article they reprint (oldest first), without
   * text: what an answer lists under "also reported by". Articles without reprints are absent from the map.
   */
  duplicatesOfMany(ids: readonly string[]): Promise<Map<string, Pick<StoredArticle, 'id' | 'source' | 'url' | 'title'>[]>>;
  /**
   * Several articles (any status; unknown ids skipped, no particular order), each with its analysis under
   * `version` when there is one (whatever content hash it was made from; callers compare): `getMany` and
   * `getAnalyses` in one read, for the articles an answer shows.
   */
  getManyWithAnalyses(ids: readonly string[], version: number): Promise<ArticleWithAnalysis[]>;
  /**
   * `getManyWithAnalyses` made light, for the extra versions of a story a briefing lists: no text, and only the
   * `quotes` of each analysis, picked out by the database (the rest of the analysis JSON never travels or is parsed).
   */
  getVersionsWithQuotes(ids: readonly string[], version: number): Promise<ArticleVersionRow[]>;

  /** Save an analysis (and its compact index record, when given) for this version and content. */
  saveAnalysis(articleId: string, version: number, contentHash: string, analysis: ArticleAnalysis, indexData: string | null, now: Date): Promise<void>;
  /** `saveAnalysis` for several articles in one transaction (bulk loads; the analysis pool saves one by one so finished work survives a kill). */
  saveAnalyses(items: readonly AnalysisToSave[], now: Date): Promise<void>;
  /** Stored analysis if it matches this version and content, else undefined. */
  getAnalysis(articleId: string, version: number, contentHash: string): Promise<ArticleAnalysis | undefined>;
  /** Analyses of several articles for this version (whatever content hash they were made from; callers compare). */
  getAnalyses(articleIds: readonly string[], version: number): Promise<Map<string, StoredAnalysis>>;
  /** Index records of current articles analysed under `version`, in pages of `pageSize` (start-up reads these). */
  indexRecords(version: number, pageSize?: number): AsyncIterable<IndexRecord[]>;
  /** Index records of some articles (after a change notice). */
  indexRecordsOf(articleIds: readonly string[], version: number): Promise<IndexRecord[]>;

  /**
   * Save the corpus's in-memory index as built at change `cursor`, for start-up to load instead of every
   * index record (stored in chunks: it can be hundreds of MB). `bytes`: one buffer, or pieces to be joined,
   * read as the rows are written (the caller keeps what they are read from unchanged until the promise
   * settles: the corpus holds index changes meanwhile), so the whole snapshot is never held at once.
   * One per analysis version, and saving removes those of other versions. Refused (false) when the stored one
   * reflects a later cursor: the newest wins. `chunkBytes` (tests): the size of the rows it is cut into.
   */
  saveIndexSnapshot(version: number, cursor: string, bytes: Uint8Array | Iterable<Uint8Array>, now: Date, chunkBytes?: number): Promise<boolean>;
  /**
   * Read the index snapshot saved for `version`: `open` is given its head and returns where its bytes go,
   * chunk by chunk in order, all from one committed state (the whole snapshot is never held at once).
   * Resolves to the head, or undefined when there is none; rejects with `store_failed` when its chunks do
   * not add up, or with what the sink threw.
   */
  readIndexSnapshot(version: number, open: (head: IndexSnapshotHead) => SnapshotSink): Promise<IndexSnapshotHead | undefined>;

  saveAnalysisFailure(articleId: string, version: number, contentHash: string, failure: AnalysisFailure): Promise<void>;
  clearAnalysisFailure(articleId: string): Promise<void>;
  getAnalysisFailure(articleId: string, version: number, contentHash: string): Promise<AnalysisFailure | undefined>;
  /** Every failure recorded for this version whose content hash still matches the current article. */
  analysisFailures(version: number): Promise<Map<string, AnalysisFailure>>;

  /**
   * A value that changes whenever any process commits a change to articles or analyses: the store-wide
   * change sequence (`changesSince`'s cursor), bumped in the same transaction as the write on both engines.
   */
  revision(): Promise<string>;
  /**
   * Be told soon after any process commits article or analysis changes (PostgreSQL: LISTEN/NOTIFY;
   * SQLite: a poll of `revision()`). Returns a function that stops listening.
   */
  onChange(listener: () => void, pollMs?: number): () => void;

  /** Retention: prune articles dated before `cutoff` to tombstones (no text, analysis or search rows). */
  pruneOlderThan(cutoff: Date, now: Date): Promise<number>;
  close(): Promise<void>;
}

/** A text match for one current article: higher `score` is better. */
export interface TextHit {
  articleId: string;
  score: number;
}

/**
 * Word and phrase search over current articles' titles and bodies. The repository keeps the search
 * rows in step with articles as it writes them (same transaction), so there is nothing to sync.
 * Query semantics on both engines: the words as a phrase first; if nothing matches, all words anywhere.
 * A query matching more than RANKED_CANDIDATES (search-query.ts) articles is ranked among its newest
 * matches only, so a common word costs the same at a million articles as at ten thousand.
 */
export interface TextSearch {
  search(query: string, limit: number): Promise<TextHit[]>;
}
