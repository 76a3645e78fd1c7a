import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ArticleAnalysis } from '../analysis/types.js';
import { type ArticleOrigin, PARSE_VERSION } from '../corpus/article.js';
import { type ArticleRow as Row, articleFromRow as fromRow, articleIdFor } from './article-rows.js';
import { NewsdeskError } from '../core/errors.js';
import type { AnalysisFailure, ArticleHead, ArticleStore, StoredArticle, UpsertOutcome } from './article-store.js';
import { migrate } from './migrations.js';

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
    const ts = now.toISOString();
    return this.db.transaction(() => {
      const existing = this.sql('SELECT * FROM articles WHERE source = ?').get(a.source) as Row | undefined;
      const twin = this.db
        .prepare("SELECT id FROM articles WHERE text_hash = ? AND source <> ? AND status = 'current' ORDER BY first_seen_at LIMIT 1")
        .get(a.textHash, a.source) as { id: string } | undefined;
      const status = twin ? 'duplicate' : 'current';
      const values = {
        source: a.source, origin: a.origin, title: a.title, title_derived: a.titleDerived ? 1 : 0, url: a.url,
        published_at: a.publishedAt, publisher: a.publisher ?? null, parse_version: PARSE_VERSION,
        byline: JSON.stringify(a.byline), credits: JSON.stringify(a.credits), text: a.text,
        offsets_into: a.offsetsInto, offsets: JSON.stringify(a.offsets), content_hash: a.contentHash, text_hash: a.textHash,
        status, duplicate_of: twin?.id ?? null, ts,
      };
      if (!existing) {
        const id = articleIdFor(a.source);
        this.db
          .prepare(`INSERT INTO articles (id, source, origin, title, title_derived, url, published_at, publisher, parse_version, byline, credits, text, offsets_into, offsets,
             content_hash, text_hash, status, duplicate_of, first_seen_at, updated_at)
             VALUES (@id, @source, @origin, @title, @title_derived, @url, @published_at, @publisher, @parse_version, @byline, @credits, @text, @offsets_into, @offsets,
             @content_hash, @text_hash, @status, @duplicate_of, @ts, @ts)`)
          .run({ id, ...values });
        return { id, outcome: (twin ? 'duplicate' : 'added') as UpsertOutcome };
      }
      if (existing.content_hash === a.contentHash && existing.status !== 'removed' && existing.parse_version === PARSE_VERSION) {
        // A reprint stays a duplicate only while its original still tells the same story.
        if (existing.status === 'duplicate' && twin?.id !== existing.duplicate_of) {
          this.sql('UPDATE articles SET status = ?, duplicate_of = ?, updated_at = ? WHERE id = ?').run(status, twin?.id ?? null, ts, existing.id);
        }
        return { id: existing.id, outcome: 'unchanged' as UpsertOutcome };
      }
      this.db
        .prepare(`UPDATE articles SET origin=@origin, title=@title, title_derived=@title_derived, url=@url, published_at=@published_at,
           publisher=@publisher, parse_version=@parse_version, byline=@byline, credits=@credits, text=@text, offsets_into=@offsets_into, offsets=@offsets, content_hash=@content_hash,
           text_hash=@text_hash, status=@status, duplicate_of=@duplicate_of, updated_at=@ts WHERE id=@id`)
        .run({ id: existing.id, ...values });
      if (existing.text_hash !== a.textHash) this.releaseReprints(existing.id, ts);
      const outcome: UpsertOutcome = twin ? 'duplicate' : existing.status === 'removed' ? 'restored' : 'updated';
      return { id: existing.id, outcome };
    })();
  }

  /** The article's text changed: its former reprints are a story of their own now (the oldest becomes current). */
  private releaseReprints(id: string, ts: string): void {
    const reprints = this.sql("SELECT id FROM articles WHERE duplicate_of = ? AND status = 'duplicate' ORDER BY first_seen_at").all(id) as { id: string }[];
    if (reprints.length === 0) return;
    const [heir, ...rest] = reprints;
    this.sql("UPDATE articles SET status = 'current', duplicate_of = NULL, updated_at = ? WHERE id = ?").run(ts, heir.id);
    for (const r of rest) this.sql('UPDATE articles SET duplicate_of = ?, updated_at = ? WHERE id = ?').run(heir.id, ts, r.id);
  }

  markRemoved(origin: ArticleOrigin, prefix: string, present: ReadonlySet<string>, now: Date): string[] {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare("SELECT id, source FROM articles WHERE origin = ? AND status NOT IN ('removed', 'pruned') AND substr(source, 1, length(?)) = ?")
        .all(origin, prefix, prefix) as { id: string; source: string }[];
      const gone = rows.filter((r) => !present.has(r.source));
      const stmt = this.sql("UPDATE articles SET status = 'removed', updated_at = ? WHERE id = ?");
      for (const r of gone) stmt.run(now.toISOString(), r.id);
      for (const r of gone) this.promoteHeir(r.id, now.toISOString());
      return gone.map((r) => r.id);
    })();
  }

  /** A reprint whose original disappeared becomes the current copy of the story. */
  private promoteHeir(originalId: string, ts: string): void {
    const heir = this.sql("SELECT id FROM articles WHERE duplicate_of = ? AND status = 'duplicate' ORDER BY first_seen_at LIMIT 1").get(originalId) as { id: string } | undefined;
    if (!heir) return;
    this.sql("UPDATE articles SET status = 'current', duplicate_of = NULL, updated_at = ? WHERE id = ?").run(ts, heir.id);
    this.sql("UPDATE articles SET duplicate_of = ? WHERE duplicate_of = ? AND status = 'duplicate'").run(heir.id, originalId);
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

  /** One statement, so one small transaction per article: finished work survives a kill and never holds the lock for long. */
  saveAnalysis(articleId: string, version: number, contentHash: string, analysis: ArticleAnalysis, now: Date): void {
    this.db.transaction(() => {
      this.sql('DELETE FROM analysis_failures WHERE article_id = ?').run(articleId);
      this.sql(`INSERT INTO analyses (article_id, version, content_hash, json, analysed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(article_id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash, json = excluded.json, analysed_at = excluded.analysed_at`)
        .run(articleId, version, contentHash, JSON.stringify(analysis), now.toISOString());
    })();
  }

  saveAnalysisFailure(articleId: string, version: number, contentHash: string, f: AnalysisFailure): void {
    this.sql(
      `INSERT INTO analysis_failures (article_id, version, content_hash, reason, message, failed_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(article_id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash, reason = excluded.reason,
       message = excluded.message, failed_at = excluded.failed_at`,
    ).run(articleId, version, contentHash, f.reason, f.message, f.failedAt);
  }

  clearAnalysisFailure(articleId: string): void {
    this.sql('DELETE FROM analysis_failures WHERE article_id = ?').run(articleId);
  }

  getAnalysisFailure(articleId: string, version: number, contentHash: string): AnalysisFailure | undefined {
    const r = this.sql('SELECT reason, message, failed_at FROM analysis_failures WHERE article_id = ? AND version = ? AND content_hash = ?').get(
      articleId, version, contentHash,
    ) as { reason: AnalysisFailure['reason']; message: string; failed_at: string } | undefined;
    return r ? { reason: r.reason, message: r.message, failedAt: r.failed_at } : undefined;
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
    const ts = now.toISOString();
    // Batches of small transactions: a large first prune never holds the write lock long enough to lock out another process.
    let total = 0;
    for (;;) {
      const n = this.pruneBatch(cutoff.toISOString(), ts, 500);
      total += n;
      if (n < 500) return total;
    }
  }

  private pruneBatch(cutoff: string, ts: string, limit: number): number {
    return this.db.transaction(() => {
      const old = this.sql("SELECT id FROM articles WHERE status <> 'pruned' AND coalesce(published_at, first_seen_at) < ? LIMIT ?").all(cutoff, limit) as { id: string }[];
      for (const { id } of old) {
        const doc = this.sql('SELECT fts_rowid FROM search_docs WHERE article_id = ?').get(id) as { fts_rowid: number } | undefined;
        if (doc) this.sql('DELETE FROM search_fts WHERE rowid = ?').run(doc.fts_rowid);
        this.sql('DELETE FROM search_docs WHERE article_id = ?').run(id);
        this.sql('DELETE FROM analyses WHERE article_id = ?').run(id);
        this.sql('DELETE FROM analysis_index WHERE article_id = ?').run(id);
        this.sql('DELETE FROM analysis_failures WHERE article_id = ?').run(id);
        // Keep identity and hashes (a tombstone): re-ingesting the same file is then "unchanged", not a new article.
        this.sql("UPDATE articles SET status = 'pruned', text = '', offsets = '[]', duplicate_of = NULL, updated_at = ? WHERE id = ?").run(ts, id);
      }
      for (const { id } of old) this.promoteHeir(id, ts);
      return old.length;
    })();
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
