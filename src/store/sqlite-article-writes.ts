import type Database from 'better-sqlite3';
import type { ArticleOrigin } from '../corpus/article.js';
import type { AnalysisFailure, AnalysisToSave, ArticleInput, UpsertOutcome } from './article-repository.js';
import { type ArticleRow, articleColumns, articleIdFor, failureFromRow, isUnchanged, prefixEnd } from './article-rows.js';

/**
 * The article and analysis writes of SQLite, run inside the caller's transaction: shared by the asynchronous
 * repository (the corpus, every process) and the synchronous store (the feed sink, tests, the bench), so the
 * two cannot drift apart on what an upsert, a removal or a prune does. The change log and the search rows
 * follow the articles by trigger (migration 7).
 */
export class SqliteArticleWrites {
  /** @param sql  a prepared statement for an SQL text (the caller caches them) */
  constructor(private readonly sql: (text: string) => Database.Statement) {}

  /** Insert or update one article by source; a text another current article already has makes it a reprint. */
  upsert(a: ArticleInput, ts: string): { id: string; outcome: UpsertOutcome } {
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

  /** Mark removed the articles of `origin` under `prefix` whose source is not in `present`; their ids. */
  markRemoved(origin: ArticleOrigin, prefix: string, present: ReadonlySet<string>, ts: string): string[] {
    // The range lets the source index find the folder's rows; substr keeps the test exact.
    const rows = this.sql(`SELECT id, source FROM articles WHERE source >= ? AND source < ? AND origin = ? AND status NOT IN ('removed', 'pruned')
       AND substr(source, 1, length(?)) = ?`).all(prefix, prefixEnd(prefix), origin, prefix, prefix) as { id: string; source: string }[];
    const gone = rows.filter((r) => !present.has(r.source));
    for (const r of gone) this.sql("UPDATE articles SET status = 'removed', updated_at = ? WHERE id = ?").run(ts, r.id);
    for (const r of gone) this.promoteHeir(r.id, ts);
    return gone.map((r) => r.id);
  }

  /** Store an analysis (and its index record; null removes a stale one), clearing any failure recorded. */
  saveAnalysis({ articleId, version, contentHash, analysis, indexData }: AnalysisToSave, ts: string): void {
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

  /**
   * Prune up to `limit` articles dated before `cutoff`: their analyses go, the article stays as a tombstone
   * (identity and hashes: re-ingesting the same file is then "unchanged", not a new article). How many.
   */
  pruneBatch(cutoff: string, ts: string, limit: number): number {
    const old = this.sql("SELECT id FROM articles WHERE status <> 'pruned' AND coalesce(published_at, first_seen_at) < ? LIMIT ?").all(cutoff, limit) as { id: string }[];
    for (const { id } of old) {
      this.sql('DELETE FROM analyses WHERE article_id = ?').run(id);
      this.sql('DELETE FROM analysis_index WHERE article_id = ?').run(id);
      this.sql('DELETE FROM analysis_failures WHERE article_id = ?').run(id);
      this.sql("UPDATE articles SET status = 'pruned', text = '', offsets = '[]', duplicate_of = NULL, updated_at = ? WHERE id = ?").run(ts, id);
    }
    for (const { id } of old) this.promoteHeir(id, ts);
    return old.length;
  }

  saveFailure(articleId: string, version: number, contentHash: string, f: AnalysisFailure): void {
    this.sql(`INSERT INTO analysis_failures (article_id, version, content_hash, reason, message, failed_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(article_id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash, reason = excluded.reason,
       message = excluded.message, failed_at = excluded.failed_at`).run(articleId, version, contentHash, f.reason, f.message, f.failedAt);
  }

  clearFailure(articleId: string): void {
    this.sql('DELETE FROM analysis_failures WHERE article_id = ?').run(articleId);
  }

  /** The failure recorded for this version and content of an article, if any. */
  failure(articleId: string, version: number, contentHash: string): AnalysisFailure | undefined {
    const r = this.sql('SELECT reason, message, failed_at FROM analysis_failures WHERE article_id = ? AND version = ? AND content_hash = ?')
      .get(articleId, version, contentHash) as { reason: string; message: string; failed_at: string } | undefined;
    return r ? failureFromRow(r) : undefined;
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
}
