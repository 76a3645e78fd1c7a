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
  /** `removed`: its file was deleted; `duplicate`: same text as `duplicateOf`. */
  status: 'current' | 'removed' | 'duplicate';
  duplicateOf: string | null;
  firstSeenAt: string;
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
  /** Run several writes as one transaction (one commit instead of one per write). */
  batch<T>(fn: () => T): T;
  close(): void;
}
