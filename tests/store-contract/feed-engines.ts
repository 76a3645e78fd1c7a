import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { FeedStore } from '../../src/store/feed-store.js';
import { openPgFeedStore, PgFeedStore } from '../../src/store/postgres/pg-feed-store.js';
import { pgPoolDatabase, type SqlDatabase } from '../../src/store/postgres/sql-database.js';
import { openDatabase } from '../../src/store/sqlite-article-store.js';
import { SqliteFeedStore } from '../../src/store/sqlite-feed-store.js';

/**
 * A fresh, empty feed database on one engine. `store` is one process's
 * handle; `peer()` opens another, as a second process would (its own
 * connection where the engine has connections).
 */
export interface FeedDatabase {
  store: FeedStore;
  peer(): Promise<FeedStore>;
  close(): Promise<void>;
}

/** An engine the feed-store contract and the two-poller test run on. */
export interface FeedEngine {
  name: string;
  open(): Promise<FeedDatabase>;
}

/** SQLite files in a temporary folder; peers are second connections to the same file. */
export function sqliteFeedEngine(): FeedEngine {
  return {
    name: 'SQLite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'newsdesk-feed-contract-'));
      const handles: ReturnType<typeof openDatabase>[] = [];
      const connect = async () => {
        const db = openDatabase(join(dir, 'db.sqlite'));
        handles.push(db);
        return new SqliteFeedStore(db);
      };
      return {
        store: await connect(),
        peer: connect,
        close: async () => {
          for (const h of handles.splice(0)) h.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

let counter = 0;
const freshSchema = () => `feed_contract_${process.pid}_${Date.now().toString(36)}_${counter++}`;

/** PGlite in memory: one instance per test file, a fresh schema per database; peers share its one connection. */
export function pgliteFeedEngine(instance: () => PGlite): FeedEngine {
  return {
    name: 'PostgreSQL (PGlite)',
    async open() {
      const schema = freshSchema();
      const db = instance();
      await db.query(`CREATE SCHEMA ${schema}`);
      await db.query(`SET search_path TO ${schema}`);
      const store = await openPgFeedStore(db as unknown as SqlDatabase);
      return { store, peer: async () => new PgFeedStore(db as unknown as SqlDatabase), close: async () => void (await instance().query(`DROP SCHEMA ${schema} CASCADE`)) };
    },
  };
}

/** A real server (NEWSDESK_TEST_DATABASE_URL): a fresh schema per database, each peer its own pool. */
export function postgresFeedEngine(url: string): FeedEngine {
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return {
    name: 'PostgreSQL (server)',
    async open() {
      const schema = freshSchema();
      await admin(`CREATE SCHEMA ${schema}`);
      const pools: pg.Pool[] = [];
      const pool = () => {
        const p = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
        p.on('error', () => undefined);
        pools.push(p);
        return pgPoolDatabase(p);
      };
      const store = await openPgFeedStore(pool());
      return {
        store,
        peer: async () => new PgFeedStore(pool()),
        close: async () => {
          await Promise.all(pools.map((p) => p.end()));
          await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        },
      };
    },
  };
}
