import { existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import { buildCore } from '../../src/app/build-core.js';
import { fixedClock } from '../../src/core/clock.js';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import { openDatabase, SqliteArticleStore } from '../../src/store/sqlite-article-store.js';

const STORY_A = 'Mill closure hits Dunmore\n\nThe last textile mill in Dunmore will close in March, owner Rita Hale said on Monday.\n\nAbout 300 workers will lose their jobs.\n';
const STORY_B = 'Ferry link restored\n\nThe ferry between Lindholm and Skarsvik sailed again on Tuesday after repairs, operator Nordlink said.\n';
const STORY_C = 'School roof repaired\n\nPupils in Eastbrook returned to class after the roof of the primary school was repaired, head teacher Omar Said said.\n';

let dir: string;
let corpus: string;
let dbPath: string;
const clock = fixedClock('2024-03-01T09:00:00Z');

function open() {
  return new SqliteArticleStore(openDatabase(dbPath));
}

/** Minimal analysis so the corpus does not depend on the NLP stages being built in parallel. */
const stubAnalyze = (a: { text: string }): ArticleAnalysis => ({ entities: [], quotes: [], summary: [a.text.split('\n')[0]] });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-store-'));
  corpus = join(dir, 'corpus');
  dbPath = join(dir, 'db', 'newsdesk.db');
  mkdirSync(corpus);
  writeFileSync(join(corpus, 'a-mill.txt'), STORY_A);
  writeFileSync(join(corpus, 'b-ferry.txt'), STORY_B);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite article store with ingest', () => {
  it('creates the database file and ingests the folder', async () => {
    const store = open();
    const r = await ingestPaths([corpus], store, clock);
    expect(r.added).toHaveLength(2);
    expect(r.failed).toEqual([]);
    const list = store.listCurrent();
    expect(list.map((a) => a.title).sort()).toEqual(['Ferry link restored', 'Mill closure hits Dunmore']);
    expect(list.every((a) => a.status === 'current' && a.origin === 'file')).toBe(true);
    store.close();
    expect(existsSync(dbPath)).toBe(true);
  });

  it('re-ingesting the same folder is idempotent: unchanged count, same ids', async () => {
    const store = open();
    await ingestPaths([corpus], store, clock);
    const ids = store.listCurrent().map((a) => a.id).sort();
    clock.advance(60_000);
    const again = await ingestPaths([corpus], store, clock);
    expect(again.added).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.removed).toEqual([]);
    expect(again.unchanged).toHaveLength(2);
    expect(store.listCurrent().map((a) => a.id).sort()).toEqual(ids);
    store.close();
  });

  it('an edited file updates its article: new text, same id', async () => {
    const store = open();
    await ingestPaths([corpus], store, clock);
    const before = store.listCurrent().find((a) => a.title === 'Mill closure hits Dunmore')!;
    writeFileSync(join(corpus, 'a-mill.txt'), STORY_A.replace('300 workers', '350 workers'));
    const r = await ingestPaths([corpus], store, clock);
    expect(r.updated).toEqual([before.source]);
    const after = store.get(before.id)!;
    expect(after.id).toBe(before.id);
    expect(after.text).toContain('350 workers');
    expect(after.text).not.toContain('300 workers');
    expect(after.contentHash).not.toBe(before.contentHash);
    expect(store.listCurrent()).toHaveLength(2);
    store.close();
  });

  it('a deleted file becomes removed and leaves listCurrent; restoring it brings it back with the same id', async () => {
    const store = open();
    await ingestPaths([corpus], store, clock);
    const ferry = store.listCurrent().find((a) => a.title === 'Ferry link restored')!;
    unlinkSync(join(corpus, 'b-ferry.txt'));
    const r1 = await ingestPaths([corpus], store, clock);
    expect(r1.removed).toEqual([ferry.id]);
    expect(store.get(ferry.id)!.status).toBe('removed');
    expect(store.listCurrent().map((a) => a.id)).not.toContain(ferry.id);

    writeFileSync(join(corpus, 'b-ferry.txt'), STORY_B);
    const r2 = await ingestPaths([corpus], store, clock);
    expect(r2.added).toEqual([ferry.source]);
    expect(store.get(ferry.id)!.status).toBe('current');
    expect(store.listCurrent().map((a) => a.id)).toContain(ferry.id);
    store.close();
  });

  it('two files with the same story text are one article plus a duplicate', async () => {
    writeFileSync(join(corpus, 'c-mill-reprint.txt'), STORY_A.replace('\n\nAbout', '\n\n   About'));
    const store = open();
    const r = await ingestPaths([corpus], store, clock);
    expect(r.added).toHaveLength(2);
    expect(r.duplicates).toEqual([join(corpus, 'c-mill-reprint.txt')]);
    const current = store.listCurrent();
    expect(current).toHaveLength(2);
    const mill = current.find((a) => a.title === 'Mill closure hits Dunmore')!;
    const dups = store.duplicatesOf(mill.id);
    expect(dups.map((d) => d.source)).toEqual([join(corpus, 'c-mill-reprint.txt')]);
    expect(dups[0].status).toBe('duplicate');
    expect(dups[0].duplicateOf).toBe(mill.id);
    store.close();
  });

  it('the corpus lists the reprint as alsoReportedBy', async () => {
    writeFileSync(join(corpus, 'c-mill-reprint.txt'), STORY_A);
    const core = await buildCore({ dbPath, corpusDir: corpus, clock, analyze: stubAnalyze });
    try {
      expect(core.corpus.size()).toBe(2);
      const [mill] = await core.corpus.load([core.corpus.articles().find((a) => a.title === 'Mill closure hits Dunmore')!.id]);
      expect(mill.alsoReportedBy.map((x) => x.source)).toEqual([join(corpus, 'c-mill-reprint.txt')]);
    } finally {
      await core.close();
    }
  });

  it('when the original disappears, the reprint becomes the current copy', async () => {
    writeFileSync(join(corpus, 'c-mill-reprint.txt'), STORY_A);
    const store = open();
    await ingestPaths([corpus], store, clock);
    unlinkSync(join(corpus, 'a-mill.txt'));
    await ingestPaths([corpus], store, clock);
    const titles = store.listCurrent().map((a) => a.source).sort();
    expect(titles).toEqual([join(corpus, 'b-ferry.txt'), join(corpus, 'c-mill-reprint.txt')]);
    store.close();
  });

  // Regression: a reprint's own file is "unchanged" when only its original was edited
  // into another story; it must still leave duplicate status, or its story vanishes
  // from listCurrent while the edited original lists it under duplicatesOf.
  it('a reprint whose original was rewritten into another story becomes current again', async () => {
    writeFileSync(join(corpus, 'c-mill-reprint.txt'), STORY_A);
    const store = open();
    await ingestPaths([corpus], store, clock);
    writeFileSync(join(corpus, 'a-mill.txt'), STORY_C);
    await ingestPaths([corpus], store, clock);
    const current = store.listCurrent();
    expect(current.map((a) => a.source).sort()).toEqual([join(corpus, 'a-mill.txt'), join(corpus, 'b-ferry.txt'), join(corpus, 'c-mill-reprint.txt')]);
    const original = current.find((a) => a.source === join(corpus, 'a-mill.txt'))!;
    expect(original.text).toContain('Eastbrook');
    expect(store.duplicatesOf(original.id)).toEqual([]);
    store.close();
  });

  it('survives close and reopen: data and analyses are still there, migrations are not re-applied', async () => {
    const store = open();
    await ingestPaths([corpus], store, clock);
    const ids = store.listCurrent().map((a) => a.id).sort();
    const a = store.get(ids[0])!;
    const analysis: ArticleAnalysis = { entities: [], quotes: [], summary: ['First sentence.'] };
    store.saveAnalysis(a.id, 7, a.contentHash, analysis, clock.now());
    store.close();

    const db = openDatabase(dbPath);
    expect(migrate(db)).toEqual([]);
    const versions = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version).sort((x, y) => x - y));
    const reopened = new SqliteArticleStore(db);
    expect(reopened.listCurrent().map((x) => x.id).sort()).toEqual(ids);
    expect(reopened.get(a.id)!.text).toBe(a.text);
    expect(reopened.get(a.id)!.offsets).toEqual(a.offsets);
    expect(reopened.getAnalysis(a.id, 7, a.contentHash)).toEqual(analysis);
    // A different analysis version or content hash is a cache miss.
    expect(reopened.getAnalysis(a.id, 8, a.contentHash)).toBeUndefined();
    expect(reopened.getAnalysis(a.id, 7, 'other-hash')).toBeUndefined();
    const r = await ingestPaths([corpus], reopened, clock);
    expect(r.unchanged).toHaveLength(2);
    reopened.close();
  });

  it('a fresh database gets every migration exactly once', () => {
    const db = openDatabase(':memory:');
    const n = (db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n;
    expect(n).toBe(MIGRATIONS.length);
    expect(migrate(db)).toEqual([]);
    db.close();
  });
});
