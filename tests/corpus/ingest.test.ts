import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { binaryReason, ingestPaths, listArticleFiles, readArticleFile, readLimited } from '../../src/corpus/ingest.js';
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

  it('refuses devices without reading them: /dev/zero never ends, /dev/null is not an article', async () => {
    for (const dev of ['/dev/zero', '/dev/null'].filter((d) => existsSync(d))) {
      const r = await ingestPaths([dev], store, clock);
      expect(r.failed).toEqual([{ source: dev, message: expect.stringMatching(/not a regular file/) }]);
    }
  });

  it('refuses a FIFO named like an article instead of blocking on it', async () => {
    const fifo = join(corpus, 'pipe.txt');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo on this system: nothing to test
    }
    const r = await ingestPaths([fifo], store, clock);
    expect(r.failed[0].message).toMatch(/not a regular file/);
  });

  it('stops reading at the size limit (one byte past it tells an oversized file apart)', async () => {
    writeFileSync(join(corpus, 'big.txt'), 'word '.repeat(1000));
    await expect(readLimited(join(corpus, 'big.txt'), 100)).rejects.toThrow(/over/);
    expect((await readLimited(join(corpus, 'big.txt'), 5000)).length).toBe(5000);
    await expect(readArticleFile(join(corpus, 'big.txt'), 4999)).rejects.toThrow(/MB/);
  });

  it('refuses binary content in a .txt with a reason: NUL bytes, invalid UTF-8, control characters', async () => {
    const bytes = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256));
    writeFileSync(join(corpus, 'random.txt'), bytes);
    writeFileSync(join(corpus, 'latin1.txt'), Buffer.from('Caf\xe9 '.repeat(200), 'latin1'));
    writeFileSync(join(corpus, 'controls.txt'), 'Text\x01\x02\x03\x04\x05\x06 more text \x07\x08\x0b\x0e\x0f here.');
    const r = await ingestPaths([corpus], store, clock);
    const reason = (name: string) => r.failed.find((f) => f.source.endsWith(name))?.message;
    expect(reason('random.txt')).toMatch(/NUL/);
    expect(reason('latin1.txt')).toMatch(/UTF-8/);
    expect(reason('controls.txt')).toMatch(/control characters/);
    expect(r.added).toHaveLength(2);
  });

  it('accepts text with a stray bad byte, a literal U+FFFD, tabs, CRLF and a few escape codes', () => {
    const text = 'Caf\uFFFD au lait.\r\n\tIndented \x1b[1mbold\x1b[0m words in a long enough article body.\n';
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xe9])]);
    expect(binaryReason(bytes, bytes.toString('utf8'))).toBeNull();
  });
});
