import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { ingestPaths, listArticleFiles } from '../../src/corpus/ingest.js';
import { MAX_ARTICLE_BYTES } from '../../src/corpus/parse-article.js';
import { openDatabase, SqliteArticleStore } from '../../src/store/sqlite-article-store.js';

let dir: string;
let corpus: string;
let store: SqliteArticleStore;
const clock = fixedClock('2024-05-05T10:00:00Z');

const good = (place: string) => `Flood barrier finished in ${place}\n\nEngineers completed the flood barrier in ${place} on Thursday, the regional council said.\n`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-ingest-'));
  corpus = join(dir, 'corpus');
  mkdirSync(join(corpus, 'nested'), { recursive: true });
  writeFileSync(join(corpus, 'a.txt'), good('Arden'));
  writeFileSync(join(corpus, 'nested', 'b.json'), JSON.stringify({ title: 'Flood barrier finished in Brisk', text: good('Brisk') }));
  store = new SqliteArticleStore(openDatabase(join(dir, 'nd.db')));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ingest', () => {
  it('lists article files recursively, sorted, skipping hidden and non-article files', async () => {
    writeFileSync(join(corpus, '.hidden.txt'), good('Hidden'));
    writeFileSync(join(corpus, 'photo.png'), 'not an article');
    mkdirSync(join(corpus, '.git'));
    writeFileSync(join(corpus, '.git', 'c.txt'), good('Git'));
    const files = await listArticleFiles(corpus);
    expect(files).toEqual([join(corpus, 'a.txt'), join(corpus, 'nested', 'b.json')]);
  });

  it('reports malformed JSON, empty and oversized files in `failed` without stopping the run', async () => {
    writeFileSync(join(corpus, 'broken.json'), '{"title": "Half an object", "text": ');
    writeFileSync(join(corpus, 'empty.txt'), '   \n\n');
    writeFileSync(join(corpus, 'huge.txt'), 'x'.repeat(MAX_ARTICLE_BYTES + 10));
    writeFileSync(join(corpus, 'z-last.txt'), good('Zell'));
    const r = await ingestPaths([corpus], store, clock);
    expect(r.failed.map((f) => f.source).sort()).toEqual([join(corpus, 'broken.json'), join(corpus, 'empty.txt'), join(corpus, 'huge.txt')]);
    for (const f of r.failed) expect(f.message.length).toBeGreaterThan(5);
    expect(r.failed.find((f) => f.source.endsWith('huge.txt'))!.message).toMatch(/MB/);
    expect(r.failed.find((f) => f.source.endsWith('empty.txt'))!.message).toMatch(/empty/);
    expect(r.failed.find((f) => f.source.endsWith('broken.json'))!.message).toMatch(/JSON/);
    // Files before and after the bad ones are all ingested.
    expect(r.added.sort()).toEqual([join(corpus, 'a.txt'), join(corpus, 'nested', 'b.json'), join(corpus, 'z-last.txt')]);
    expect(store.listCurrent()).toHaveLength(3);
  });

  it('a file that breaks later keeps its last good version (it is still on disk)', async () => {
    await ingestPaths([corpus], store, clock);
    writeFileSync(join(corpus, 'nested', 'b.json'), '{ not json');
    const r = await ingestPaths([corpus], store, clock);
    expect(r.failed.map((f) => f.source)).toEqual([join(corpus, 'nested', 'b.json')]);
    expect(r.removed).toEqual([]);
    expect(store.listCurrent().map((a) => a.title).sort()).toEqual(['Flood barrier finished in Arden', 'Flood barrier finished in Brisk']);
  });

  it('a missing path is reported and the other paths are still ingested', async () => {
    const r = await ingestPaths([join(dir, 'nope'), corpus], store, clock);
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0].source).toBe(join(dir, 'nope'));
    expect(r.added).toHaveLength(2);
  });

  it('ingests a single file without marking the rest of its folder removed', async () => {
    await ingestPaths([corpus], store, clock);
    const r = await ingestPaths([join(corpus, 'a.txt')], store, clock);
    expect(r.unchanged).toEqual([join(corpus, 'a.txt')]);
    expect(r.removed).toEqual([]);
    expect(store.listCurrent()).toHaveLength(2);
  });

  it('a removal sweep of one folder does not touch a sibling folder whose name starts the same', async () => {
    const other = join(dir, 'corpus-2');
    mkdirSync(other);
    writeFileSync(join(other, 'c.txt'), good('Corby'));
    await ingestPaths([corpus, other], store, clock);
    // corpus "corpus" is a string prefix of "corpus-2": its removal sweep must not catch corpus-2.
    rmSync(join(corpus, 'a.txt'));
    const r = await ingestPaths([corpus], store, clock);
    expect(r.removed).toHaveLength(1);
    expect(store.listCurrent().map((a) => a.title).sort()).toEqual(['Flood barrier finished in Brisk', 'Flood barrier finished in Corby']);
  });
});
