import type Database from 'better-sqlite3';
import type { AnalysisClaims } from '../../src/store/analysis-claims.js';
import type { ArticleRepository } from '../../src/store/article-repository.js';
import { openArticleStorage } from '../../src/store/open-article-storage.js';
import { articleIdFor } from '../../src/store/sqlite-article-store.js';
import type { CloneItem } from './clone-articles.js';

/** Where a bench corpus lives: a SQLite file, or a PostgreSQL database. */
export type BenchTarget = { engine: 'sqlite'; dbPath: string } | { engine: 'postgres'; url: string };

/**
 * The writes the scale bench needs, over whichever article storage this build has: clones stored with
 * their analyses in large batches, a count of current articles, and removal of the refresh probe's articles.
 */
export interface BenchStore {
  /** "repository": the asynchronous ArticleRepository seam. */
  readonly kind: string;
  countCurrent(): Promise<number>;
  /** Ids of the current articles. */
  currentIds(): Promise<Set<string>>;
  /** Ids of the current articles with an index record of `version` (written with their analysis). */
  indexedIds(version: number): Promise<Set<string>>;
  /**
   * Store clones with their analyses. `claimAs`: claim each analysis under that owner first and release it
   * after, as a replica that ingests and analyses does, so a bot sharing the database waits for these analyses
   * instead of analysing the articles itself when it sees them first (PostgreSQL stores them in two steps).
   */
  write(items: readonly CloneItem[], version: number, now: Date, opts?: { claimAs?: string }): Promise<void>;
  /** After a bulk load: anything the storage needs so a fresh process starts from it . */
  finishBulk(allDocs: () => Iterable<CloneItem>): Promise<void>;
  /** Mark current articles whose source starts with `prefix` removed; returns how many. */
  removePrefix(prefix: string, now: Date): Promise<number>;
  close(): Promise<void>;
}

/** Open the bench's writer on `target` through the repository factory (either engine). */
export async function openBenchStore(target: BenchTarget, indexDataOf: IndexDataOf | null): Promise<BenchStore> {
  return repositoryStore(await openRepository(target), indexDataOf);
}

/** Computes a clone's compact index record (`IndexRecord.data`) with the corpus's own codec. */
export type IndexDataOf = (item: CloneItem, id: string, now: Date) => string;

/** An opened repository, and (SQLite) the database under it so a bulk load can be one transaction per batch. */
export interface OpenedRepository {
  repo: ArticleRepository;
  claims: AnalysisClaims;
  sqlite?: Database.Database;
  close(): Promise<void>;
}

/** Open the repository through the storage factory (`openArticleStorage`), on either engine. */
export async function openRepository(target: BenchTarget): Promise<OpenedRepository> {
  const s = await openArticleStorage(target.engine === 'sqlite' ? { dbPath: target.dbPath } : { dbPath: ':memory:', databaseUrl: target.url });
  return { repo: s.repository, claims: s.claims, sqlite: s.sqlite, close: () => s.close() };
}

/**
 * PostgreSQL: a batch is split into this many slices, each stored in its own transactions (upsertMany, then
 * saveAnalyses) at the same time, so one slice's round trips overlap another's.
 */
const PG_SLICES = 4;

function repositoryStore({ repo, claims, sqlite, close }: OpenedRepository, indexDataOf: IndexDataOf | null): BenchStore {
  // A bulk load inserts at random places in several indexes (source, text hash, FTS): a page cache of 1 GiB
  // for this connection instead of the 2 MB default keeps a million-article load from thrashing.
  sqlite?.pragma('cache_size = -1048576');
  // Two transactions per slice (articles, then their analyses): one commit each instead of two per article.
  const writeSlice = async (slice: readonly CloneItem[], version: number, now: Date) => {
    if (slice.length === 0) return;
    const stored = await repo.upsertMany(slice.map((it) => it.article), now);
    await repo.saveAnalyses(
      slice.map((it, i) => ({ articleId: stored[i].id, version, contentHash: it.article.contentHash, analysis: it.analysis, indexData: indexDataOf ? indexDataOf(it, stored[i].id, now) : null })),
      now,
    );
  };
  const writeAll = async (items: readonly CloneItem[], version: number, now: Date) => {
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
    const per = Math.ceil(items.length / PG_SLICES);
    await Promise.all(Array.from({ length: PG_SLICES }, (_, k) => writeSlice(items.slice(k * per, (k + 1) * per), version, now)));
  };
  return {
    kind: 'repository',
    countCurrent: async () => (await repo.currentHeads()).length,
    currentIds: async () => new Set((await repo.currentHeads()).map((h) => h.id)),
    indexedIds: async (version) => {
      const ids = new Set<string>();
      for await (const page of repo.indexRecords(version)) for (const r of page) ids.add(r.articleId);
      return ids;
    },
    async write(items, version, now, opts) {
      const owner = opts?.claimAs;
      const claimed = owner ? items.map((it) => ({ id: articleIdFor(it.article.source), hash: it.article.contentHash })) : [];
      if (owner) {
        const until = new Date(now.getTime() + 60_000);
        await Promise.all(claimed.map((c) => claims.claim(c.id, version, c.hash, owner, until, now)));
      }
      try {
        await writeAll(items, version, now);
      } finally {
        if (owner) await Promise.all(claimed.map((c) => claims.release(c.id, version, owner)));
      }
    },
    finishBulk: async () => {
      if (!sqlite) return;
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      // Planner statistics for the loaded size. Left from the size the load was at when the store's `PRAGMA
      // optimize` last ran (206k of a million), they made SQLite read index records through a Bloom-filter
      // join that scans every article per page: ~2-4 s a page of 2,000 at 1M instead of ~13 ms. (A store whose
      // statistics lag its size this way hits the same plan: the query itself should not depend on them.)
      sqlite.pragma('analysis_limit = 2000');
      sqlite.exec('ANALYZE');
    },
    removePrefix: async (prefix, now) => (await repo.markRemoved('feed', prefix, new Set(), now)).length,
    close,
  };
}
