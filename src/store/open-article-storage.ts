import type Database from 'better-sqlite3';
import { NewsdeskError } from '../core/errors.js';
import type { ArticleRepository, TextSearch } from './article-repository.js';
import { openDatabase } from './sqlite-article-store.js';
import { SqliteArticleRepository } from './sqlite-article-repository.js';
import { SqliteTextSearch } from './sqlite-text-search.js';

/** Where articles live: a SQLite file, or PostgreSQL when `databaseUrl` is set. */
export interface ArticleStorageOptions {
  /** SQLite file (`:memory:` for tests); used when no `databaseUrl` is given. */
  dbPath: string;
  /** postgres://… selects PostgreSQL (NEWSDESK_DATABASE_URL, read by the composition root). */
  databaseUrl?: string | null;
  /** How often `onChange` polls when the engine has no push (ms). */
  pollMs?: number;
}

/** The article storage a process works with, whichever engine is behind it. */
export interface ArticleStorage {
  engine: 'sqlite' | 'postgres';
  repository: ArticleRepository;
  search: TextSearch;
  /**
   * SQLite only: the open database, for the other SQLite stores (settings, ledger, feeds) to share one
   * connection. Closed by `close()`.
   */
  sqlite?: Database.Database;
  /** Stop listening and close the connection or pool. */
  close(): Promise<void>;
}

/** Open the article repository and text search on the engine the options select. */
export async function openArticleStorage(opts: ArticleStorageOptions): Promise<ArticleStorage> {
  if (opts.databaseUrl) {
    throw new NewsdeskError('store_failed', 'Articles on PostgreSQL are not available in this build yet; unset NEWSDESK_DATABASE_URL to use SQLite.');
  }
  const db = openDatabase(opts.dbPath);
  const repository = new SqliteArticleRepository(db, { ownsDatabase: true, pollMs: opts.pollMs });
  return { engine: 'sqlite', repository, search: new SqliteTextSearch(db), sqlite: db, close: () => repository.close() };
}
