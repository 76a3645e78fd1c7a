import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import { buildCore, type Core } from '../../src/app/build-core.js';
import { inProcessAnalyzer } from '../../src/analysis-pool/article-analyzer.js';
import { fixedClock } from '../../src/core/clock.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { SqliteArticleRepository } from '../../src/store/sqlite-article-repository.js';
import { openDatabase, SqliteArticleStore } from '../../src/store/sqlite-article-store.js';
import { SqliteTextSearch } from '../../src/store/sqlite-text-search.js';
import type { ArticleAnalyzer } from '../../src/analysis-pool/article-analyzer.js';

const SLOW_WORKER = new URL('../runtime/fixtures/slow-worker.ts', import.meta.url);
const clock = fixedClock('2024-03-01T09:00:00Z');
let dir: string;
let corpusDir: string;
let dbPath: string;
const open: Core[] = [];

function article(name: string, title: string, body: string): void {
  writeFileSync(join(corpusDir, `${name}.txt`), `${title}\n\n${body}\n`);
}

async function core(): Promise<Core> {
  const c = await buildCore({ dbPath, corpusDir, clock, analysisWorkerUrl: SLOW_WORKER, analysisBudgetMs: 1500, analysisWorkers: 1 });
  open.push(c);
  return c;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-backlog-'));
  corpusDir = join(dir, 'corpus');
  dbPath = join(dir, 'nd.db');
  mkdirSync(corpusDir);
  article('a', 'Ferry link restored', 'The ferry between Lindholm and Skarsvik sailed again on Tuesday.');
  article('b', 'Mill closure hits Dunmore', 'LOOP The last textile mill in Dunmore will close in March.');
  article('c', 'School roof repaired', 'Pupils in Eastbrook returned to class after repairs.');
});

afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an article that stalls analysis', () => {
  it('is stored as failed (too slow), skipped by answers and listed, while the others are answerable', async () => {
    const c = await core();
    expect(c.corpus.size()).toBe(2);
    expect(c.corpus.failures()).toEqual([
      expect.objectContaining({ title: 'Mill closure hits Dunmore', reason: 'too_slow', persisted: true, message: expect.stringMatching(/longer than 1\.5 s/) }),
    ]);
    expect(c.corpus.status()).toEqual({ ready: true, articles: 3, analysed: 2, pending: 0, failed: 1 });
    expect((await c.corpus.search('Dunmore'))).toEqual([]);
    expect((await c.corpus.search('Lindholm')).map((h) => h.article.title)).toEqual(['Ferry link restored']);
  }, 60_000);

  it('is not retried on the next start (same analysis version and content), but is after an edit', async () => {
    const first = await core();
    const failedAt = first.corpus.failures()[0].failedAt;
    await first.close();
    clock.advance(60_000);
    const second = await core();
    expect(second.corpus.failures().map((f) => f.failedAt)).toEqual([failedAt]);
    await second.ingest([corpusDir]);
    article('b', 'Mill closure hits Dunmore', 'The last textile mill in Dunmore will close in March, the owner said.');
    await second.ingest([corpusDir]);
    expect(second.corpus.failures()).toEqual([]);
    expect((await second.corpus.search('Dunmore')).map((h) => h.article.title)).toEqual(['Mill closure hits Dunmore']);
  }, 60_000);
});

describe('the corpus over an analysis backlog', () => {
  function corpusOn(store: SqliteArticleStore, db: ReturnType<typeof openDatabase>, analyze: (a: { text: string }) => ArticleAnalysis, version: number, analyzer?: ArticleAnalyzer) {
    return new Corpus({ repository: new SqliteArticleRepository(db), search: new SqliteTextSearch(db), clock, analyzer: analyzer ?? inProcessAnalyzer(analyze), version });
  }
  const ok = (a: { text: string }): ArticleAnalysis => ({ entities: [], quotes: [], summary: [a.text.split('\n')[0]] });

  it('a failure is retried after an analysis upgrade (new version)', async () => {
    const db = openDatabase(dbPath);
    const store = new SqliteArticleStore(db);
    await ingestPaths([corpusDir], store, clock);
    const v1 = corpusOn(store, db, (a) => {
      if (a.text.includes('LOOP')) throw new Error('no good');
      return ok(a);
    }, 1);
    expect(await v1.refresh()).toEqual({ articles: 2, analysed: 2, failed: 1 });
    expect(v1.failures()[0]).toMatchObject({ reason: 'error', message: 'no good' });
    const v1again = corpusOn(store, db, () => {
      throw new Error('must not be called: everything is cached for version 1');
    }, 1);
    expect(await v1again.refresh()).toEqual({ articles: 2, analysed: 0, failed: 1 });
    const v2 = corpusOn(store, db, ok, 2);
    expect(await v2.refresh()).toEqual({ articles: 3, analysed: 3, failed: 0 });
    store.close();
  });

  it('the same error on several articles is systemic (e.g. a missing model file): not persisted, so a fixed deployment retries them', async () => {
    const db = openDatabase(dbPath);
    const store = new SqliteArticleStore(db);
    await ingestPaths([corpusDir], store, clock);
    const broken = corpusOn(store, db, () => {
      throw new Error("ENOENT: no such file or directory, open 'models/ner.bin.gz'");
    }, 1);
    expect(await broken.refresh()).toEqual({ articles: 0, analysed: 0, failed: 3 });
    expect(broken.failures().map((f) => f.persisted)).toEqual([false, false, false]);
    const fixed = corpusOn(store, db, ok, 1);
    expect(await fixed.refresh()).toEqual({ articles: 3, analysed: 3, failed: 0 });
    store.close();
  });

  it('serves stored analyses at once and the rest as they land', async () => {
    const db = openDatabase(dbPath);
    const store = new SqliteArticleStore(db);
    await ingestPaths([corpusDir], store, clock);
    await corpusOn(store, db, ok, 1).refresh();
    article('d', 'Harbour crane collapses', 'A crane collapsed at Northport harbour on Friday.');
    await ingestPaths([corpusDir], store, clock);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const analyzer = { concurrency: 1, analyze: async (a: { text: string }) => (await gate, { ok: true as const, analysis: ok(a) }), close: async () => undefined };
    const c = corpusOn(store, db, ok, 1, analyzer);
    await c.sync(); // start-up: what is analysed is answerable at once, the new article queued
    const done = c.refresh();
    expect(c.size()).toBe(3);
    expect(c.status()).toMatchObject({ analysed: 3, pending: 1 });
    expect(await c.search('Northport')).toEqual([]);
    release();
    await done;
    expect((await c.search('Northport')).map((h) => h.article.title)).toEqual(['Harbour crane collapses']);
    store.close();
  });
});

describe('a large start-up scan', () => {
  it('loads and analyses every article of a corpus bigger than the one-query threshold', async () => {
    for (let i = 0; i < 150; i++) article(`bulk-${i}`, `Bulk story ${i}`, `Story ${i} happened in Town${i}.`);
    const c = await buildCore({ dbPath, corpusDir, clock, analyze: (a) => ({ entities: [], quotes: [], summary: [a.title] }) });
    open.push(c);
    expect(c.corpus.status()).toMatchObject({ articles: 153, analysed: 153, pending: 0, failed: 0 });
    expect((await c.corpus.search('Town149')).map((h) => h.article.title)).toEqual(['Bulk story 149']);
    await c.close();
    const again = await buildCore({ dbPath, corpusDir, clock, analyze: () => {
      throw new Error('everything is cached');
    } });
    open.push(again);
    expect(again.corpus.status()).toMatchObject({ articles: 153, analysed: 153, failed: 0 });
  });
});

describe('retention', () => {
  it('prunes old articles with their analyses and search rows; re-ingesting the same file does not bring them back', async () => {
    writeFileSync(join(corpusDir, 'old.txt'), 'Title: Bridge opens in Oldtown\nDate: 2023-01-02\n\nThe Oldtown bridge opened to traffic.\n');
    const c = await buildCore({ dbPath, corpusDir, clock, analyze: (a) => ({ entities: [], quotes: [], summary: [a.title] }), retentionDays: 180 });
    open.push(c);
    expect((await c.corpus.search('Oldtown'))).toEqual([]);
    expect(c.corpus.size()).toBe(3);
    await c.ingest([corpusDir]);
    expect((await c.corpus.search('Oldtown'))).toEqual([]);
    expect(c.store.listCurrent().map((a) => a.title)).not.toContain('Bridge opens in Oldtown');
  });

  it('keeps digest history: runs that sent a pruned article still list it, so it is never sent again', async () => {
    const c = await buildCore({ dbPath, corpusDir, clock, analyze: (a) => ({ entities: [], quotes: [], summary: [a.title] }), retentionDays: 180 });
    open.push(c);
    const ferry = (await c.corpus.search('Lindholm'))[0].article.id;
    const run = (await c.ledger.claim('slack:T1:C1', '2024-03-01T09:00', 'scheduled', clock.now()))!;
    await c.ledger.finish(run, { status: 'sent', articleIds: [ferry], storyCount: 1 }, clock.now());
    clock.advance(400 * 24 * 3600 * 1000);
    expect(await c.prune()).toBe(3);
    expect(await c.ledger.sentArticleIds('slack:T1:C1')).toEqual(new Set([ferry]));
    expect(await c.ledger.last('slack:T1:C1')).toMatchObject({ status: 'sent', articleIds: [ferry] });
    clock.set('2024-03-01T09:00:00Z');
  });
});
