import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { openArticleStorage, type ArticleStorage } from '../../src/store/open-article-storage.js';

const clock = fixedClock('2024-03-01T09:00:00Z');
let dir: string;
let storage: ArticleStorage;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-ingest-repo-'));
  mkdirSync(join(dir, 'corpus'));
  storage = await openArticleStorage({ dbPath: join(dir, 'nd.db') });
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ingest through the ArticleRepository (batched)', () => {
  it('stores a folder larger than one batch, reports bad files, and follows removals on the next run', async () => {
    for (let i = 0; i < 450; i++) {
      writeFileSync(join(dir, 'corpus', `s${String(i).padStart(3, '0')}.txt`), `Story ${i} of the harbour\n\nThe harbour at Port ${i} reopened on day ${i} after repairs.\n`);
    }
    writeFileSync(join(dir, 'corpus', 'empty.txt'), '   \n');
    writeFileSync(join(dir, 'corpus', 's000-reprint.txt'), 'Story 0 of the harbour\n\nThe harbour at Port 0 reopened on day 0 after repairs.\n');
    const first = await ingestPaths([join(dir, 'corpus')], storage.repository, clock);
    expect(first.added).toHaveLength(450);
    // Files go in sorted order: the reprint's name sorts first, so the later file is the duplicate.
    expect(first.duplicates).toEqual([join(dir, 'corpus', 's000.txt')]);
    expect(first.failed.map((f) => f.source)).toEqual([join(dir, 'corpus', 'empty.txt')]);
    expect(first.added[0]).toBe(join(dir, 'corpus', 's000-reprint.txt'));
    expect((await storage.search.search('port 449', 5)).length).toBe(1);

    unlinkSync(join(dir, 'corpus', 's001.txt'));
    const second = await ingestPaths([join(dir, 'corpus')], storage.repository, clock);
    expect(second.added).toEqual([]);
    expect(second.unchanged).toHaveLength(450);
    expect(second.removed).toHaveLength(1);
    expect((await storage.repository.currentHeads()).length).toBe(449);
  });
});
