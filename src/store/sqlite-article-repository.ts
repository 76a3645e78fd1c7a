import type Database from 'better-sqlite3';
import { groupReprints, type ReprintRow } from './group-reprints.js';
import type { ArticleAnalysis } from '../analysis/types.js';
import type { ArticleOrigin } from '../corpus/article.js';
import type {
  AnalysisFailure, AnalysisToSave, ArticleHead, ArticleVersionRow, ArticleWithAnalysis, ArticleInput, ArticleRepository, IndexRecord, IndexSnapshotHead, SnapshotSink, StoredAnalysis, StoredArticle, UpsertOutcome,
} from './article-repository.js';
import {
  type ArticleRow, articleColumns, articleFromRow, articleIdFor, chunks, DEFAULT_PAGE_SIZE, failureFromRow, headFromRow, isUnchanged, prefixEnd,
} from './article-rows.js';
import { pollRevision } from './poll-revision.js';
import { sqliteManyWithAnalyses, sqliteVersionsWithQuotes } from './sqlite-article-reads.js';
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
    return this.write(() => this.upsertIn(a, ts));
  }

  async upsertMany(articles: readonly ArticleInput[], now: Date): Promise<{ id: string; outcome: UpsertOutcome }[]> {
    const ts = now.toISOString();
    return this.write(() => articles.map((a) => this.upsertIn(a, ts)));
  }

  /** One upsert inside the caller's write transaction. */
  private upsertIn(a: ArticleInput, ts: string): { id: string; outcome: UpsertOutcome } {
    const existing = this.sql('SELECT id, content_hash, text_hash, status, duplicate_of, parse_version FROM articles WHERE source = ?').get(a.source) as
      | Pick<ArticleRow, 'id' | 'content_hash' | 'text_hash' | 'status' | 'duplicate_of' | 'parse_version'>
      | undefined;
    const twin = this.sql("SELECT id FROM articles WHERE text_hash = ? AND source <> ? AND status = 'current' ORDER BY first_seen_at LIMIT 1")
      .get(a.textHash, a.source) as { id: string } | undefined;
    const status = twin ? 'duplicate' : 'current';
    const values = { ...articleColumns(a), status, duplicate_of: twin?.id ?? null, ts };
    if (!existing) {
      const id = articleIdFor(a.source);
      this.sql(`INSERT INTO articles (id, source, origin, title, title_derived, url, published_at, publisher, parse_version, byline, credits, text, offsets_into, offsets,
           content_hash, text_hash, status, duplicate_of, first_seen_at, updated_at)
           VALUES (@id, @source, @origin, @title, @title_derived, @url, @published_at, @publisher, @parse_version, @byline, @credits, @text, @offsets_into, @offsets,
           @content_hash, @text_hash, @status, @duplicate_of, @ts, @ts)`).run({ id, ...values });
      return { id, outcome: twin ? 'duplicate' : 'added' };
    }
    if (isUnchanged(existing, a)) {
      // A reprint stays a duplicate only while its original still tells the same story.
      if (existing.status === 'duplicate' && twin?.id !== existing.duplicate_of) {
        this.sql('UPDATE articles SET status = ?, duplicate_of = ?, updated_at = ? WHERE id = ?').run(status, twin?.id ?? null, ts, existing.id);
      }
      return { id: existing.id, outcome: 'unchanged' };
    }
    this.sql(`UPDATE articles SET origin=@origin, title=@title, title_derived=@title_derived, url=@url, published_at=@published_at,
         publisher=@publisher, parse_version=@parse_version, byline=@byline, credits=@credits, text=@text, offsets_into=@offsets_into, offsets=@offsets,
         content_hash=@content_hash, text_hash=@text_hash, status=@status, duplicate_of=@duplicate_of, updated_at=@ts WHERE id=@id`).run({ id: existing.id, ...values });
    if (existing.text_hash !== a.textHash) this.releaseReprints(existing.id, ts);
    const outcome: UpsertOutcome = twin ? 'duplicate' : existing.status === 'removed' ? 'restored' : 'updated';
    return { id: existing.id, outcome };
  }

  /** The article's text changed: its former reprints are a story of their own now (the oldest becomes current). */
  private releaseReprints(id: string, ts: string): void {
    const reprints = this.sql("SELECT id FROM articles WHERE duplicate_of = ? AND status = 'duplicate' ORDER BY first_seen_at").all(id) as { id: string }[];
    if (reprints.length === 0) return;
    const [heir, ...rest] = reprints;
    this.sql("UPDATE articles SET status = 'current', duplicate_of = NULL, updated_at = ? WHERE id = ?").run(ts, heir.id);
    for (const r of rest) this.sql('UPDATE articles SET duplicate_of = ?, updated_at = ? WHERE id = ?').run(heir.id, ts, r.id);
  }

  /** A reprint whose original disappeared becomes the current copy of the story. */
  private promoteHeir(originalId: string, ts: string): void {
    const heir = this.sql("SELECT id FROM articles WHERE duplicate_of = ? AND status = 'duplicate' ORDER BY first_seen_at LIMIT 1").get(originalId) as { id: string } | undefined;
    if (!heir) return;
    this.sql("UPDATE articles SET status = 'current', duplicate_of = NULL, updated_at = ? WHERE id = ?").run(ts, heir.id);
    this.sql("UPDATE articles SET duplicate_of = ? WHERE duplicate_of = ? AND status = 'duplicate'").run(heir.id, originalId);
  }

  async markRemoved(origin: ArticleOrigin, prefix: string, present: ReadonlySet<string>, now: Date): Promise<string[]> {
    const ts = now.toISOString();
    return this.write(() => {
      // The range lets the source index find the folder's rows; substr keeps the test exact.
      const rows = this.sql(`SELECT id, source FROM articles WHERE source >= ? AND source < ? AND origin = ? AND status NOT IN ('removed', 'pruned')
         AND substr(source, 1, length(?)) = ?`).all(prefix, prefixEnd(prefix), origin, prefix, prefix) as { id: string; source: string }[];
      const gone = rows.filter((r) => !present.has(r.source));
      for (const r of gone) this.sql("UPDATE articles SET status = 'removed', updated_at = ? WHERE id = ?").run(ts, r.id);
      for (const r of gone) this.promoteHeir(r.id, ts);
      return gone.map((r) => r.id);
    });
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
    this.write(() => this.saveAnalysisIn({ articleId, version, contentHash, analysis, indexData }, now.toISOString()));
  }

  async saveAnalyses(items: readonly AnalysisToSave[], now: Date): Promise<void> {
    const ts = now.toISOString();
    this.write(() => {
      for (const item of items) this.saveAnalysisIn(item, ts);
    });
  }

  private saveAnalysisIn({ articleId, version, contentHash, analysis, indexData }: AnalysisToSave, ts: string): void {
    this.sql('DELETE FROM analysis_failures WHERE article_id = ?').run(articleId);
    this.sql(`INSERT INTO analyses (article_id, version, content_hash, json, analysed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(article_id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash, json = excluded.json,
       analysed_at = excluded.analysed_at`)
      .run(articleId, version, contentHash, JSON.stringify(analysis), ts);
    if (indexData === null) this.sql('DELETE FROM analysis_index WHERE article_id = ?').run(articleId);
    else {
      this.sql(`INSERT INTO analysis_index (article_id, version, content_hash, data) VALUES (?, ?, ?, ?)
         ON CONFLICT(article_id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash, data = excluded.data`)
        .run(articleId, version, contentHash, indexData);
    }
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
    this.sql(`INSERT INTO analysis_failures (article_id, version, content_hash, reason, message, failed_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(article_id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash, reason = excluded.reason,
       message = excluded.message, failed_at = excluded.failed_at`).run(articleId, version, contentHash, f.reason, f.message, f.failedAt);
  }

  async clearAnalysisFailure(articleId: string): Promise<void> {
    this.sql('DELETE FROM analysis_failures WHERE article_id = ?').run(articleId);
  }

  async getAnalysisFailure(articleId: string, version: number, contentHash: string): Promise<AnalysisFailure | undefined> {
    const r = this.sql('SELECT reason, message, failed_at FROM analysis_failures WHERE article_id = ? AND version = ? AND content_hash = ?')
      .get(articleId, version, contentHash) as { reason: string; message: string; failed_at: string } | undefined;
    return r ? failureFromRow(r) : undefined;
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
    const ts = now.toISOString();
    // Batches of small transactions: a large first prune never holds the write lock long enough to lock out another process.
    let total = 0;
    for (;;) {
      const n = this.write(() => {
        const old = this.sql("SELECT id FROM articles WHERE status <> 'pruned' AND coalesce(published_at, first_seen_at) < ? LIMIT ?").all(cutoff.toISOString(), PRUNE_BATCH) as { id: string }[];
        for (const { id } of old) {
          this.sql('DELETE FROM analyses WHERE article_id = ?').run(id);
          this.sql('DELETE FROM analysis_index WHERE article_id = ?').run(id);
          this.sql('DELETE FROM analysis_failures WHERE article_id = ?').run(id);
          // Keep identity and hashes (a tombstone): re-ingesting the same file is then "unchanged", not a new article.
          this.sql("UPDATE articles SET status = 'pruned', text = '', offsets = '[]', duplicate_of = NULL, updated_at = ? WHERE id = ?").run(ts, id);
        }
        for (const { id } of old) this.promoteHeir(id, ts);
        return old.length;
      });
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
