import type { ArticleAnalysis } from '../../analysis/types.js';
import { groupReprints, type ReprintRow } from '../group-reprints.js';
import type { ArticleOrigin } from '../../corpus/article.js';
import type {
  AnalysisFailure, AnalysisToSave, ArticleHead, ArticleVersionRow, ArticleWithAnalysis, ArticleInput, ArticleRepository, IndexRecord, IndexSnapshotHead, SnapshotSink, StoredAnalysis, StoredArticle, UpsertOutcome,
} from '../article-repository.js';
import {
  type ArticleRow, articleFromRow, DEFAULT_PAGE_SIZE, failureFromRow, headFromRow,
} from '../article-rows.js';
import { pollRevision } from '../poll-revision.js';
import { versionFromRow, type VersionRow } from '../version-rows.js';
import { ChangeListener } from './pg-change-listener.js';
import type { NotificationSource } from './pg-notifications.js';
import { markRemovedIn, pruneBatchIn, upsertIn, type WriteTx } from './pg-article-writes.js';
import { readPgIndexSnapshot, savePgIndexSnapshot } from './pg-index-snapshots.js';
import type { Queryable, SqlDatabase } from './sql-database.js';

/** The NOTIFY channel every write transaction signals on commit. */
export const ARTICLES_CHANNEL = 'newsdesk_articles';
/** Statement parts of a write's end: bump the sequence (CTE `s`), log the touched ids under it, NOTIFY with it. */
const BUMP = 's AS (UPDATE store_seq SET seq = seq + 1 WHERE id = 1 RETURNING seq)';
const LOG_CHANGES = (rows: string) => `c AS (INSERT INTO article_changes (article_id, seq) ${rows} ON CONFLICT (article_id) DO UPDATE SET seq = EXCLUDED.seq)`;
const NOTIFY = (channelParam: string) => `SELECT pg_notify(${channelParam}, seq::text) FROM s`;
/** Save an analysis: $1 article id, $2 version, $3 content hash, $4 JSON, $5 index data, $6 time. */
const SAVE_ANALYSIS = `INSERT INTO analyses (article_id, version, content_hash, json, index_data, analysed_at) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (article_id) DO UPDATE SET version = EXCLUDED.version, content_hash = EXCLUDED.content_hash, json = EXCLUDED.json,
  index_data = EXCLUDED.index_data, analysed_at = EXCLUDED.analysed_at`;
const PRUNE_BATCH = 500;

/** How the PostgreSQL repository behaves; every field has a default. */
export interface PgArticleRepositoryOptions {
  /** LISTEN/NOTIFY for `onChange`; without it `onChange` only polls the revision. */
  notifications?: NotificationSource;
  /** Revision poll period (ms): the only signal without notifications, the safety net with them. */
  pollMs?: number;
}


/**
 * ArticleRepository on PostgreSQL, shared by every process on the database. Each write transaction
 * first locks the one `store_seq` row: writers take turns, so an upsert's read-then-write cannot race
 * another process's (two processes storing one source: the second finds the first's row, one `added`),
 * and the sequence a transaction stamps is in commit order, which `changesSince` relies on. A
 * transaction that changed something bumps the sequence, logs the touched ids and NOTIFYs, all before
 * its COMMIT; one that changed nothing leaves no trace.
 */
export class PgArticleRepository implements ArticleRepository {
  private readonly stops = new Set<() => void>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly opts: PgArticleRepositoryOptions = {},
  ) {}

  private write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.db.transaction(async (q) => {
      await q.query('SELECT seq FROM store_seq WHERE id = 1 FOR UPDATE');
      const tx: WriteTx = { q, touched: new Set() };
      const result = await fn(tx);
      if (tx.touched.size > 0) await q.query(`WITH ${BUMP}, ${LOG_CHANGES('SELECT id, s.seq FROM unnest($1::text[]) AS id, s')} ${NOTIFY('$2')}`, [[...tx.touched], ARTICLES_CHANNEL]);
      return result;
    });
  }

  async upsert(a: ArticleInput, now: Date): Promise<{ id: string; outcome: UpsertOutcome }> {
    return this.write((tx) => upsertIn(tx, a, now.toISOString()));
  }

  async upsertMany(articles: readonly ArticleInput[], now: Date): Promise<{ id: string; outcome: UpsertOutcome }[]> {
    const ts = now.toISOString();
    return this.write(async (tx) => {
      const out: { id: string; outcome: UpsertOutcome }[] = [];
      for (const a of articles) out.push(await upsertIn(tx, a, ts));
      return out;
    });
  }

  async markRemoved(origin: ArticleOrigin, prefix: string, present: ReadonlySet<string>, now: Date): Promise<string[]> {
    const ts = now.toISOString();
    return this.write((tx) => markRemovedIn(tx, origin, prefix, present, ts));
  }

  async get(id: string): Promise<StoredArticle | undefined> {
    const { rows } = await this.db.query<ArticleRow>('SELECT * FROM articles WHERE id = $1', [id]);
    return rows[0] ? articleFromRow(rows[0]) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<StoredArticle[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.db.query<ArticleRow>('SELECT * FROM articles WHERE id = ANY($1::text[])', [[...new Set(ids)]]);
    return rows.map(articleFromRow);
  }

  async currentHeads(): Promise<ArticleHead[]> {
    return this.headsOn(this.db);
  }

  private async headsOn(q: Queryable): Promise<ArticleHead[]> {
    const { rows } = await q.query<ArticleRow>("SELECT id, content_hash, updated_at FROM articles WHERE status = 'current' ORDER BY first_seen_at, id");
    return rows.map(headFromRow);
  }

  async changesSince(cursor: string | null): Promise<{ changed: ArticleHead[]; gone: string[]; cursor: string }> {
    // One snapshot for the cursor and the rows (writers stamp in commit order, see the class comment).
    return this.db.transaction(async (q) => {
      await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const { rows: [s] } = await q.query<{ seq: string }>('SELECT seq::text AS seq FROM store_seq WHERE id = 1');
      if (cursor === null) return { changed: await this.headsOn(q), gone: [], cursor: s.seq };
      const { rows } = await q.query<ArticleRow>(
        `SELECT a.id, a.content_hash, a.updated_at, a.status FROM article_changes c JOIN articles a ON a.id = c.article_id
         WHERE c.seq > $1::bigint ORDER BY c.seq, a.id`, [cursor]);
      return {
        changed: rows.filter((r) => r.status === 'current').map(headFromRow),
        gone: rows.filter((r) => r.status !== 'current').map((r) => r.id),
        cursor: s.seq,
      };
    });
  }

  async duplicatesOf(id: string): Promise<StoredArticle[]> {
    const { rows } = await this.db.query<ArticleRow>("SELECT * FROM articles WHERE duplicate_of = $1 AND status = 'duplicate' ORDER BY first_seen_at, id", [id]);
    return rows.map(articleFromRow);
  }

  async duplicatesOfMany(ids: readonly string[]): Promise<Map<string, Pick<StoredArticle, 'id' | 'source' | 'url' | 'title'>[]>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.db.query<ReprintRow>(
      "SELECT id, source, url, title, duplicate_of FROM articles WHERE status = 'duplicate' AND duplicate_of = ANY($1::text[]) ORDER BY first_seen_at, id",
      [[...new Set(ids)]]);
    return groupReprints(rows);
  }

  async getManyWithAnalyses(ids: readonly string[], version: number): Promise<ArticleWithAnalysis[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.db.query<ArticleRow & { analysis_hash: string | null; analysis_json: string | null }>(
      `SELECT a.*, x.content_hash AS analysis_hash, x.json AS analysis_json FROM articles a
       LEFT JOIN analyses x ON x.article_id = a.id AND x.version = $2 WHERE a.id = ANY($1::text[])`, [[...new Set(ids)], version]);
    return rows.map((r) => ({
      article: articleFromRow(r),
      analysis: r.analysis_json === null ? undefined : { contentHash: r.analysis_hash!, analysis: JSON.parse(r.analysis_json) as ArticleAnalysis },
    }));
  }

  async getVersionsWithQuotes(ids: readonly string[], version: number): Promise<ArticleVersionRow[]> {
    if (ids.length === 0) return [];
    // The analysis is stored as text: read as json (kept as written, not decomposed like jsonb), only its quotes are sent back.
    const { rows } = await this.db.query<VersionRow>(
      `SELECT a.id, a.source, a.url, a.publisher, a.published_at, a.title, a.content_hash, a.status, a.first_seen_at,
         x.content_hash AS analysis_hash, CASE WHEN x.json IS NULL THEN NULL ELSE coalesce(((x.json::json) -> 'quotes')::text, '[]') END AS quotes
       FROM articles a LEFT JOIN analyses x ON x.article_id = a.id AND x.version = $2 WHERE a.id = ANY($1::text[])`, [[...new Set(ids)], version]);
    return rows.map(versionFromRow);
  }

  async duplicatesByOriginal(): Promise<Map<string, Pick<StoredArticle, 'id' | 'source' | 'url' | 'title'>[]>> {
    const { rows } = await this.db.query<ArticleRow>(
      "SELECT id, source, url, title, duplicate_of FROM articles WHERE status = 'duplicate' AND duplicate_of IS NOT NULL ORDER BY first_seen_at, id");
    return groupReprints(rows);
  }

  /**
   * One statement, so one round trip and its own transaction: the analysis pool saves an analysis per
   * article as it lands. Bumping `store_seq` first takes the writers' lock until the statement commits.
   */
  async saveAnalysis(articleId: string, version: number, contentHash: string, analysis: ArticleAnalysis, indexData: string | null, now: Date): Promise<void> {
    await this.db.query(
      `WITH ${BUMP}, f AS (DELETE FROM analysis_failures WHERE article_id = $1), a AS (${SAVE_ANALYSIS}),
       ${LOG_CHANGES('SELECT $1, s.seq FROM s')} ${NOTIFY('$7')}`,
      [articleId, version, contentHash, JSON.stringify(analysis), indexData, now.toISOString(), ARTICLES_CHANNEL]);
  }

  async saveAnalyses(items: readonly AnalysisToSave[], now: Date): Promise<void> {
    const ts = now.toISOString();
    await this.write(async (tx) => {
      for (const { articleId, version, contentHash, analysis, indexData } of items) {
        await tx.q.query(`WITH f AS (DELETE FROM analysis_failures WHERE article_id = $1) ${SAVE_ANALYSIS}`,
          [articleId, version, contentHash, JSON.stringify(analysis), indexData, ts]);
        tx.touched.add(articleId);
      }
    });
  }

  async getAnalysis(articleId: string, version: number, contentHash: string): Promise<ArticleAnalysis | undefined> {
    const { rows } = await this.db.query<{ json: string }>('SELECT json FROM analyses WHERE article_id = $1 AND version = $2 AND content_hash = $3', [articleId, version, contentHash]);
    return rows[0] ? (JSON.parse(rows[0].json) as ArticleAnalysis) : undefined;
  }

  async getAnalyses(articleIds: readonly string[], version: number): Promise<Map<string, StoredAnalysis>> {
    if (articleIds.length === 0) return new Map();
    const { rows } = await this.db.query<{ article_id: string; content_hash: string; json: string }>(
      'SELECT article_id, content_hash, json FROM analyses WHERE version = $1 AND article_id = ANY($2::text[])', [version, [...new Set(articleIds)]]);
    return new Map(rows.map((r) => [r.article_id, { contentHash: r.content_hash, analysis: JSON.parse(r.json) as ArticleAnalysis }]));
  }

  async *indexRecords(version: number, pageSize = DEFAULT_PAGE_SIZE): AsyncIterable<IndexRecord[]> {
    // Keyset paging on the primary key: each page is one index range scan, however deep.
    let after = '';
    for (;;) {
      const { rows } = await this.db.query<IndexRow>(
        `SELECT an.article_id, an.content_hash, an.index_data FROM analyses an JOIN articles a ON a.id = an.article_id
         WHERE an.article_id > $1 AND an.version = $2 AND an.index_data IS NOT NULL AND a.status = 'current' ORDER BY an.article_id LIMIT $3`,
        [after, version, pageSize]);
      if (rows.length > 0) yield rows.map(indexRecordFromRow);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].article_id;
    }
  }

  async indexRecordsOf(articleIds: readonly string[], version: number): Promise<IndexRecord[]> {
    if (articleIds.length === 0) return [];
    const { rows } = await this.db.query<IndexRow>(
      'SELECT article_id, content_hash, index_data FROM analyses WHERE version = $1 AND index_data IS NOT NULL AND article_id = ANY($2::text[])',
      [version, [...new Set(articleIds)]]);
    return rows.map(indexRecordFromRow);
  }

  async saveIndexSnapshot(version: number, cursor: string, bytes: Uint8Array | Iterable<Uint8Array>, now: Date, chunkBytes?: number): Promise<boolean> {
    return savePgIndexSnapshot(this.db, version, cursor, bytes, now, chunkBytes);
  }

  async readIndexSnapshot(version: number, open: (head: IndexSnapshotHead) => SnapshotSink): Promise<IndexSnapshotHead | undefined> {
    return readPgIndexSnapshot(this.db, version, open);
  }

  async saveAnalysisFailure(articleId: string, version: number, contentHash: string, f: AnalysisFailure): Promise<void> {
    await this.db.query(`INSERT INTO analysis_failures (article_id, version, content_hash, reason, message, failed_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (article_id) DO UPDATE SET version = EXCLUDED.version, content_hash = EXCLUDED.content_hash, reason = EXCLUDED.reason,
       message = EXCLUDED.message, failed_at = EXCLUDED.failed_at`, [articleId, version, contentHash, f.reason, f.message, f.failedAt]);
  }

  async clearAnalysisFailure(articleId: string): Promise<void> {
    await this.db.query('DELETE FROM analysis_failures WHERE article_id = $1', [articleId]);
  }

  async getAnalysisFailure(articleId: string, version: number, contentHash: string): Promise<AnalysisFailure | undefined> {
    const { rows } = await this.db.query<{ reason: string; message: string; failed_at: string }>(
      'SELECT reason, message, failed_at FROM analysis_failures WHERE article_id = $1 AND version = $2 AND content_hash = $3', [articleId, version, contentHash]);
    return rows[0] ? failureFromRow(rows[0]) : undefined;
  }

  async analysisFailures(version: number): Promise<Map<string, AnalysisFailure>> {
    const { rows } = await this.db.query<{ article_id: string; reason: string; message: string; failed_at: string }>(
      `SELECT f.article_id, f.reason, f.message, f.failed_at FROM analysis_failures f JOIN articles a ON a.id = f.article_id
       WHERE f.version = $1 AND f.content_hash = a.content_hash`, [version]);
    return new Map(rows.map((r) => [r.article_id, failureFromRow(r)]));
  }

  async revision(): Promise<string> {
    const { rows } = await this.db.query<{ seq: string }>('SELECT seq::text AS seq FROM store_seq WHERE id = 1');
    return rows[0].seq;
  }

  onChange(listener: () => void, pollMs?: number): () => void {
    const poll = pollMs ?? this.opts.pollMs ?? 5000;
    const stopPoll = pollRevision(() => this.revision(), listener, poll);
    const push = this.opts.notifications ? new ChangeListener(this.opts.notifications, ARTICLES_CHANNEL, listener) : undefined;
    push?.start();
    const stop = (): void => {
      stopPoll();
      push?.stop();
      this.stops.delete(stop);
    };
    this.stops.add(stop);
    return stop;
  }

  async pruneOlderThan(cutoff: Date, now: Date): Promise<number> {
    const ts = now.toISOString();
    // Batches of small transactions: a large first prune never holds the writers' lock for long.
    let total = 0;
    for (;;) {
      const n = await this.write((tx) => pruneBatchIn(tx, cutoff, PRUNE_BATCH, ts));
      total += n;
      if (n < PRUNE_BATCH) return total;
    }
  }

  /** Stops this repository's listeners; the pool belongs to whoever opened it. */
  async close(): Promise<void> {
    for (const stop of [...this.stops]) stop();
  }
}

interface IndexRow {
  article_id: string;
  content_hash: string;
  index_data: string;
}

function indexRecordFromRow(r: IndexRow): IndexRecord {
  return { articleId: r.article_id, contentHash: r.content_hash, data: r.index_data };
}
