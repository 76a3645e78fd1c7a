import type { ArticleAnalysis } from '../analysis/types.js';
import type { ArticleOrigin, ParsedArticle } from '../corpus/article.js';
import type { OffsetRun } from '../corpus/offset-map.js';

/** An article as persisted: the parsed article plus its identity and corpus status. */
export interface StoredArticle extends Omit<ParsedArticle, 'offsets'> {
  id: string;
  /** The offset map as plain runs (JSON in the store). */
  offsets: OffsetRun[];
  /** Hash of the cleaned text: two sources with the same story text are one article. */
  textHash: string;
  /**
   * `removed`: its file was deleted; `duplicate`: same text as `duplicateOf`;
   * `pruned`: older than the retention period (a tombstone without text, so re-ingesting the same file does not bring it back).
   */
  status: 'current' | 'removed' | 'duplicate' | 'pruned';
  duplicateOf: string | null;
  firstSeenAt: string;
  updatedAt: string;
}

/** Why an article has no analysis: over the time budget, the analyser threw, or its worker died. */
export type AnalysisFailureReason = 'too_slow' | 'error' | 'crashed';

/** A persisted analysis failure, valid for one analysis version and content hash. */
export interface AnalysisFailure {
  reason: AnalysisFailureReason;
  message: string;
  failedAt: string;
}

/** Identity and change stamp of a current article: enough to tell whether it changed since the last look. */
export interface ArticleHead {
  id: string;
  contentHash: string;
  updatedAt: string;
}

export type UpsertOutcome = 'added' | 'updated' | 'unchanged' | 'duplicate' | 'restored';

/** Storage for articles and their analyses. SQLite is the default implementation. */
export interface ArticleStore {
  /** Insert or update by source. Idempotent on content hash. */
  upsert(article: Omit<StoredArticle, 'id' | 'status' | 'duplicateOf' | 'firstSeenAt' | 'updatedAt'>, now: Date): { id: string; outcome: UpsertOutcome };
  /** Mark current articles of `origin` whose source starts with `prefix` and is not in `present` as removed. */
  markRemoved(origin: ArticleOrigin, prefix: string, present: ReadonlySet<string>, now: Date): string[];
  get(id: string): StoredArticle | undefined;
  listCurrent(): StoredArticle[];
  /** Sources that share the article's text (reprints), besides the article's own. */
  duplicatesOf(id: string): StoredArticle[];
  /** Every reprint of a current article, grouped by the article it duplicates (one query for the whole corpus). */
  duplicatesByOriginal(): Map<string, StoredArticle[]>;
  saveAnalysis(articleId: string, version: number, contentHash: string, analysis: ArticleAnalysis, now: Date): void;
  /** Stored analysis if it matches this version and content, else undefined. */
  getAnalysis(articleId: string, version: number, contentHash: string): ArticleAnalysis | undefined;
  /** Record that analysing this version of the article failed (replaces any earlier record). */
  saveAnalysisFailure(articleId: string, version: number, contentHash: string, failure: AnalysisFailure): void;
  /** Forget a recorded failure (it turned out not to be the article's fault). */
  clearAnalysisFailure(articleId: string): void;
  /** The failure recorded for this version and content, else undefined (an upgrade or an edit means: try again). */
  getAnalysisFailure(articleId: string, version: number, contentHash: string): AnalysisFailure | undefined;
  /** Id, content hash and update stamp of every current article (cheap; no text). */
  currentHeads(): ArticleHead[];
  /** Changes whenever another connection commits to the database (PRAGMA data_version): the live corpus polls it. */
  changeCounter(): number;
  /**
   * Retention: articles whose date (published, else first seen) is before `cutoff` lose their text, analysis and
   * search rows and become `pruned` tombstones. Digest history keeps its article ids. Returns how many were pruned.
   */
  pruneOlderThan(cutoff: Date, now: Date): number;
  /** Run several writes as one transaction (one commit instead of one per write). */
  batch<T>(fn: () => T): T;
  close(): void;
}
