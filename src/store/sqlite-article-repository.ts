import type Database from 'better-sqlite3';
import { groupReprints, type ReprintRow } from './group-reprints.js';
import type { ArticleAnalysis } from '../analysis/types.js';
import type { ArticleOrigin } from '../corpus/article.js';
import type {
  AnalysisFailure, AnalysisToSave, ArticleHead, ArticleVersionRow, ArticleWithAnalysis, ArticleInput, ArticleRepository, IndexRecord, IndexSnapshotHead, SnapshotSink, StoredAnalysis, StoredArticle, UpsertOutcome,
} from './article-repository.js';
import { type ArticleRow, articleFromRow, chunks, DEFAULT_PAGE_SIZE, failureFromRow, headFromRow } from './article-rows.js';
import { pollRevision } from './poll-revision.js';
import { sqliteManyWithAnalyses, sqliteVersionsWithQuotes } from './sqlite-article-reads.js';
import { SqliteArticleWrites } from './sqlite-article-writes.js';
import { readSqliteIndexSnapshot, saveSqliteIndexSnapshot } from './sqlite-index-snapshots.js';

/** SQLite's bound-parameter limit is far higher; 500 keeps statements small and cacheable. */
const IDS_PER_QUERY = 500;
const PRUNE_BATCH = 500;

/** How the SQLite repository behaves; every field has a default. */
export interface SqliteArticleRepositoryOptions {
  /** Close the database with the repository (true when the repository opened it). */
  ownsDatabase?: boolean;
  /** onChange poll period when the caller gives none (ms). */
  pollMs?: number;
}

/**
 * ArticleRepository on better-sqlite3 (WAL). The driver is synchronous, so each method does its work at
 * once and returns a settled promise. Writes take the write lock at BEGIN (IMMEDIATE): two processes
 * upserting the same source take turns, and the second sees the first's row (one `added`).
 * The change log (`article_changes`, `store_seq`) and the FTS rows are kept by triggers (migration 7)
 * in the same transaction as each write; index records live in the narrow `analysis_index` table (migration 8).
 */
export class SqliteArticleRepository implements ArticleRepository {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly stops = new Set<() => void>();
  private readonly writes = new SqliteArticleWrites((text) => this.sql(text));

  constructor(
    private readonly db: Database.Database,
    private readonly opts: SqliteArticleRepositoryOptions = {},
  ) {}

  /** Prepared statements by SQL text: preparing costs far more than running, and refresh runs thousands. */
  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  private write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  async upsert(a: ArticleInput, now: Date): Promise<{ id: string; outcome: UpsertOutcome }> {
    const ts = now.toISOString();
    return this.write(() => this.writes.upsert(a, ts));
  }

  async upsertMany(articles: readonly ArticleInput[], now: Date): Promise<{ id: string; outcome: UpsertOutcome }[]> {
    const ts = now.toISOString();
    return this.write(() => articles.map((a) => this.writes.upsert(a, ts)));
  }

  async markRemoved(origin: ArticleOrigin, prefix: string, present: ReadonlySet<string>, now: Date): Promise<string[]> {
    return this.write(() => this.writes.markRemoved(origin, prefix, present, now.toISOString()));
  }

  async get(id: string): Promise<StoredArticle | undefined> {
    const r = this.sql('SELECT * FROM articles WHERE id = ?').get(id) as ArticleRow | undefined;
    return r ? articleFromRow(r) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<StoredArticle[]> {
    return this.byIds<ArticleRow>('SELECT * FROM articles WHERE id IN', [...new Set(ids)]).map(articleFromRow);
  }

  /** Rows for ids in chunks: `prefix` ends with `IN`, the placeholders are appended. */
  private byIds<R>(prefix: string, ids: readonly unknown[], before: unknown[] = [], after = ''): R[] {
    const out: R[] = [];
    for (const part of chunks(ids, IDS_PER_QUERY)) {
      out.push(...(this.sql(`${prefix} (${part.map(() => '?').join(',')})${after}`).all(...before, ...part) as R[]));
    }
    return out;
  }

  async currentHeads(): Promise<ArticleHead[]> {
    const rows = this.sql("SELECT id, content_hash, updated_at FROM articles WHERE status = 'current' ORDER BY first_seen_at, id").all() as ArticleRow[];
    return rows.map(headFromRow);
  }

  async changesSince(cursor: string | null): Promise<{ changed: ArticleHead[]; gone: string[]; cursor: string }> {
    // One read transaction: the cursor and the rows come from the same snapshot.
    return this.db.transaction(() => {
      const seq = String((this.sql('SELECT seq FROM store_seq WHERE id = 1').get() as { seq: number }).seq);
      if (cursor === null) return { changed: this.currentHeadsNow(), gone: [], cursor: seq };
      const rows = this.sql(`SELECT a.id, a.content_hash, a.updated_at, a.status FROM article_changes c JOIN articles a ON a.id = c.article_id
         WHERE c.seq > ? ORDER BY c.seq`).all(Number(cursor)) as (ArticleRow & { status: string })[];
      return {
        changed: rows.filter((r) => r.status === 'current').map(headFromRow),
        gone: rows.filter((r) => r.status !== 'current').map((r) => r.id),
        cursor: seq,
      };
    }).deferred();
  }

  private currentHeadsNow(): ArticleHead[] {
    return (this.sql("SELECT id, content_hash, updated_at FROM articles WHERE status = 'current' ORDER BY first_seen_at, id").all() as ArticleRow[]).map(headFromRow);
  }

  async duplicatesOf(id: string): Promise<StoredArticle[]> {
    return (this.sql("SELECT * FROM articles WHERE duplicate_of = ? AND status = 'duplicate'").all(id) as ArticleRow[]).map(articleFromRow);
  }

  async duplicatesOfMany(ids: readonly string[]): Promise<Map<string, Pick<StoredArticle, 'id' | 'source' | 'url' | 'title'>[]>> {
    // Each original's reprints fall in the chunk holding the original's id, so per-chunk order is enough.
    return groupReprints(this.byIds<ReprintRow>("SELECT id, source, url, title, duplicate_of FROM articles WHERE status = 'duplicate' AND duplicate_of IN",
      [...new Set(ids)], [], ' ORDER BY first_seen_at, id'));
  }

  async getManyWithAnalyses(ids: readonly string[], version: number): Promise<ArticleWithAnalysis[]> {
    return sqliteManyWithAnalyses((prefix, part, before) => this.byIds(prefix, part, before), ids, version);
  }

  async getVersionsWithQuotes(ids: readonly string[], version: number): Promise<ArticleVersionRow[]> {
    return sqliteVersionsWithQuotes((prefix, part, before) => this.byIds(prefix, part, before), ids, version);
  }

  async duplicatesByOriginal(): Promise<Map<string, Pick<StoredArticle, 'id' | 'source' | 'url' | 'title'>[]>> {
    const rows = this.sql("SELECT id, source, url, title, duplicate_of FROM articles WHERE status = 'duplicate' AND duplicate_of IS NOT NULL ORDER BY first_seen_at, id").all() as ArticleRow[];
    return groupReprints(rows);
  }

  /** One small transaction per analysis: finished work survives a kill and never holds the lock for long. */
  async saveAnalysis(articleId: string, version: number, contentHash: string, analysis: ArticleAnalysis, indexData: string | null, now: Date): Promise<void> {
    this.write(() => this.writes.saveAnalysis({ articleId, version, contentHash, analysis, indexData }, now.toISOString()));
  }

  async saveAnalyses(items: readonly AnalysisToSave[], now: Date): Promise<void> {
    const ts = now.toISOString();
    this.write(() => {
      for (const item of items) this.writes.saveAnalysis(item, ts);
    });
  }

  async getAnalysis(articleId: string, version: number, contentHash: string): Promise<ArticleAnalysis | undefined> {
    const r = this.sql('SELECT json FROM analyses WHERE article_id = ? AND version = ? AND content_hash = ?').get(articleId, version, contentHash) as { json: string } | undefined;
    return r ? (JSON.parse(r.json) as ArticleAnalysis) : undefined;
  }

  async getAnalyses(articleIds: readonly string[], version: number): Promise<Map<string, StoredAnalysis>> {
    const rows = this.byIds<{ article_id: string; content_hash: string; json: string }>(
      'SELECT article_id, content_hash, json FROM analyses WHERE version = ? AND article_id IN', [...new Set(articleIds)], [version],
    );
    return new Map(rows.map((r) => [r.article_id, { contentHash: r.content_hash, analysis: JSON.parse(r.json) as ArticleAnalysis }]));
  }

  async *indexRecords(version: number, pageSize = DEFAULT_PAGE_SIZE): AsyncIterable<IndexRecord[]> {
    // Keyset paging on the primary key: each page is one index range scan, however deep.
    let after = '';
    for (;;) {
      // Walk the records by key and look each one's status up in the (id, status) index, named: with statistics
      // that lag the table (a bulk load since the last ANALYZE) the planner chose other plans that made each
      // 2,000-record page take seconds at a million articles, so start-up took half an hour.
      const rows = this.sql(`SELECT x.article_id, x.content_hash, x.data FROM analysis_index x
         WHERE x.article_id > ? AND x.version = ?
           AND (SELECT a.status FROM articles a INDEXED BY articles_id_status WHERE a.id = x.article_id) = 'current'
         ORDER BY x.article_id LIMIT ?`)
        .all(after, version, pageSize) as IndexRow[];
      if (rows.length > 0) yield rows.map(indexRecordFromRow);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].article_id;
    }
  }

  async indexRecordsOf(articleIds: readonly string[], version: number): Promise<IndexRecord[]> {
    return this.byIds<IndexRow>('SELECT article_id, content_hash, data FROM analysis_index WHERE version = ? AND article_id IN', [...new Set(articleIds)], [version])
      .map(indexRecordFromRow);
  }

  async saveIndexSnapshot(version: number, cursor: string, bytes: Uint8Array | Iterable<Uint8Array>, now: Date, chunkBytes?: number): Promise<boolean> {
    return saveSqliteIndexSnapshot(this.db, version, cursor, bytes, now, chunkBytes);
  }

  async readIndexSnapshot(version: number, open: (head: IndexSnapshotHead) => SnapshotSink): Promise<IndexSnapshotHead | undefined> {
    return readSqliteIndexSnapshot(this.db, version, open);
  }

  async saveAnalysisFailure(articleId: string, version: number, contentHash: string, f: AnalysisFailure): Promise<void> {
    this.writes.saveFailure(articleId, version, contentHash, f);
  }

  async clearAnalysisFailure(articleId: string): Promise<void> {
    this.writes.clearFailure(articleId);
  }

  async getAnalysisFailure(articleId: string, version: number, contentHash: string): Promise<AnalysisFailure | undefined> {
    return this.writes.failure(articleId, version, contentHash);
  }

  async analysisFailures(version: number): Promise<Map<string, AnalysisFailure>> {
    const rows = this.sql(`SELECT f.article_id, f.reason, f.message, f.failed_at FROM analysis_failures f JOIN articles a ON a.id = f.article_id
       WHERE f.version = ? AND f.content_hash = a.content_hash`).all(version) as { article_id: string; reason: string; message: string; failed_at: string }[];
    return new Map(rows.map((r) => [r.article_id, failureFromRow(r)]));
  }

  async revision(): Promise<string> {
    return this.revisionNow();
  }

  private revisionNow(): string {
    return String((this.sql('SELECT seq FROM store_seq WHERE id = 1').get() as { seq: number }).seq);
  }

  onChange(listener: () => void, pollMs?: number): () => void {
    const stop = pollRevision(() => this.revision(), listener, pollMs ?? this.opts.pollMs ?? 1000);
    const remove = (): void => {
      stop();
      this.stops.delete(remove);
    };
    this.stops.add(remove);
    return remove;
  }

  async pruneOlderThan(cutoff: Date, now: Date): Promise<number> {
    // Batches of small transactions: a large first prune never holds the write lock long enough to lock out another process.
    let total = 0;
    for (;;) {
      const n = this.write(() => this.writes.pruneBatch(cutoff.toISOString(), now.toISOString(), PRUNE_BATCH));
      total += n;
      if (n < PRUNE_BATCH) return total;
    }
  }

  async close(): Promise<void> {
    for (const stop of [...this.stops]) stop();
    if (this.opts.ownsDatabase && this.db.open) this.db.close();
  }
}

interface IndexRow {
  article_id: string;
  content_hash: string;
  data: string;
}

function indexRecordFromRow(r: IndexRow): IndexRecord {
  return { articleId: r.article_id, contentHash: r.content_hash, data: r.data };
}
