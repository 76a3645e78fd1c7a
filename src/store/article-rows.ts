import { createHash } from 'node:crypto';
import type { ArticleOrigin } from '../corpus/article.js';
import { PARSE_VERSION } from '../corpus/article.js';
import type { AnalysisFailure, ArticleHead, ArticleInput, StoredArticle } from './article-repository.js';

/** Stable short id for a source (file path or URL): the same on every engine and in every process. */
export function articleIdFor(source: string): string {
  return createHash('sha1').update(source).digest('hex').slice(0, 12);
}

/** Hash of an article's cleaned text, blind to case and spacing: equal hashes mean a reprint. */
export function textHashOf(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim().toLowerCase()).digest('hex');
}

/** An `articles` row as both engines return it (the same column names on SQLite and PostgreSQL). */
export interface ArticleRow {
  id: string; source: string; origin: string; title: string; title_derived: number | boolean; url: string | null;
  published_at: string | null; publisher: string | null; parse_version: number; byline: string; credits: string; text: string; offsets_into: string; offsets: string;
  content_hash: string; text_hash: string; status: string; duplicate_of: string | null; first_seen_at: string; updated_at: string;
}

/** Columns a write sets from the caller's article (everything but identity, status and stamps). */
export interface ArticleColumns {
  source: string; origin: string; title: string; title_derived: number; url: string | null; published_at: string | null; publisher: string | null;
  parse_version: number; byline: string; credits: string; text: string; offsets_into: string; offsets: string; content_hash: string; text_hash: string;
}

export function articleFromRow(r: ArticleRow): StoredArticle {
  return {
    id: r.id, source: r.source, origin: r.origin as ArticleOrigin, title: r.title, titleDerived: !!r.title_derived,
    url: r.url, publishedAt: r.published_at, publisher: r.publisher, byline: JSON.parse(r.byline), credits: JSON.parse(r.credits), text: r.text,
    offsetsInto: r.offsets_into as 'input' | 'text', offsets: JSON.parse(r.offsets), contentHash: r.content_hash,
    textHash: r.text_hash, status: r.status as StoredArticle['status'], duplicateOf: r.duplicate_of,
    firstSeenAt: r.first_seen_at, updatedAt: r.updated_at,
  };
}

export function articleColumns(a: ArticleInput): ArticleColumns {
  return {
    source: a.source, origin: a.origin, title: a.title, title_derived: a.titleDerived ? 1 : 0, url: a.url,
    published_at: a.publishedAt, publisher: a.publisher ?? null, parse_version: PARSE_VERSION,
    byline: JSON.stringify(a.byline), credits: JSON.stringify(a.credits), text: a.text,
    offsets_into: a.offsetsInto, offsets: JSON.stringify(a.offsets), content_hash: a.contentHash, text_hash: a.textHash,
  };
}

/** The head columns (`id, content_hash, updated_at`) as the port's shape. */
export function headFromRow(r: { id: string; content_hash: string; updated_at: string }): ArticleHead {
  return { id: r.id, contentHash: r.content_hash, updatedAt: r.updated_at };
}

export function failureFromRow(r: { reason: string; message: string; failed_at: string }): AnalysisFailure {
  return { reason: r.reason as AnalysisFailure['reason'], message: r.message, failedAt: r.failed_at };
}

/**
 * Whether an existing row needs no write for this input: same content, not removed, parsed by this
 * parser version. A pruned tombstone counts as unchanged on purpose: re-ingesting an old file must not revive it. Both engines decide `unchanged` with this one rule.
 */
export function isUnchanged(existing: Pick<ArticleRow, 'content_hash' | 'status' | 'parse_version'>, a: ArticleInput): boolean {
  return existing.content_hash === a.contentHash && existing.status !== 'removed' && existing.parse_version === PARSE_VERSION;
}

/** Rows per page when a caller gives no page size; large enough to amortise a round trip, small enough to stream. */
export const DEFAULT_PAGE_SIZE = 2000;

/** Split ids into chunks that fit an engine's parameter limit. */
export function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** The smallest string above every string that starts with `prefix`: its last code point plus one. */
export function prefixEnd(prefix: string): string {
  const points = [...prefix];
  const last = points.pop();
  if (last === undefined) return '\u{10FFFF}';
  const code = last.codePointAt(0)!;
  return code >= 0x10ffff ? `${prefix}\u{10FFFF}` : points.join('') + String.fromCodePoint(code + 1);
}
