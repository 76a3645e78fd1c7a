import type { AnalysisInput } from '../analysis/types.js';
import type { OffsetMap } from './offset-map.js';

/** A person credited for the article (not a story subject). */
export interface Credit {
  name: string;
  /** "reporter", "editor", "writer", "photographer"… */
  role: string;
}

/**
 * Bump when parsing or cleaning changes what is stored for the same input bytes (metadata, text), so
 * stored articles are parsed again on the next ingest instead of being kept as "unchanged".
 */
export const PARSE_VERSION = 2;

/** Where an article came from. `file` sources are paths; `feed` sources are URLs. */
export type ArticleOrigin = 'file' | 'feed';

/**
 * An article after parsing and cleaning, before analysis. `text` is the
 * cleaned body (no headline line, no furniture, no credit line);
 * `offsets` maps each index of `text` back to the raw input.
 */
export interface ParsedArticle {
  /** Stable identity of the source: absolute file path or URL. */
  source: string;
  origin: ArticleOrigin;
  title: string;
  /** True when the title was derived from the lead rather than given. */
  titleDerived: boolean;
  url: string | null;
  /** ISO-8601 date, or null when unknown ("undated"; never invented). */
  publishedAt: string | null;
  /** A publisher name a reader recognises ("Reuters", "BBC News"), or null when nothing names one. */
  publisher?: string | null;
  /** Names of reporters/editors, in credit order. */
  byline: string[];
  credits: Credit[];
  text: string;
  /** Whether `offsets` indexes the raw input characters ("input") or only `text` ("text", e.g. HTML). */
  offsetsInto: 'input' | 'text';
  offsets: OffsetMap;
  /** SHA-256 of the raw input: the idempotency key for re-ingest. */
  contentHash: string;
}

/** What the analysis stage is given for an article: a derived title is not a headline, so it is left out. */
export function analysisInputOf(a: Pick<ParsedArticle, 'text' | 'title' | 'titleDerived' | 'byline' | 'publishedAt'>): AnalysisInput {
  return { text: a.text, title: a.titleDerived ? null : a.title, byline: a.byline, publishedAt: a.publishedAt };
}
