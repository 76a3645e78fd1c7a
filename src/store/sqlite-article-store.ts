import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ArticleAnalysis } from '../analysis/types.js';
import type { ArticleOrigin } from '../corpus/article.js';
import { type ArticleRow as Row, articleFromRow as fromRow, articleIdFor } from './article-rows.js';
import { NewsdeskError } from '../core/errors.js';
import type { AnalysisFailure, ArticleHead, ArticleStore, StoredArticle, UpsertOutcome } from './article-store.js';
import { migrate } from './migrations.js';
import { SqliteArticleWrites } from './sqlite-article-writes.js';

/**
 * Open (creating if needed) the SQLite database in WAL mode and bring its schema up to date.
 * WAL lets readers (a second process, the CLI) proceed while the bot writes; busy_timeout makes
 * a writer wait for another's short transaction instead of failing at once.
 */
export function openDatabase(path: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit is not fsynced on its own (the WAL is at checkpoints); never corrupts, at worst loses the last commits on power loss.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    // Fresh statistics for the planner where they are missing or stale (cheap: SQLite decides what to analyse).
    db.pragma('optimize = 0x10002');
    return db;
  } catch (e) {
    db?.close();
    throw storeError(path, e);
  }
}

/** One line a person can act on for the ways opening a database fails (locked, read-only, corrupt, no access). */
export function storeError(path: string, e: unknown): NewsdeskError {
  const code = String((e as { code?: unknown }).code ?? '');
  const msg = (e as Error).message ?? String(e);
  const where = `the database at ${path}`;
  let text: string;
  if (/^SQLITE_BUSY|^SQLITE_LOCKED/.test(code) || /database is locked/i.test(msg)) {
    text = `${where} is locked by another process that kept it busy for over 5 s; try again, or stop the other newsdesk process.`;
  } else if (/^SQLITE_READONLY/.test(code) || /readonly|read-only/i.test(msg)) {
    text = `${where} is read-only; newsdesk needs to write to it and to its folder (check file permissions, or set NEWSDESK_DB to a writable path).`;
  } else if (/^SQLITE_NOTADB|^SQLITE_CORRUPT/.test(code) || /not a database|malformed/i.test(msg)) {
    text = `${where} is not a valid SQLite database (corrupt or another kind of file); move it aside to start afresh, or point NEWSDESK_DB at the right file.`;
  } else if (/^SQLITE_CANTOPEN|^EACCES|^EPERM|^ENOTDIR|^EROFS/.test(code)) {
    text = `${where} cannot be opened or created (${msg.replace(/\s+/g, ' ')}); check that its folder exists and is writable.`;
  } else {
    text = `could not open ${where}: ${msg.replace(/\s+/g, ' ')}`;
  }
  return new NewsdeskError('store_failed', text.charAt(0).toUpperCase() + text.slice(1), { cause: e });
}

export { articleIdFor, textHashOf } from './article-rows.js';

/** ArticleStore on better-sqlite3. All writes are transactions; reads are prepared statements. */
export class SqliteArticleStore implements ArticleStore {
  /** Prepared statements by SQL text: preparing is far costlier than running, and refresh runs thousands. */
  private readonly statements = new Map<string, Database.Statement>();
  private readonly writes = new SqliteArticleWrites((text) => this.sql(text));

  constructor(private readonly db: Database.Database) {}

  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  batch<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  upsert(a: Parameters<ArticleStore['upsert']>[0], now: Date): { id: string; outcome: UpsertOutcome } {
    return this.db.transaction(() => this.writes.upsert(a, now.toISOString()))();
  }

  markRemoved(origin: ArticleOrigin, prefix: string, present: ReadonlySet<string>, now: Date): string[] {
    return this.db.transaction(() => this.writes.markRemoved(origin, prefix, present, now.toISOString()))();
  }

  get(id: string): StoredArticle | undefined {
    const r = this.sql('SELECT * FROM articles WHERE id = ?').get(id) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  listCurrent(): StoredArticle[] {
    return (this.sql("SELECT * FROM articles WHERE status = 'current' ORDER BY first_seen_at, id").all() as Row[]).map(fromRow);
  }

  duplicatesOf(id: string): StoredArticle[] {
    return (this.sql("SELECT * FROM articles WHERE duplicate_of = ? AND status = 'duplicate'").all(id) as Row[]).map(fromRow);
  }

  duplicatesByOriginal(): Map<string, StoredArticle[]> {
    const out = new Map<string, StoredArticle[]>();
    for (const r of this.sql("SELECT * FROM articles WHERE status = 'duplicate' AND duplicate_of IS NOT NULL").all() as Row[]) {
      const a = fromRow(r);
      const list = out.get(r.duplicate_of!) ?? [];
      list.push(a);
      out.set(r.duplicate_of!, list);
    }
    return out;
  }

  /** One small transaction per article: finished work survives a kill and never holds the lock for long. */
  saveAnalysis(articleId: string, version: number, contentHash: string, analysis: ArticleAnalysis, now: Date, indexData: string | null = null): void {
    this.db.transaction(() => this.writes.saveAnalysis({ articleId, version, contentHash, analysis, indexData }, now.toISOString()))();
  }

  saveAnalysisFailure(articleId: string, version: number, contentHash: string, f: AnalysisFailure): void {
    this.writes.saveFailure(articleId, version, contentHash, f);
  }

  clearAnalysisFailure(articleId: string): void {
    this.writes.clearFailure(articleId);
  }

  getAnalysisFailure(articleId: string, version: number, contentHash: string): AnalysisFailure | undefined {
    return this.writes.failure(articleId, version, contentHash);
  }

  currentHeads(): ArticleHead[] {
    return (this.sql("SELECT id, content_hash, updated_at FROM articles WHERE status = 'current' ORDER BY first_seen_at, id").all() as {
      id: string; content_hash: string; updated_at: string;
    }[]).map((r) => ({ id: r.id, contentHash: r.content_hash, updatedAt: r.updated_at }));
  }

  changeCounter(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  pruneOlderThan(cutoff: Date, now: Date): number {
    // Batches of small transactions: a large first prune never holds the write lock long enough to lock out another process.
    let total = 0;
    for (;;) {
      const n = this.db.transaction(() => this.writes.pruneBatch(cutoff.toISOString(), now.toISOString(), 500))();
      total += n;
      if (n < 500) return total;
    }
  }

  getAnalysis(articleId: string, version: number, contentHash: string): ArticleAnalysis | undefined {
    const r = this.sql('SELECT json FROM analyses WHERE article_id = ? AND version = ? AND content_hash = ?').get(articleId, version, contentHash) as
      | { json: string }
      | undefined;
    return r ? (JSON.parse(r.json) as ArticleAnalysis) : undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
