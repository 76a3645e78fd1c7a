import type Database from 'better-sqlite3';
import type { TextHit, TextSearch } from './article-repository.js';
import { queryWords, RANKED_CANDIDATES } from './search-query.js';

/**
 * Word and phrase search on SQLite FTS5 (porter stemming, accent folding by the tokenizer). The rows hold
 * only current articles: triggers (migration 7) keep them in step with every article write, so there is
 * nothing to sync. bm25 weighs the title three times the body, and the LIMIT is inside the SQL.
 *
 * bm25 is computed for every match before the LIMIT applies, so a common word ("said", "government")
 * would cost time in proportion to the corpus. Ranking is therefore done among the newest
 * RANKED_CANDIDATES matches (FTS rows are written in article-write order, so the highest rowids are the
 * newest writes): the first query finds the rowid where that window starts by walking the match list
 * backwards, and the ranked query starts there. Below that many matches nothing changes.
 *
 * The ranked query returns rowids only: `article_id` lives in the FTS content table, and selecting it there
 * read it for every ranked candidate (thousands) before the sort kept `limit`. The ids of the rows kept are
 * read afterwards, in one statement, in the ranked order, from `search_docs`' rowid index.
 */
export class SqliteTextSearch implements TextSearch {
  private readonly floor: Database.Statement;
  private readonly ranked: Database.Statement;
  private readonly idsOf: Database.Statement;
  private readonly candidates: number;

  /** `rankedCandidates`: how many of the newest matches are ranked (tests make it small). */
  constructor(db: Database.Database, opts: { rankedCandidates?: number } = {}) {
    this.candidates = opts.rankedCandidates ?? RANKED_CANDIDATES;
    this.floor = db.prepare('SELECT rowid AS r FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?');
    this.ranked = db.prepare(
      'SELECT rowid AS r, bm25(search_fts, 0, 3.0, 1.0) AS rank FROM search_fts WHERE search_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?',
    );
    // One rowid lookup per kept row, in the order given (json_each's key is the position in the list), in
    // the small rowid map (migration 10) rather than the FTS content rows, which hold every article's body.
    // The triggers write both in one statement; a row the map lacks is still answered from the FTS row.
    this.idsOf = db
      .prepare(
        `SELECT coalesce((SELECT article_id FROM search_docs INDEXED BY search_docs_by_rowid WHERE fts_rowid = j.value),
                         (SELECT article_id FROM search_fts WHERE rowid = j.value)) AS id
         FROM json_each(?) j ORDER BY j.key`,
      )
      .pluck();
  }

  /** The words as a phrase first; if nothing matches, all words anywhere in title or body. */
  async search(query: string, limit: number): Promise<TextHit[]> {
    const words = queryWords(query);
    if (words.length === 0 || limit <= 0) return [];
    let hits = this.run(`{title body}: "${words.join(' ')}"`, limit);
    if (hits.length === 0 && words.length > 1) hits = this.run(`{title body}: ${words.map((w) => `"${w}"`).join(' AND ')}`, limit);
    return hits;
  }

  private run(match: string, limit: number): TextHit[] {
    const start = (this.floor.get(match, this.candidates - 1) as { r: number } | undefined)?.r ?? 0;
    const rows = this.ranked.all(match, start, limit) as { r: number; rank: number }[];
    if (rows.length === 0) return [];
    const ids = this.idsOf.all(JSON.stringify(rows.map((x) => x.r))) as string[];
    return rows.map((x, i) => ({ articleId: ids[i], score: -x.rank }));
  }
}
