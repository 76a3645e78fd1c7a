/**
 * Text search moved behind the storage seam (src/store/): `TextSearch` in article-repository.ts, with
 * `SqliteTextSearch` and `PgTextSearch` as the engines. This module only re-exports for callers that
 * have not moved yet; it holds no SQL.
 */
export type { TextHit } from '../store/article-repository.js';
export { queryWords } from '../store/search-query.js';
export { FtsIndex, type SearchDoc } from '../store/legacy-fts-index.js';
