import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import { buildCore } from '../../src/app/build-core.js';
import { fixedClock } from '../../src/core/clock.js';

const clock = fixedClock('2024-03-01T09:00:00Z');
const analyze = (a: { title: string; text: string }): ArticleAnalysis => ({ entities: [], quotes: [], summary: [a.text.split('.')[0]] });
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Start a core on a fresh SQLite file with one article, close it, and count the index snapshots it left. */
async function snapshotsLeft(indexSnapshots?: boolean): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-snap-switch-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'corpus'));
  writeFileSync(join(dir, 'corpus', 'ferry.txt'), 'Ferry link restored\n\nThe ferry to Skarsvik sailed again on Tuesday.\n');
  const core = await buildCore({ dbPath: join(dir, 'nd.db'), corpusDir: join(dir, 'corpus'), clock, analyze, ...(indexSnapshots === undefined ? {} : { indexSnapshots }) });
  expect(core.corpus.size()).toBe(1);
  await core.close();
  const db = new Database(join(dir, 'nd.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM index_snapshots').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('buildCore: the index snapshot switch (NEWSDESK_INDEX_SNAPSHOTS)', () => {
  it('saves the built index at close by default, and never when switched off', async () => {
    expect(await snapshotsLeft()).toBe(1);
    expect(await snapshotsLeft(false)).toBe(0);
  });
});
