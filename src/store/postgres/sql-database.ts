import type { Pool, PoolClient } from 'pg';

/**
 * The smallest SQL surface the PostgreSQL stores need, satisfied by a
 * `pg` pool (through `pgPoolDatabase`) and by PGlite as it is, so the same
 * store code runs against a real server and an in-memory PGlite in tests.
 * One statement per call, `$1…` parameters, rows as plain objects.
 */
export interface Queryable {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** A Queryable that can also run several statements in one transaction (on one connection). */
export interface SqlDatabase extends Queryable {
  /** Run `fn` inside BEGIN … COMMIT; a throw rolls back and is rethrown. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** A node-postgres pool as a SqlDatabase: transactions take one client from the pool for their duration. */
export function pgPoolDatabase(pool: Pool): SqlDatabase {
  const on = (c: Pool | PoolClient): Queryable => ({
    query: async <R>(text: string, params?: unknown[]) => (await c.query(text, params as unknown[])) as unknown as { rows: R[] },
  });
  return {
    ...on(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(on(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          // A connection that cannot even roll back is discarded rather than handed to the next user.
          broken = rollbackError as Error;
        });
        throw e;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** Timestamps come back as Date from pg and PGlite alike; ISO text for the port's shapes. */
export function isoOrNull(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}
