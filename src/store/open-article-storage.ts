import type Database from 'better-sqlite3';
import type { AnalysisClaims } from './analysis-claims.js';
import type { ArticleRepository, TextSearch } from './article-repository.js';
import { openPostgres, type PostgresHandle } from './postgres/open-postgres.js';
import { PgAnalysisClaims } from './postgres/pg-analysis-claims.js';
import { PgArticleRepository } from './postgres/pg-article-repository.js';
import { pgPoolNotifications } from './postgres/pg-notifications.js';
import { PgTextSearch } from './postgres/pg-text-search.js';
import { SqliteAnalysisClaims } from './sqlite-analysis-claims.js';
import { openDatabase } from './sqlite-article-store.js';
import { SqliteArticleRepository } from './sqlite-article-repository.js';
import { prewarmSqlite } from './sqlite-prewarm.js';
import { SqliteTextSearch } from './sqlite-text-search.js';

/** Where articles live: a SQLite file, or PostgreSQL when `databaseUrl` is set. */
export interface ArticleStorageOptions {
  /** SQLite file (`:memory:` for tests); used when no `databaseUrl` is given. */
  dbPath: string;
  /** postgres://… selects PostgreSQL (NEWSDESK_DATABASE_URL, read by the composition root). */
  databaseUrl?: string | null;
  /** How often `onChange` polls the revision (ms): SQLite's only signal, PostgreSQL's safety net beside LISTEN/NOTIFY. */
  pollMs?: number;
  /**
   * An already open PostgreSQL handle to share (settings and ledger on the same pool); it stays open on
   * `close()`, since its opener owns it. Without it, `databaseUrl` opens (and migrates) a pool of our own.
   */
  postgres?: PostgresHandle;
}

/** The article storage a process works with, whichever engine is behind it. */
export interface ArticleStorage {
  engine: 'sqlite' | 'postgres';
  repository: ArticleRepository;
  search: TextSearch;
  /** Which process is analysing which article (processes sharing the database analyse each article once). */
  claims: AnalysisClaims;
  /**
   * SQLite only: the open database, for the other SQLite stores (settings, ledger, feeds) to share one
   * connection. Closed by `close()`.
   */
  sqlite?: Database.Database;
  /** PostgreSQL only: the migrated pool, for the other PostgreSQL stores to share. */
  postgres?: PostgresHandle;
  /** Stop listening and close the connection or pool. */
  close(): Promise<void>;
}

/** Open the article repository and text search on the engine the options select. */
export async function openArticleStorage(opts: ArticleStorageOptions): Promise<ArticleStorage> {
  if (opts.postgres || opts.databaseUrl) {
    const handle = opts.postgres ?? (await openPostgres(opts.databaseUrl!, { applicationName: 'newsdesk' }));
    const repository = new PgArticleRepository(handle.db, { notifications: pgPoolNotifications(handle.pool), pollMs: opts.pollMs });
    return {
      engine: 'postgres', repository, search: new PgTextSearch(handle.db), claims: new PgAnalysisClaims(handle.db), postgres: handle,
      close: async () => {
        await repository.close();
        if (!opts.postgres) await handle.close();
      },
    };
  }
  const db = openDatabase(opts.dbPath);
  // Before the first answer: a start after a reboot otherwise answers its first askings from disk (sqlite-prewarm.ts).
  prewarmSqlite(db);
  const repository = new SqliteArticleRepository(db, { ownsDatabase: true, pollMs: opts.pollMs });
  return {
    engine: 'sqlite', repository, search: new SqliteTextSearch(db), claims: new SqliteAnalysisClaims(db), sqlite: db, close: () => repository.close(),
  };
}
