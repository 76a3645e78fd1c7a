import type Database from 'better-sqlite3';
import type { AnalysisClaims } from './analysis-claims.js';

/**
 * Analysis claims in SQLite (migration 11). One process usually owns a SQLite file, but the CLI and the
 * bot may share one, and the rule is the same as on PostgreSQL. Times are epoch milliseconds.
 */
export class SqliteAnalysisClaims implements AnalysisClaims {
  private readonly claimRow: Database.Statement;
  private readonly releaseRow: Database.Statement;

  constructor(db: Database.Database) {
    // The upsert's WHERE decides: an existing row is taken over only when it is ours, lapsed or for other
    // content; otherwise nothing changes and `changes` is 0.
    this.claimRow = db.prepare(
      `INSERT INTO analysis_claims (article_id, version, content_hash, owner, expires_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (article_id, version) DO UPDATE SET content_hash = excluded.content_hash, owner = excluded.owner, expires_at = excluded.expires_at
       WHERE analysis_claims.owner = excluded.owner OR analysis_claims.expires_at < ? OR analysis_claims.content_hash <> excluded.content_hash`,
    );
    this.releaseRow = db.prepare('DELETE FROM analysis_claims WHERE article_id = ? AND version = ? AND owner = ?');
  }

  async claim(articleId: string, version: number, contentHash: string, owner: string, until: Date, now: Date): Promise<boolean> {
    return this.claimRow.run(articleId, version, contentHash, owner, until.getTime(), now.getTime()).changes > 0;
  }

  async release(articleId: string, version: number, owner: string): Promise<void> {
    this.releaseRow.run(articleId, version, owner);
  }
}
