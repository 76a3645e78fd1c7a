import type Database from 'better-sqlite3';
import type { TextHit, TextSearch } from './article-repository.js';
import { queryWords } from './search-query.js';

/**
 * Word and phrase search on SQLite FTS5 (porter stemming, accent folding by the tokenizer). The rows hold
 * only current articles: triggers (migration 7) keep them in step with every article write, so there is
 * nothing to sync. bm25 weighs the title three times the body; the LIMIT is inside the SQL, so a
 * common word costs one ranked scan of the index, not a list of every match.
 */
export class SqliteTextSearch implements TextSearch {
  private readonly stmt: Database.Statement;

  constructor(db: Database.Database) {
    this.stmt = db.prepare(
      'SELECT article_id AS id, bm25(search_fts, 0, 3.0, 1.0) AS rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?',
    );
  }

  /** The words as a phrase first; if nothing matches, all words anywhere in title or body. */
  async search(query: string, limit: number): Promise<TextHit[]> {
    const words = queryWords(query);
    if (words.length === 0 || limit <= 0) return [];
    let rows = this.stmt.all(`{title body}: "${words.join(' ')}"`, limit) as { id: string; rank: number }[];
    if (rows.length === 0 && words.length > 1) {
      rows = this.stmt.all(`{title body}: ${words.map((w) => `"${w}"`).join(' AND ')}`, limit) as { id: string; rank: number }[];
    }
    return rows.map((r) => ({ articleId: r.id, score: -r.rank }));
  }
}
