import type { ArticleAnalysis } from '../analysis/types.js';
import type { ArticleVersionRow, ArticleWithAnalysis } from './article-repository.js';
import { type ArticleRow, articleFromRow } from './article-rows.js';
import { versionFromRow, type VersionRow } from './version-rows.js';

/** Rows for ids in chunks (the repository's `byIds`): `prefix` ends with `IN`, `before` binds ahead of the ids. */
export type RowsByIds = <R>(prefix: string, ids: readonly unknown[], before?: unknown[]) => R[];

/** The answer-side reads of the SQLite repository: several articles joined with (part of) their analyses. */
export function sqliteManyWithAnalyses(byIds: RowsByIds, ids: readonly string[], version: number): ArticleWithAnalysis[] {
  const rows = byIds<ArticleRow & { analysis_hash: string | null; analysis_json: string | null }>(
    'SELECT a.*, x.content_hash AS analysis_hash, x.json AS analysis_json FROM articles a LEFT JOIN analyses x ON x.article_id = a.id AND x.version = ? WHERE a.id IN',
    [...new Set(ids)], [version]);
  return rows.map((r) => ({
    article: articleFromRow(r),
    analysis: r.analysis_json === null ? undefined : { contentHash: r.analysis_hash!, analysis: JSON.parse(r.analysis_json) as ArticleAnalysis },
  }));
}

/**
 * `getVersionsWithQuotes` on SQLite: json_extract picks the quotes array out of the analysis JSON in C, so
 * the summary, entities and the rest (most of the JSON) are neither copied into JavaScript nor parsed.
 */
export function sqliteVersionsWithQuotes(byIds: RowsByIds, ids: readonly string[], version: number): ArticleVersionRow[] {
  return byIds<VersionRow>(
    `SELECT a.id, a.source, a.url, a.publisher, a.published_at, a.title, a.content_hash, a.status, a.first_seen_at,
       x.content_hash AS analysis_hash, CASE WHEN x.json IS NULL THEN NULL ELSE coalesce(json_extract(x.json, '$.quotes'), '[]') END AS quotes
     FROM articles a LEFT JOIN analyses x ON x.article_id = a.id AND x.version = ? WHERE a.id IN`,
    [...new Set(ids)], [version]).map(versionFromRow);
}
