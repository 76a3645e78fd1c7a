import type { TextHit, TextSearch } from '../article-repository.js';
import { foldAccents, queryWords } from '../search-query.js';
import type { Queryable } from './sql-database.js';

/**
 * The text search configuration: English stemming ("elections" finds "election"), as SQLite's porter
 * tokenizer does. Accents are folded in JS before both writing and querying, since `unaccent` is an
 * extension only a superuser may install.
 */
const CONFIG = 'english';
/** ts_rank weights for D, C, B, A: the title (A) counts three times the body (D), as bm25's weights do on SQLite. */
const WEIGHTS = '{0.1, 0.1, 0.1, 0.3}';

/** Write (or replace) an article's search row, inside the caller's transaction. */
export async function writeSearchRow(tx: Queryable, id: string, title: string, text: string): Promise<void> {
  await tx.query(
    `INSERT INTO search_docs (article_id, vector)
     VALUES ($1, setweight(to_tsvector('${CONFIG}', $2), 'A') || setweight(to_tsvector('${CONFIG}', $3), 'D'))
     ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector`,
    [id, foldAccents(title), foldAccents(text)],
  );
}

/** Drop search rows (the articles stopped being current), inside the caller's transaction. */
export async function dropSearchRows(tx: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length) await tx.query('DELETE FROM search_docs WHERE article_id = ANY($1::text[])', [ids]);
}

/**
 * Word and phrase search on PostgreSQL: a `tsvector` per current article (kept by the repository in
 * each write transaction) under a GIN index; `phraseto_tsquery` for the phrase, then
 * `websearch_to_tsquery` for all words anywhere; `ts_rank`, with the LIMIT inside the SQL.
 */
export class PgTextSearch implements TextSearch {
  constructor(private readonly db: Queryable) {}

  async search(query: string, limit: number): Promise<TextHit[]> {
    const words = queryWords(query);
    if (words.length === 0 || limit <= 0) return [];
    const text = foldAccents(words.join(' '));
    let hits = await this.run('phraseto_tsquery', text, limit);
    if (hits.length === 0 && words.length > 1) hits = await this.run('websearch_to_tsquery', text, limit);
    return hits;
  }

  private async run(fn: 'phraseto_tsquery' | 'websearch_to_tsquery', text: string, limit: number): Promise<TextHit[]> {
    const { rows } = await this.db.query<{ article_id: string; rank: number }>(
      `SELECT d.article_id, ts_rank('${WEIGHTS}', d.vector, q) AS rank
       FROM search_docs d, ${fn}('${CONFIG}', $1) q
       WHERE d.vector @@ q ORDER BY rank DESC, d.article_id LIMIT $2`,
      [text, limit],
    );
    return rows.map((r) => ({ articleId: r.article_id, score: Number(r.rank) }));
  }
}
