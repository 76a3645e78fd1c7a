import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DigestLedger } from '../../src/core/digest-port.js';
import type { SettingsStore } from '../../src/core/settings-port.js';
import { SqliteRunLedger } from '../../src/store/sqlite-run-ledger.js';
import type { SettingsDefaults } from '../../src/settings/channel-settings.js';
import { SqliteSettingsStore } from '../../src/store/sqlite-settings-store.js';
import type { AnalysisClaims } from '../../src/store/analysis-claims.js';
import type { ArticleRepository, TextSearch } from '../../src/store/article-repository.js';
import { SqliteAnalysisClaims } from '../../src/store/sqlite-analysis-claims.js';
import { PgAnalysisClaims } from '../../src/store/postgres/pg-analysis-claims.js';
import { openDatabase } from '../../src/store/sqlite-article-store.js';
import { SqliteArticleRepository } from '../../src/store/sqlite-article-repository.js';
import { SqliteTextSearch } from '../../src/store/sqlite-text-search.js';
import { migratePostgres } from '../../src/store/postgres/pg-migrations.js';
import { PgArticleRepository } from '../../src/store/postgres/pg-article-repository.js';
import { type NotificationSource, pgliteNotifications, pgPoolNotifications } from '../../src/store/postgres/pg-notifications.js';
import { PgRunLedger, type PgRunLedgerOptions } from '../../src/store/postgres/pg-run-ledger.js';
import { PgTextSearch } from '../../src/store/postgres/pg-text-search.js';
import { PgSettingsStore } from '../../src/store/postgres/pg-settings-store.js';
import { pgPoolDatabase, type SqlDatabase } from '../../src/store/postgres/sql-database.js';

/**
 * The engines the store contract runs against. Each `open()` gives a fresh,
 * empty, migrated database; `peer()` a second handle on the same database,
 * as another process would hold (its own connection where the engine has
 * connections).
 */
export interface ContractDatabase {
  /** The article repository and text search on this handle (each call: new objects on the same connection). */
  articles(opts?: { rankedCandidates?: number }): { repository: ArticleRepository; search: TextSearch };
  settings(defaults?: SettingsDefaults): SettingsStore;
  ledger(opts?: PgRunLedgerOptions): DigestLedger;
  /** Analysis claims on this handle. */
  claims(): AnalysisClaims;
  /** Overwrite a channel's stored settings JSON as a hand edit would. */
  writeRawSettings(address: string, json: string): Promise<void>;
  peer(): Promise<ContractDatabase>;
  close(): Promise<void>;
}

export interface ContractEngine {
  name: string;
  /** Whether unfinished claims lapse and can be taken over (PostgreSQL), or hold forever (SQLite). */
  claimsExpire: boolean;
  /** Whether changes are pushed to other connections (LISTEN/NOTIFY) rather than only polled. */
  pushesChanges?: boolean;
  open(): Promise<ContractDatabase>;
  /** For PostgreSQL engines: a fresh, unmigrated database and its handles, to race migrations. */
  emptyDatabases?(count: number): Promise<{ dbs: SqlDatabase[]; close(): Promise<void> }>;
}

export const DEFAULTS: SettingsDefaults = { timezone: 'UTC', maxStories: 5 };

/** SQLite files in a temporary folder; peers are second connections to the same file. */
export function sqliteEngine(): ContractEngine {
  return {
    name: 'SQLite',
    claimsExpire: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'newsdesk-contract-'));
      const file = join(dir, 'db.sqlite');
      const handles: ReturnType<typeof openDatabase>[] = [];
      const connect = async (): Promise<ContractDatabase> => {
        const db = openDatabase(file);
        handles.push(db);
        return {
          articles: (opts) => ({ repository: new SqliteArticleRepository(db), search: new SqliteTextSearch(db, opts) }),
          settings: (d = DEFAULTS) => new SqliteSettingsStore(db, d),
          ledger: () => new SqliteRunLedger(db),
          claims: () => new SqliteAnalysisClaims(db),
          writeRawSettings: async (address, json) => void db.prepare('UPDATE channel_settings SET settings = ? WHERE address = ?').run(json, address),
          peer: connect,
          close: async () => {
            for (const h of handles.splice(0)) h.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      };
      return connect();
    },
  };
}

let schemaCounter = 0;
function freshSchemaName(): string {
  return `contract_${process.pid}_${Date.now().toString(36)}_${schemaCounter++}`;
}

/** Stores over any SqlDatabase whose search_path is the test's schema. */
function pgDatabase(db: SqlDatabase, notifications: NotificationSource, peer: () => Promise<ContractDatabase>, close: () => Promise<void>): ContractDatabase {
  return {
    articles: (opts) => ({ repository: new PgArticleRepository(db, { notifications }), search: new PgTextSearch(db, opts) }),
    settings: (d = DEFAULTS) => new PgSettingsStore(db, d),
    ledger: (opts) => new PgRunLedger(db, opts),
    claims: () => new PgAnalysisClaims(db),
    writeRawSettings: async (address, json) => void (await db.query('UPDATE channel_settings SET settings = $1 WHERE address = $2', [json, address])),
    peer,
    close,
  };
}

/**
 * PostgreSQL in process (PGlite, in memory). Starting PGlite is slow, so one
 * instance serves a whole test file; each database is a fresh schema.
 * PGlite has a single connection, so peers share it (queries serialise).
 */
export function pgliteEngine(instance: () => PGlite): ContractEngine {
  const useSchema = async (schema: string) => {
    const db = instance();
    await db.query(`CREATE SCHEMA ${schema}`);
    await db.query(`SET search_path TO ${schema}`);
    return db as unknown as SqlDatabase;
  };
  return {
    name: 'PostgreSQL (PGlite)',
    claimsExpire: true,
    pushesChanges: true,
    async open() {
      const schema = freshSchemaName();
      const db = await useSchema(schema);
      await migratePostgres(db);
      const close = async () => void (await instance().query(`DROP SCHEMA ${schema} CASCADE`));
      const handle: ContractDatabase = pgDatabase(db, pgliteNotifications(instance()), async () => handle, close);
      return handle;
    },
    async emptyDatabases(count) {
      const schema = freshSchemaName();
      const db = await useSchema(schema);
      return { dbs: Array.from({ length: count }, () => db), close: async () => void (await instance().query(`DROP SCHEMA ${schema} CASCADE`)) };
    },
  };
}

/**
 * A real PostgreSQL server (NEWSDESK_TEST_DATABASE_URL). Each database is a
 * fresh schema; each peer is its own pool, so claims and migrations really
 * race over separate connections.
 */
export function postgresEngine(url: string): ContractEngine {
  const pools: pg.Pool[] = [];
  const poolFor = (schema: string) => {
    const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
    pool.on('error', () => undefined);
    pools.push(pool);
    return pool;
  };
  const makeSchema = async (schema: string) => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
    } finally {
      await admin.end();
    }
  };
  const dropSchema = async (schema: string, mine: pg.Pool[]) => {
    await Promise.all(mine.map((p) => p.end()));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await admin.end();
    }
  };
  return {
    name: 'PostgreSQL (server)',
    claimsExpire: true,
    pushesChanges: true,
    async open() {
      const schema = freshSchemaName();
      await makeSchema(schema);
      const mine: pg.Pool[] = [];
      const close = () => dropSchema(schema, mine);
      const connect = async (): Promise<ContractDatabase> => {
        const pool = poolFor(schema);
        mine.push(pool);
        return pgDatabase(pgPoolDatabase(pool), pgPoolNotifications(pool), connect, close);
      };
      const first = await connect();
      await migratePostgres(pgPoolDatabase(mine[0]));
      return first;
    },
    async emptyDatabases(count) {
      const schema = freshSchemaName();
      await makeSchema(schema);
      const mine = Array.from({ length: count }, () => poolFor(schema));
      return { dbs: mine.map(pgPoolDatabase), close: () => dropSchema(schema, mine) };
    },
  };
}
