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

/**
 * What the corpus keeps in memory about one answerable article: enough to rank, filter by date and show a
 * title, never its text or analysis (those are loaded from the store for what an answer shows).
 */
export interface CorpusHead {
  id: string;
  title: string;
  publishedAt: string | null;
  firstSeenAt: string;
  /** The date used for recency and windows: publication date, else when we first saw it. */
  effectiveDate: string;
  /** `effectiveDate` as epoch milliseconds. */
  effectiveMs: number;
}

/** An article of the current corpus loaded for display: the stored article, its analysis and its reprints. */
export interface CorpusArticle extends StoredArticle {
  analysis: ArticleAnalysis;
  /** The date used for recency and windows: publication date, else when we first saw it. */
  effectiveDate: string;
  /** `effectiveDate` as epoch milliseconds. */
  effectiveMs: number;
  /** Other sources carrying the same story (exact reprints). */
  alsoReportedBy: { source: string; url: string | null; title: string }[];
}

/**
 * One version of a story as a briefing lists it beside the representative: its source and its attributed
 * quotes, without text, summary or entities (see `CorpusView.loadVersions`).
 */
export interface CorpusVersion {
  id: string;
  title: string;
  source: string;
  url: string | null;
  publisher?: string | null;
  publishedAt: string | null;
  /** Other sources carrying the same text (exact reprints). */
  alsoReportedBy: { source: string; url: string | null; title: string }[];
  /** The analysis's quotes that have a speaker, in the analysis's order. */
  quotes: Quote[];
}

// The corpus entity index is built by the analysis stage; its types are the single source of truth.
export type { EntityIndex, IndexedEntity };

/** A quote with the article it came from. */
export interface CorpusQuote extends Quote {
  articleId: string;
}

/** Quotes by one speaker, newest first, and how many there are in all (the list may stop early). */
export interface SpeakerQuotes {
  quotes: CorpusQuote[];
  total: number;
}

/** One ranked search result (an in-memory head: load it to show more than the title). */
export interface SearchHit {
  article: CorpusHead;
  score: number;
  /** Entities the topic matched in this article (canonical names). */
  matchedEntities: string[];
}

/** A group of hits about the same event. The first article is the representative. */
export interface StoryHit {
  id: string;
  articles: CorpusHead[];
  score: number;
  matchedEntities: string[];
}

/** Subject-entity mentions in a date range, per entity (what /topics ranks). */
export interface MentionCount {
  /** Folded name: the same entity in two ranges has the same key. */
  key: string;
  name: string;
  type: string;
  mentions: number;
  articles: number;
}

/**
 * The analysed corpus as command handlers query it. Ranking, entities and dates are in memory and
 * synchronous; anything that needs an article's text, analysis or source is loaded from the store
 * (asynchronous), for the results actually shown.
 */
export interface CorpusView {
  /** Answerable articles. */
  size(): number;
  /** The in-memory head of an answerable article. */
  head(id: string): CorpusHead | undefined;
  /**
   * The answerable articles an entity of `entities()` appears in, latest first (ties keep the entity's article
   * order): the first `max`, or all when `max` is undefined, and how many there are. Read from memory.
   */
  latestOf(entity: IndexedEntity, max?: number): { shown: CorpusHead[]; count: number };
  /** Full articles (text, analysis, reprints) in the order asked; unknown or unanswerable ids are left out. */
  load(ids: readonly string[]): Promise<CorpusArticle[]>;
  /**
   * `load` made light for the extra versions of a story: source fields and attributed quotes only, under the same
   * rules (unknown, unanswerable or stale-analysis ids are left out), in the order asked.
   */
  loadVersions(ids: readonly string[]): Promise<CorpusVersion[]>;
  entities(): EntityIndex;
  /** Ranked articles for a topic; empty when nothing matches. */
  search(topic: string, opts?: { since?: Date; limit?: number }): Promise<SearchHit[]>;
  /** Search results grouped into stories (same event → one story with several sources). */
  searchStories(topic: string, opts?: { since?: Date; limit?: number }): Promise<StoryHit[]>;
  /**
   * Quotes attributed to a speaker (by canonical name), newest first, from articles dated at/after `since`.
   * Articles are loaded newest first until `limit` quotes are found (all when absent); `total` counts all.
   */
  quotesBy(speaker: string, opts?: { since?: Date; limit?: number }): Promise<SpeakerQuotes>;
  /** Subject-entity mentions (people, places, organizations) in articles dated in [from, to). */
  mentionCounts(from: Date, to: Date): MentionCount[];
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
