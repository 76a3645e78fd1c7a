import type { EntityIndex, IndexedEntity } from '../analysis/entity-index/types.js';
import type { ArticleAnalysis, Quote } from '../analysis/types.js';
import type { AutocompleteSource } from '../core/command-spec.js';
import type { FailedArticle } from '../analysis-pool/analysis-backlog.js';
import type { StoredArticle } from '../store/article-store.js';

export type { FailedArticle };

/** How far analysis has got: current articles, answerable ones, the backlog still to analyse and failures. */
export interface CorpusStatus {
  /** The corpus answers (from what is analysed so far) even while a backlog is analysed. */
  ready: boolean;
  articles: number;
  analysed: number;
  pending: number;
  failed: number;
}

/** An article of the current corpus together with its analysis. */
export interface CorpusArticle extends StoredArticle {
  analysis: ArticleAnalysis;
  /** The date used for recency and windows: publication date, else when we first saw it. */
  effectiveDate: string;
  /** Other sources carrying the same story (exact reprints and near-duplicates). */
  alsoReportedBy: { source: string; url: string | null; title: string }[];
  /** Subject-entity mentions by folded canonical name (precomputed for ranking). */
  entityMentions: ReadonlyMap<string, number>;
  /** All subject-entity mentions in the article. */
  subjectMentions: number;
  /** Folded title, padded with spaces, for whole-word containment checks. */
  foldedTitle: string;
  /** `effectiveDate` as epoch milliseconds. */
  effectiveMs: number;
}

// The corpus entity index is built by the analysis stage; its types are the single source of truth.
export type { EntityIndex, IndexedEntity };

/** A quote with the article it came from. */
export interface CorpusQuote extends Quote {
  articleId: string;
}

/** One ranked search result. */
export interface SearchHit {
  article: CorpusArticle;
  score: number;
  /** Entities the topic matched in this article (canonical names). */
  matchedEntities: string[];
}

/** A group of hits about the same event. The first article is the representative. */
export interface StoryHit {
  id: string;
  articles: CorpusArticle[];
  score: number;
  matchedEntities: string[];
}

/** Read-only view of the analysed corpus that command handlers query. */
export interface CorpusView {
  size(): number;
  articles(): readonly CorpusArticle[];
  article(id: string): CorpusArticle | undefined;
  entities(): EntityIndex;
  /** Ranked articles for a topic; empty when nothing matches. */
  search(topic: string, opts?: { since?: Date; limit?: number }): SearchHit[];
  /** Search results grouped into stories (same event → one story with several sources). */
  searchStories(topic: string, opts?: { since?: Date; limit?: number }): StoryHit[];
  /** Quotes attributed to an entity (by canonical name), newest first. */
  quotesBy(entityName: string): CorpusQuote[];
  /** Close matches for a topic that found nothing (entity names, frequent words). */
  suggestTopics(topic: string, limit: number): string[];
  complete(source: AutocompleteSource, prefix: string, limit: number): string[];
  /** Articles whose analysis failed (e.g. "too slow"); answers skip them. */
  failures(): readonly FailedArticle[];
  /** Analysed / pending / failed counts for health and status. */
  status(): CorpusStatus;
  /**
   * A quote of article `articleId` as answers show it (trimmed to a readable length, marks balanced).
   * Cached per article version: popular quotes appear in many answers.
   */
  displayQuote(articleId: string, quote: { text: string; span: [number, number] }): string;
}
