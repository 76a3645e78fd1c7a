import type { ArticleAnalysis, EntityType } from '../types.js';

/** One analysed article as the index sees it. */
export interface IndexDoc {
  id: string;
  title: string;
  publishedAt: string | null;
  analysis: ArticleAnalysis;
}

/** A role seen for an entity in one article, dated so /who can show changes over time. */
export interface IndexedRole {
  role: string;
  articleId: string;
  date: string | null;
}

/** A corpus-wide entity: every article's mentions of one person, organization or place. */
export interface IndexedEntity {
  /** Stable id: type and folded canonical name ("person:antony blinken"). */
  id: string;
  name: string;
  type: EntityType;
  /** `byline` for reporters/editors, never returned by subject lookups. */
  kind: 'subject' | 'byline';
  aliases: string[];
  /** Every role occurrence, oldest first (undated last). */
  roles: IndexedRole[];
  mentionCount: number;
  articleIds: string[];
  /** Other subject entities appearing in the same articles, most frequent first (top 20). */
  cooccurring: { name: string; type: EntityType; count: number }[];
}

/** Lookup over corpus entities. */
export interface EntityIndex {
  /** Exact match on canonical name or any alias (accent/case folded); several results = ambiguous, best first. */
  lookup(query: string): IndexedEntity[];
  /** Close matches for typos and prefixes ("blinkin", "blin"), best first. */
  suggest(query: string, limit: number): IndexedEntity[];
  get(id: string): IndexedEntity | undefined;
  /** All subject entities, most mentioned first. */
  all(): IndexedEntity[];
  /** Reporters and editors credited in the corpus. */
  bylines(): IndexedEntity[];
}

/** One entity of one article as the incremental index takes it (compact: counts, not spans). */
export interface IndexEntityInput {
  name: string;
  type: EntityType;
  kind: 'subject' | 'byline';
  /** Mention spans in the article (0 when known only from a role or alias). */
  mentions: number;
  aliases: readonly string[];
  /** Distinct roles seen for it in this article. */
  roles: readonly string[];
}
