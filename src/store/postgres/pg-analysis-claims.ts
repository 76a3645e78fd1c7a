import type { AnalysisClaims } from '../analysis-claims.js';
import type { PgMigration } from './pg-migrations.js';
import type { Queryable } from './sql-database.js';

/** One row per (article, analysis version) being analysed; see AnalysisClaims. */
export const ANALYSIS_CLAIMS_MIGRATION: PgMigration = {
  version: 6,
  name: 'analysis claims',
  statements: [
    `CREATE TABLE analysis_claims (
      article_id   TEXT NOT NULL,
      version      BIGINT NOT NULL,
      content_hash TEXT NOT NULL,
      owner        TEXT NOT NULL,
      expires_at   TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (article_id, version)
    )`,
  ],
};

/**
 * Analysis claims on PostgreSQL. ON CONFLICT DO UPDATE locks the existing row and re-checks the WHERE on
 * its latest version, so of several processes claiming one article at once exactly one gets a row back.
 */
export class PgAnalysisClaims implements AnalysisClaims {
  constructor(private readonly db: Queryable) {}

  async claim(articleId: string, version: number, contentHash: string, owner: string, until: Date, now: Date): Promise<boolean> {
    const { rows } = await this.db.query(
      `INSERT INTO analysis_claims (article_id, version, content_hash, owner, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (article_id, version) DO UPDATE SET content_hash = EXCLUDED.content_hash, owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
       WHERE analysis_claims.owner = EXCLUDED.owner OR analysis_claims.expires_at < $6 OR analysis_claims.content_hash <> EXCLUDED.content_hash
       RETURNING 1`,
      [articleId, version, contentHash, owner, until.toISOString(), now.toISOString()],
    );
    return rows.length > 0;
  }

  async release(articleId: string, version: number, owner: string): Promise<void> {
    await this.db.query('DELETE FROM analysis_claims WHERE article_id = $1 AND version = $2 AND owner = $3', [articleId, version, owner]);
  }
}
