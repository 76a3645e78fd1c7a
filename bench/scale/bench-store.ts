import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import type { ArticleRepository } from '../../src/store/article-repository.js';
import { FtsIndex } from '../../src/search/fts-index.js';
import { articleIdFor, openDatabase, SqliteArticleStore } from '../../src/store/sqlite-article-store.js';
import type { CloneItem } from './clone-articles.js';

/** Where a bench corpus lives: a SQLite file, or a PostgreSQL database. */
export type BenchTarget = { engine: 'sqlite'; dbPath: string } | { engine: 'postgres'; url: string };

/**
 * The writes the scale bench needs, over whichever article storage this build has: clones stored with
 * their analyses in large batches, a count of current articles, and removal of the refresh probe's articles.
 */
export interface BenchStore {
  /** "repository" (the asynchronous ArticleRepository seam) or "legacy-sqlite" (the synchronous store). */
  readonly kind: string;
  countCurrent(): Promise<number>;
  /** Ids of the current articles. */
  currentIds(): Promise<Set<string>>;
  write(items: readonly CloneItem[], version: number, now: Date): Promise<void>;
  /** After a bulk load: anything the storage needs so a fresh process starts from it (legacy: the text index). */
  finishBulk(allDocs: () => Iterable<CloneItem>): Promise<void>;
  /** Mark current articles whose source starts with `prefix` removed; returns how many. */
  removePrefix(prefix: string, now: Date): Promise<number>;
  close(): Promise<void>;
}

/** Optional seams other work adds under src/: looked up at run time so the bench builds against today's code too. */
const STORAGE_FACTORY = new URL('../../src/store/open-article-storage.ts', import.meta.url);

/** Whether this build has the asynchronous repository with a factory (both engines). */
export function hasRepositoryFactory(): boolean {
  return existsSync(fileURLToPath(STORAGE_FACTORY));
}

/** Open the bench's writer on `target`: the repository factory when it exists, else the legacy SQLite store. */
export async function openBenchStore(target: BenchTarget, indexDataOf: IndexDataOf | null): Promise<BenchStore> {
  if (hasRepositoryFactory()) return repositoryStore(await openRepository(target), indexDataOf);
  if (target.engine === 'postgres') {
    throw new Error('this build has no PostgreSQL article storage (src/store/open-article-storage.ts is missing)');
  }
  return legacySqliteStore(target.dbPath);
}

/** Computes a clone's compact index record (`IndexRecord.data`) with the corpus's own codec. */
export type IndexDataOf = (item: CloneItem, id: string, now: Date) => string;

/** An opened repository, and (SQLite) the database under it so a bulk load can be one transaction per batch. */
export interface OpenedRepository {
  repo: ArticleRepository;
  sqlite?: Database.Database;
  close(): Promise<void>;
}

/** Open the repository through the storage factory (`openArticleStorage`), on either engine. */
export async function openRepository(target: BenchTarget): Promise<OpenedRepository> {
  const mod = (await import(STORAGE_FACTORY.href)) as Record<string, unknown>;
  const factory = mod.openArticleStorage as ((opts: Record<string, unknown>) => Promise<StorageLike>) | undefined;
  if (typeof factory !== 'function') throw new Error(`src/store/open-article-storage.ts has no openArticleStorage (found: ${Object.keys(mod).join(', ')})`);
  const s = await factory(target.engine === 'sqlite' ? { dbPath: target.dbPath } : { dbPath: ':memory:', databaseUrl: target.url });
  return { repo: s.repository, sqlite: s.sqlite, close: () => s.close() };
}

type StorageLike = { repository: ArticleRepository; sqlite?: Database.Database; close(): Promise<void> };

/** PostgreSQL round trips overlap: this many articles are written at once. */
const PG_CONCURRENCY = 8;

function repositoryStore({ repo, sqlite, close }: OpenedRepository, indexDataOf: IndexDataOf | null): BenchStore {
  // A bulk load inserts at random places in several indexes (source, text hash, FTS): a page cache of 1 GiB
  // for this connection instead of the 2 MB default keeps a million-article load from thrashing.
  sqlite?.pragma('cache_size = -1048576');
  const writeOne = async (it: CloneItem, version: number, now: Date) => {
    const { id } = await repo.upsert(it.article, now);
    await repo.saveAnalysis(id, version, it.article.contentHash, it.analysis, indexDataOf ? indexDataOf(it, id, now) : null, now);
  };
  return {
    kind: 'repository',
    countCurrent: async () => (await repo.currentHeads()).length,
    currentIds: async () => new Set((await repo.currentHeads()).map((h) => h.id)),
    async write(items, version, now) {
      if (sqlite) {
        // The SQLite repository does its work synchronously (settled promises), so one outer transaction
        // turns a batch into one commit; the per-call transactions nest as savepoints.
        const pending: Promise<void>[] = [];
        sqlite.transaction(() => {
          for (const it of items) {
            // The id is the source's (stable) id: a `.then` would run after the transaction has committed.
            const id = articleIdFor(it.article.source);
            pending.push(repo.upsert(it.article, now).then(() => undefined));
            pending.push(repo.saveAnalysis(id, version, it.article.contentHash, it.analysis, indexDataOf ? indexDataOf(it, id, now) : null, now));
          }
        })();
        await Promise.all(pending);
        return;
      }
      let next = 0;
      const worker = async () => {
        while (next < items.length) await writeOne(items[next++], version, now);
      };
      await Promise.all(Array.from({ length: PG_CONCURRENCY }, worker));
    },
    finishBulk: async () => {
      sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    },
    removePrefix: async (prefix, now) => (await repo.markRemoved('feed', prefix, new Set(), now)).length,
    close,
  };
}

/** Today's synchronous SQLite store; its text index is filled by the corpus, so a bulk load fills it here. */
function legacySqliteStore(dbPath: string): BenchStore {
  const db = openDatabase(dbPath);
  const store = new SqliteArticleStore(db);
  return {
    kind: 'legacy-sqlite',
    countCurrent: async () => store.currentHeads().length,
    currentIds: async () => new Set(store.currentHeads().map((h) => h.id)),
    async write(items, version, now) {
      store.batch(() => {
        for (const it of items) {
          const { id } = store.upsert(it.article, now);
          store.saveAnalysis(id, version, it.article.contentHash, it.analysis, now);
        }
      });
    },
    async finishBulk(allDocs) {
      const heads = new Map(store.currentHeads().map((h) => [h.contentHash, h.id]));
      const docs = [];
      for (const it of allDocs()) {
        const id = heads.get(it.article.contentHash);
        if (id) docs.push({ id, contentHash: it.article.contentHash, title: it.article.title, body: it.article.text });
      }
      new FtsIndex(db).sync(docs);
      // Fold the write-ahead log into the file so a copy of the file is the whole database.
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    removePrefix: async (prefix, now) => store.markRemoved('feed', prefix, new Set(), now).length,
    close: async () => store.close(),
  };
}
