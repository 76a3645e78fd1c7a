import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, type AnalysedPool } from './analysed-pool.js';
import { type BenchStore, type BenchTarget, type IndexDataOf, openBenchStore } from './bench-store.js';
import { articleIdFor } from '../../src/store/sqlite-article-store.js';
import { cloneArticle, type CloneItem, cloneSource, REFRESH_PREFIX } from './clone-articles.js';

/** Bump when the clone recipe changes: cached databases made by an older recipe are rebuilt. */
const RECIPE = 1;
/** Articles per write batch (one transaction where the storage offers one). */
const BATCH = 2_000;

/** A bench corpus ready to measure. */
export interface BenchCorpus {
  target: BenchTarget;
  size: number;
  /** The instant clone dates count back from (a year before it to it). */
  anchorMs: number;
  /** Seconds spent generating in this run (0 when the cached database was reused). */
  generateSeconds: number;
  storageKind: string;
}

interface Meta {
  size: number;
  anchorMs: number;
  storageKind: string;
}

/**
 * A SQLite corpus of `size` clones, cached under bench/.cache/ by analysis version, clone recipe, storage
 * kind and index codec: reused as is when present, else grown from the largest smaller cached one.
 */
export async function sqliteCorpus(pool: AnalysedPool, size: number, codec: { key: string; indexDataOf: IndexDataOf | null }, log: (s: string) => void): Promise<BenchCorpus> {
  const storageKind = 'repository';
  const key = `sqlite-v${pool.version}-r${RECIPE}-${storageKind}-${codec.key}`;
  const fileOf = (n: number) => join(CACHE_DIR, `${key}-${n}.db`);
  const metaOf = (n: number) => `${fileOf(n)}.json`;
  const target: BenchTarget = { engine: 'sqlite', dbPath: fileOf(size) };
  if (existsSync(metaOf(size)) && existsSync(fileOf(size))) {
    const meta = JSON.parse(readFileSync(metaOf(size), 'utf8')) as Meta;
    // Opening runs any schema migration added since the database was made (a table rewrite at a million
    // rows takes minutes): here, not in the measured child's start-up.
    const t0 = performance.now();
    const store = await openBenchStore(target, null);
    const count = await store.countCurrent().finally(() => store.close());
    if (performance.now() - t0 > 5_000) log(`  opening the cached database took ${((performance.now() - t0) / 1000).toFixed(0)} s (schema migration)`);
    if (count !== size) {
      log(`  the cached database holds ${count} current articles, not ${size}: repairing`);
      const t1 = performance.now();
      await fill(target, pool, size, meta.anchorMs, codec.indexDataOf, log);
      return { target, size, anchorMs: meta.anchorMs, generateSeconds: (performance.now() - t1) / 1000, storageKind };
    }
    return { target, size, anchorMs: meta.anchorMs, generateSeconds: 0, storageKind };
  }
  // Grow from the largest smaller complete database with the same key.
  const smaller = readdirSync(CACHE_DIR)
    .map((f) => new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)\\.db\\.json$`).exec(f))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => Number(m[1]))
    .filter((n) => n < size && existsSync(fileOf(n)))
    .sort((a, b) => b - a)[0];
  let anchorMs = startOfUtcDay(Date.now());
  // A database without its meta file is an interrupted generation: clones are stored in order, one batch per
  // commit, so it resumes from its count of current articles.
  const resume = existsSync(fileOf(size)) && smaller !== undefined;
  if (resume) {
    anchorMs = (JSON.parse(readFileSync(metaOf(smaller), 'utf8')) as Meta).anchorMs;
    log(`  resuming the interrupted generation of ${size.toLocaleString('en')} articles`);
  } else if (smaller !== undefined) {
    for (const ext of ['', '-wal', '-shm']) rmSync(`${fileOf(size)}${ext}`, { force: true });
    anchorMs = (JSON.parse(readFileSync(metaOf(smaller), 'utf8')) as Meta).anchorMs;
    // The write-ahead log holds the latest commits (a measured child's writes): copy it with the file.
    for (const ext of ['', '-wal']) if (existsSync(`${fileOf(smaller)}${ext}`)) copyFileSync(`${fileOf(smaller)}${ext}`, `${fileOf(size)}${ext}`);
    log(`  growing the ${smaller.toLocaleString('en')}-article database to ${size.toLocaleString('en')}`);
  } else {
    for (const ext of ['', '-wal', '-shm']) rmSync(`${fileOf(size)}${ext}`, { force: true });
  }
  const t0 = performance.now();
  await fill(target, pool, size, anchorMs, codec.indexDataOf, log);
  const meta: Meta = { size, anchorMs, storageKind };
  writeFileSync(metaOf(size), JSON.stringify(meta));
  return { target, size, anchorMs, generateSeconds: (performance.now() - t0) / 1000, storageKind };
}

/**
 * A PostgreSQL corpus of `size` clones in the database at `url`, grown in place (sizes are measured in
 * increasing order, and a CI role cannot create databases). The database must hold only bench clones.
 */
export async function postgresCorpus(url: string, pool: AnalysedPool, size: number, codec: { indexDataOf: IndexDataOf | null }, log: (s: string) => void): Promise<BenchCorpus> {
  const target: BenchTarget = { engine: 'postgres', url };
  const anchorMs = startOfUtcDay(Date.now());
  const t0 = performance.now();
  const kind = await fill(target, pool, size, anchorMs, codec.indexDataOf, log);
  return { target, size, anchorMs, generateSeconds: (performance.now() - t0) / 1000, storageKind: kind };
}

/** Store clones from the current count up to `size`, in batches, with progress every ~10%. */
export async function fill(target: BenchTarget, pool: AnalysedPool, size: number, anchorMs: number, indexDataOf: IndexDataOf | null, log: (s: string) => void): Promise<string> {
  const store: BenchStore = await openBenchStore(target, indexDataOf);
  try {
    // A refresh probe that did not finish leaves its articles behind: they are not clones.
    await store.removePrefix(REFRESH_PREFIX, new Date());
    const have = await store.countCurrent();
    if (have > size) throw new Error(`the ${target.engine} database already holds ${have} current articles, more than ${size}: give an empty database`);
    const now = new Date();
    const t0 = performance.now();
    let nextLog = have + Math.max(BATCH, Math.floor((size - have) / 10));
    for (let k = have; k < size; k += BATCH) {
      const items: CloneItem[] = [];
      for (let i = k; i < Math.min(size, k + BATCH); i++) items.push(cloneArticle(pool.articles, i, anchorMs));
      await store.write(items, pool.version, now);
      if (k + BATCH >= nextLog && k + BATCH < size) {
        const rate = (k + BATCH - have) / ((performance.now() - t0) / 1000);
        log(`  ${target.engine}: ${(k + BATCH).toLocaleString('en')} / ${size.toLocaleString('en')} articles stored (${rate.toFixed(0)}/s)`);
        nextLog += Math.max(BATCH, Math.floor((size - have) / 10));
      }
    }
    await store.finishBulk(function* () {
      for (let i = 0; i < size; i++) yield cloneArticle(pool.articles, i, anchorMs);
    });
    // Clones are written in order, so the count says where to resume; check that no clone is missing
    // (an interrupted or copied database) and store any that are.
    const ids = await store.currentIds();
    const missing: CloneItem[] = [];
    for (let k = 0; k < size; k++) if (!ids.has(articleIdFor(cloneSource(pool.articles, k)))) missing.push(cloneArticle(pool.articles, k, anchorMs));
    if (missing.length) {
      log(`  storing ${missing.length} missing clones`);
      for (let i = 0; i < missing.length; i += BATCH) await store.write(missing.slice(i, i + BATCH), pool.version, now);
    }
    // An interrupted generation (PostgreSQL writes a batch's articles and its analyses in separate
    // transactions) may have left clones without their analysis: store those again.
    if (have > 0 && have < size && indexDataOf) {
      const indexed = await store.indexedIds(pool.version);
      const unanalysed: CloneItem[] = [];
      for (let k = 0; k < size; k++) if (!indexed.has(articleIdFor(cloneSource(pool.articles, k)))) unanalysed.push(cloneArticle(pool.articles, k, anchorMs));
      if (unanalysed.length) {
        log(`  storing the analyses of ${unanalysed.length} clones an interrupted generation left without them`);
        for (let i = 0; i < unanalysed.length; i += BATCH) await store.write(unanalysed.slice(i, i + BATCH), pool.version, now);
      }
    }
    const count = await store.countCurrent();
    if (count !== size) throw new Error(`expected ${size} current articles after generation, found ${count}`);
    return store.kind;
  } finally {
    await store.close();
  }
}

function startOfUtcDay(ms: number): number {
  return ms - (ms % 86_400_000);
}
