import type { TextHit, TextSearch } from '../article-repository.js';
import { foldAccents, queryWords, RANKED_CANDIDATES } from '../search-query.js';
import type { Queryable, SqlDatabase } from './sql-database.js';

/**
 * The text search configuration: English stemming ("elections" finds "election"), as SQLite's porter
 * tokenizer does. Accents are folded in JS before both writing and querying, since `unaccent` is an
 * extension only a superuser may install.
 */
const CONFIG = 'english';
/** ts_rank weights for D, C, B, A: the title (A) counts three times the body (D), as bm25's weights do on SQLite. */
const WEIGHTS = '{0.1, 0.1, 0.1, 0.3}';

/**
 * Cost of reading one row's vector (it is TOASTed: a toast-index probe, chunk reads, decompression) and of
 * one GIN posting entry, in the same unit (µs, measured on the bench corpora). The ratio is what matters:
 * the planner prices both alike, so it cannot make this choice itself.
 */
const VECTOR_READ_COST = 3;
const POSTING_COST = 0.25;
/** Windows are sized for this many times the matches still needed (estimates are rough). */
const SLACK = 1.5;
/** A word's first window spans at most this many times the smallest window (2 × candidates rows). */
const FIRST_WINDOW = 10;
/**
 * A row's vector read once: a vector column referenced twice (the match, the rank) is read from TOAST
 * twice. setweight with no lexemes listed is a plain copy of the read value (same lexemes, positions, weights).
 */
const READ_ONCE = "setweight(d.vector, 'A', '{}'::text[])";
/**
 * The planner settings for the windows, local to the search's transaction. Plain index scans off: the
 * planner cannot walk `ord` instead. Sequential scans off. Each row fetched priced like a page read (its
 * vector is a TOAST read), else for a wide window it scans the `ord` range alone and reads every vector in
 * it, the GIN index looking dear. A bigger work_mem keeps the GIN bitmap exact: a lossy page would have
 * every row on it read and checked. No parallel workers: starting them costs more than the few thousand
 * rows a window holds.
 */
const WINDOW_SETTINGS = `set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true), set_config('cpu_tuple_cost', '1', true),
  set_config('work_mem', '64MB', true), set_config('max_parallel_workers_per_gather', '0', true)`;

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

/** How the newest matches are found: by walking `ord` downwards, or through the GIN index, window by window. */
export type PgSearchPlan = 'walk' | 'windows';

type TsFunction = 'phraseto_tsquery' | 'websearch_to_tsquery';
interface RankedRow {
  article_id: string;
  rank: number | string;
}

/**
 * Word and phrase search on PostgreSQL: a `tsvector` per current article (kept by the repository in
 * each write transaction) under a GIN index; `phraseto_tsquery` for the phrase, then
 * `websearch_to_tsquery` for all words anywhere; `ts_rank`.
 *
 * As on SQLite, a query is ranked among its newest `rankedCandidates` matches (by `ord`, the write order);
 * below that many matches the ranking is exact. The answer is the same whichever way those matches are
 * found, but the cost is not: every vector read is a TOAST read, and the planner prices it like a
 * comparison. Walking `ord` downwards reads the vector of every row passed, matching or not: right for a
 * word in a third of all articles, 60,000 vector reads for one in 8% at a million. So each search picks:
 *  - walk (`ord` index backwards, check each row), when the statistics say the query is very common;
 *  - windows: the GIN index ANDed with an `ord` range, newest range first, each range sized from the
 *    density seen so far, until enough matches are found. Only matches are read (phrases also read the
 *    rows holding all the words, to check adjacency), and only the matches kept are ranked.
 * The planner settings that force the chosen plan are local to the search's transaction.
 */
export class PgTextSearch implements TextSearch {
  private readonly candidates: number;
  private readonly plan: PgSearchPlan | undefined;

  /**
   * `rankedCandidates`: how many of the newest matches are ranked (tests make it small). `plan` forces
   * one way of finding them (tests compare both); by default each search chooses.
   */
  constructor(
    private readonly db: SqlDatabase,
    opts: { rankedCandidates?: number; plan?: PgSearchPlan } = {},
  ) {
    this.candidates = opts.rankedCandidates ?? RANKED_CANDIDATES;
    this.plan = opts.plan;
  }

  async search(query: string, limit: number): Promise<TextHit[]> {
    const words = queryWords(query);
    if (words.length === 0 || limit <= 0) return [];
    const text = foldAccents(words.join(' '));
    let hits = await this.run('phraseto_tsquery', text, limit);
    if (hits.length === 0 && words.length > 1) hits = await this.run('websearch_to_tsquery', text, limit);
    return hits;
  }

  private run(fn: TsFunction, text: string, limit: number): Promise<TextHit[]> {
    return this.db.transaction(async (q) => {
      const query = `${fn}('${CONFIG}', $1)`;
      // The windows' planner settings are set here, saving a round trip (a walk changes two of them back).
      const { rows: [s] } = await q.query<{ top: string | null; rows: number; nodes: number; phrase: boolean }>(
        `SELECT (SELECT max(ord) FROM search_docs)::text AS top, (SELECT reltuples FROM pg_class WHERE oid = 'search_docs'::regclass)::float8 AS rows,
         numnode(${query}) AS nodes, strpos(${query}::text, '<') > 0 AS phrase, ${WINDOW_SETTINGS}`, [text]);
      const top = Number(s.top ?? 0);
      // No rows, or a query of stop words only (which matches nothing).
      if (top === 0 || Number(s.nodes) === 0) return [];
      const rows = Number(s.rows) > 0 ? Number(s.rows) : top;
      const estimate = await estimatedMatches(q, query, text);
      const share = Math.min(1, estimate / rows);
      const plan = this.plan ?? chooseScan(this.candidates, estimate, share);
      const ranked = plan === 'walk'
        ? await this.walk(q, query, text, limit)
        : await this.windows(q, query, text, limit, { top, ordsPerRow: top / rows, share, singleWord: Number(s.nodes) === 1, phrase: s.phrase });
      return ranked.map((r) => ({ articleId: r.article_id, score: Number(r.rank) }));
    });
  }

  /**
   * The newest matches by walking `ord` downwards (bitmap scans off, so the planner cannot pick another
   * way). Each row's vector is read once, into a copy that both the match and the rank use.
   */
  private async walk(q: Queryable, query: string, text: string, limit: number): Promise<RankedRow[]> {
    await q.query("SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_indexscan', 'on', true)");
    const { rows } = await q.query<RankedRow>(
      `SELECT c.article_id, ts_rank('${WEIGHTS}', c.v, ${query}) AS rank
       FROM (SELECT w.article_id, w.ord, w.v FROM (SELECT d.article_id, d.ord, ${READ_ONCE} AS v FROM search_docs d ORDER BY d.ord DESC OFFSET 0) w
             WHERE w.v @@ ${query} ORDER BY w.ord DESC LIMIT $3) c
       ORDER BY rank DESC, c.article_id LIMIT $2`,
      [text, limit, this.candidates]);
    return rows;
  }

  /**
   * The newest matches through the GIN index, one `ord` window at a time from the newest; each window's
   * newest (still needed) matches are ranked there, so no vector is read twice, and only its best `limit`
   * come back. Windows partition `ord`, so no row is counted twice, and a window that reaches the bottom
   * ends the search (fewer matches than candidates: all are ranked).
   */
  private async windows(q: Queryable, query: string, text: string, limit: number, c: WindowContext): Promise<RankedRow[]> {
    const minimum = 2 * this.candidates * c.ordsPerRow;
    // A phrase's estimate multiplies its words' frequencies (names are far more common than that): start small
    // instead. A word outside the statistics' most common ones gets a small default estimate, though it may
    // match a few percent of rows: its first window is bounded, and the next is sized from what it found.
    let size = c.singleWord ? Math.min(FIRST_WINDOW * minimum, (SLACK * this.candidates * c.ordsPerRow) / Math.max(c.share, 1e-9)) : minimum;
    const best: RankedRow[] = [];
    let found = 0;
    let high = c.top;
    while (found < this.candidates && high > 0) {
      const low = size * 1.25 >= high ? 0 : Math.floor(high - size);
      // The whole table: no `ord` range to AND with (a bitmap of every row would cost, not save).
      const whole = low === 0 && high === c.top;
      const range = whole ? 'TRUE' : 'd.ord <= $4 AND d.ord > $5';
      const { rows } = await q.query<RankedRow & { matched: string | number }>(
        c.phrase
          // Every row holding all the words is read to check adjacency; read once, into a copy that is also ranked.
          ? `SELECT s.article_id, s.rank, count(*) OVER () AS matched
             FROM (SELECT w.article_id, ts_rank('${WEIGHTS}', w.v, ${query}) AS rank, w.ord
                   FROM (SELECT d.article_id, d.ord, ${READ_ONCE} AS v FROM search_docs d
                         WHERE d.vector @@ plainto_tsquery('${CONFIG}', $1) AND ${range} OFFSET 0) w
                   WHERE w.v @@ ${query} ORDER BY w.ord DESC LIMIT $2) s
             ORDER BY s.rank DESC, s.article_id LIMIT $3`
          // The GIN index answers words exactly: only the matches kept are read, to rank them.
          : `SELECT s.article_id, ts_rank('${WEIGHTS}', s.vector, ${query}) AS rank, count(*) OVER () AS matched
             FROM (SELECT d.article_id, d.vector FROM search_docs d WHERE d.vector @@ ${query} AND ${range}
                   ORDER BY d.ord DESC LIMIT $2) s
             ORDER BY rank DESC, s.article_id LIMIT $3`,
        [text, this.candidates - found, limit, ...(whole ? [] : [high, low])]);
      found += rows.length ? Number(rows[0].matched) : 0;
      best.push(...rows);
      high = low;
      const density = found / (c.top - high);
      size = density > 0 ? Math.max(minimum, (SLACK * (this.candidates - found)) / density) : 8 * size;
    }
    return best.sort(byRank).slice(0, limit);
  }
}

/** What the window sizing knows about the table and the query. */
interface WindowContext {
  /** The highest `ord`. */
  top: number;
  /** `ord` values per live row (rows deleted leave gaps). */
  ordsPerRow: number;
  /** The share of rows the statistics say match. */
  share: number;
  /** One lexeme: the statistics' estimate is good (for a phrase it is not). */
  singleWord: boolean;
  /** A phrase operator: the GIN index finds rows with all the words, adjacency is checked on the vector. */
  phrase: boolean;
}

/**
 * The planner's estimate of the rows matching: from the column's lexeme statistics (ANALYZE), good for a
 * common word, a small default for a word not among the most common.
 */
async function estimatedMatches(q: Queryable, query: string, text: string): Promise<number> {
  const { rows } = await q.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM search_docs WHERE vector @@ ${query}`, [text]);
  const raw = rows[0]['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
  return Math.max(1, Number(plan[0].Plan['Plan Rows']));
}

/**
 * Walk when the rows passed (candidates / share, each a vector read) cost less than the GIN posting list
 * (estimate entries): only for a query in a large share of a large table.
 */
export function chooseScan(candidates: number, estimate: number, share: number): PgSearchPlan {
  return (candidates / Math.max(share, 1e-9)) * VECTOR_READ_COST < estimate * POSTING_COST ? 'walk' : 'windows';
}

/** ts_rank order: rank descending, then article id (ids are lowercase hex, ordered alike by every collation). */
function byRank(a: RankedRow, b: RankedRow): number {
  return Number(b.rank) - Number(a.rank) || (a.article_id < b.article_id ? -1 : a.article_id > b.article_id ? 1 : 0);
}
