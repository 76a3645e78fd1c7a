import type Database from 'better-sqlite3';
import type { TextHit } from './article-repository.js';
import { queryWords } from './search-query.js';

/** A document the corpus used to push into the index (kept for the synchronous corpus until it moves to TextSearch). */
export interface SearchDoc {
  id: string;
  contentHash: string;
  title: string;
  body: string;
}

/**
 * @deprecated Use `SqliteTextSearch` (or `openArticleStorage().search`). The synchronous face of the same
 * FTS5 rows for the corpus that has not moved to the asynchronous seam yet. Since migration 7 the
 * database's triggers keep the rows in step with every article write, so `sync` has nothing left to do.
 */
export class FtsIndex {
  private readonly stmt: Database.Statement;

  constructor(db: Database.Database) {
    this.stmt = db.prepare(
      'SELECT article_id AS id, bm25(search_fts, 0, 3.0, 1.0) AS rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?',
    );
  }

  /** Nothing to do: the article writes themselves keep the search rows (migration 7's triggers). */
  sync(_docs: readonly SearchDoc[]): { added: number; removed: number } {
    return { added: 0, removed: 0 };
  }

  /** Articles matching all words of `query` (as a phrase first, then as words anywhere). */
  search(query: string, limit = 200): TextHit[] {
    const words = queryWords(query);
    if (words.length === 0) return [];
    let rows = this.stmt.all(`{title body}: "${words.join(' ')}"`, limit) as { id: string; rank: number }[];
    if (rows.length === 0 && words.length > 1) {
      rows = this.stmt.all(`{title body}: ${words.map((w) => `"${w}"`).join(' AND ')}`, limit) as { id: string; rank: number }[];
    }
    return rows.map((r) => ({ articleId: r.id, score: -r.rank }));
  }
}
