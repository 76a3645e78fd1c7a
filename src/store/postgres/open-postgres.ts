import pg from 'pg';
import { NewsdeskError } from '../../core/errors.js';
import { migratePostgres } from './pg-migrations.js';
import { pgPoolDatabase, type SqlDatabase } from './sql-database.js';

/** A migrated PostgreSQL database and the pool behind it. */
export interface PostgresHandle {
  db: SqlDatabase;
  pool: pg.Pool;
  /** Migration versions this process applied (empty when another process or an earlier start did). */
  applied: number[];
  close(): Promise<void>;
}

/**
 * Connect to `url` (postgres://…) with a small pool and migrate the schema.
 * Connection and migration failures become a `store_failed` error that
 * names the server but never the password.
 */
export async function openPostgres(url: string, opts: { maxConnections?: number; applicationName?: string } = {}): Promise<PostgresHandle> {
  const pool = new pg.Pool({ connectionString: url, max: opts.maxConnections ?? 10, application_name: opts.applicationName ?? 'newsdesk' });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = pgPoolDatabase(pool);
  try {
    const applied = await migratePostgres(db);
    return { db, pool, applied, close: () => pool.end() };
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new NewsdeskError('store_failed', `Could not open the PostgreSQL database at ${redactUrl(url)}: ${(e as Error).message}`, { cause: e });
  }
}

/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable database URL)';
  }
}
