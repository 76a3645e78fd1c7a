import type { Quote } from '../analysis/types.js';
import type { ArticleVersionRow, StoredArticle } from './article-repository.js';

/** A `getVersionsWithQuotes` row as both engines return it: source columns, the analysis hash and the quotes array as JSON text. */
export interface VersionRow {
  id: string; source: string; url: string | null; publisher: string | null; published_at: string | null; title: string;
  content_hash: string; status: string; first_seen_at: string; analysis_hash: string | null; quotes: string | null;
}

/** Shared by both engines: the row's article fields and its parsed quotes (none when there is no analysis). */
export function versionFromRow(r: VersionRow): ArticleVersionRow {
  const article: ArticleVersionRow['article'] = {
    id: r.id, source: r.source, url: r.url, publisher: r.publisher, publishedAt: r.published_at, title: r.title,
    contentHash: r.content_hash, status: r.status as StoredArticle['status'], firstSeenAt: r.first_seen_at,
  };
  return { article, analysis: r.analysis_hash === null ? undefined : { contentHash: r.analysis_hash, quotes: JSON.parse(r.quotes ?? '[]') as Quote[] } };
}
