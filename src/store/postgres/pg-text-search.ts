import type { TextHit, TextSearch } from '../article-repository.js';
import { foldAccents, queryWords, RANKED_CANDIDATES } from '../search-query.js';
import type { Queryable } from './sql-database.js';

/**
 * The text search configuration: English stemming ("elections" finds "election"), as SQLite's porter
 * tokenizer does. Accents are folded in JS before both writing and querying, since `unaccent` is an
 * extension only a superuser may install.
 */
const CONFIG = 'english';
/** ts_rank weights for D, C, B, A: the title (A) counts three times the body (D), as bm25's weights do on SQLite. */
const WEIGHTS = '{0.1, 0.1, 0.1, 0.3}';

/**
 * Write (or replace) an article's search row, inside the caller's transaction. Replacing deletes and
 * inserts, so the row takes a new `ord` (write order) like a new article.
 */
export async function writeSearchRow(tx: Queryable, id: string, title: string, text: string): Promise<void> {
  await tx.query('DELETE FROM search_docs WHERE article_id = $1', [id]);
  await tx.query(
    `INSERT INTO search_docs (article_id, vector)
     VALUES ($1, setweight(to_tsvector('${CONFIG}', $2), 'A') || setweight(to_tsvector('${CONFIG}', $3), 'D'))`,
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
 *
 * ts_rank reads every matching row's vector before the LIMIT applies, so a common word would cost
 * time in proportion to the corpus. As on SQLite, ranking is done among the newest `rankedCandidates`
 * matches (by `ord`, the write order); below that many matches it is exact.
 */
export class PgTextSearch implements TextSearch {
  private readonly candidates: number;

  /** `rankedCandidates`: how many of the newest matches are ranked (tests make it small). */
  constructor(
    private readonly db: Queryable,
    opts: { rankedCandidates?: number } = {},
  ) {
    this.candidates = opts.rankedCandidates ?? RANKED_CANDIDATES;
  }

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
      // The tsquery inline (not in a CTE) so the planner can estimate how many rows match: a common word
      // then walks the ord index backwards and stops at the window, a rare one takes the GIN index.
      `SELECT c.article_id, ts_rank('${WEIGHTS}', c.vector, ${fn}('${CONFIG}', $1)) AS rank
       FROM (SELECT d.article_id, d.vector FROM search_docs d WHERE d.vector @@ ${fn}('${CONFIG}', $1) ORDER BY d.ord DESC LIMIT $3) c
       ORDER BY rank DESC, c.article_id LIMIT $2`,
      [text, limit, this.candidates],
    );
    return rows.map((r) => ({ articleId: r.article_id, score: Number(r.rank) }));
  }
}
