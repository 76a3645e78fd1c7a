import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import { buildCore, type Core } from '../../src/app/build-core.js';
import { fixedClock } from '../../src/core/clock.js';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { openDatabase, SqliteArticleStore } from '../../src/store/sqlite-article-store.js';

/**
 * The live corpus inside one test process: a second connection to the same
 * SQLite file plays the other process (`newsdesk ingest`), the core under
 * test notices through the change counter and analyses only what changed.
 */
const clock = fixedClock('2024-03-01T09:00:00Z');
let dir: string;
let core: Core;
let other: SqliteArticleStore;
const analysed: string[] = [];
const analyze = (a: { title: string; text: string }): ArticleAnalysis => {
  analysed.push(a.title);
  return { entities: [], quotes: [], summary: [a.text.split('.')[0]] };
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-live-'));
  mkdirSync(join(dir, 'corpus'));
  mkdirSync(join(dir, 'inbox'));
  writeFileSync(join(dir, 'corpus', 'ferry.txt'), 'Ferry link restored\n\nThe ferry to Skarsvik sailed again on Tuesday.\n');
  analysed.length = 0;
  core = await buildCore({ dbPath: join(dir, 'nd.db'), corpusDir: join(dir, 'corpus'), clock, analyze, watchMs: 50 });
  other = new SqliteArticleStore(openDatabase(join(dir, 'nd.db')));
});

afterEach(async () => {
  other.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within 10 s: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const titles = async (topic: string) => (await core.corpus.search(topic)).map((h) => h.article.title);

describe('live corpus', () => {
  it('picks up an article another connection stores, analysing only that one', async () => {
    expect(analysed).toEqual(['Ferry link restored']);
    writeFileSync(join(dir, 'inbox', 'crane.txt'), 'Harbour crane collapses\n\nA crane collapsed at Northport harbour on Friday.\n');
    await ingestPaths([join(dir, 'inbox', 'crane.txt')], other, clock);
    await eventually(async () => (await titles('Northport')).length > 0, 'the new article answerable');
    expect(await titles('Northport')).toEqual(['Harbour crane collapses']);
    expect(analysed).toEqual(['Ferry link restored', 'Harbour crane collapses']);
  });

  it('follows edits and removals made by another connection', async () => {
    writeFileSync(join(dir, 'corpus', 'ferry.txt'), 'Ferry link restored\n\nThe ferry to Skarsvik and Lindholm sailed again on Tuesday.\n');
    await ingestPaths([join(dir, 'corpus')], other, clock);
    // The store's text index follows the edit at once; the answer is the edited version once it is analysed.
    await eventually(async () => analysed.length === 2 && (await titles('Lindholm')).length > 0, 'the edited text analysed and answerable');
    expect(analysed).toEqual(['Ferry link restored', 'Ferry link restored']);
    rmSync(join(dir, 'corpus', 'ferry.txt'));
    await ingestPaths([join(dir, 'corpus')], other, clock);
    await eventually(() => core.corpus.size() === 0, 'the removed article gone');
    expect(await titles('Skarsvik')).toEqual([]);
  });

  it('refreshChanged() is the seam for writers in the same process: it returns at once and the article follows', async () => {
    writeFileSync(join(dir, 'inbox', 'school.txt'), 'School roof repaired\n\nPupils in Eastbrook returned to class.\n');
    await ingestPaths([join(dir, 'inbox', 'school.txt')], core.store, clock);
    core.corpus.refreshChanged();
    await eventually(async () => (await titles('Eastbrook')).length > 0, 'the article answerable');
    expect(core.corpus.status()).toMatchObject({ articles: 2, analysed: 2 });
  });
});
