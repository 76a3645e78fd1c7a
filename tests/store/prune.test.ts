import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, SqliteArticleStore, textHashOf } from '../../src/store/sqlite-article-store.js';

let dir: string;
let store: SqliteArticleStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-prune-'));
  store = new SqliteArticleStore(openDatabase(join(dir, 'nd.db')));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function put(source: string, text: string, publishedAt: string | null, now: string) {
  return store.upsert(
    {
      source, origin: 'feed', title: text.slice(0, 20), titleDerived: false, url: null, publishedAt, byline: [], credits: [], text,
      offsetsInto: 'text', offsets: [], contentHash: `${source}:${text}`, textHash: textHashOf(text),
    },
    new Date(now),
  );
}

describe('pruneOlderThan', () => {
  it('prunes more articles than one batch holds, and only those before the cutoff', () => {
    for (let i = 0; i < 1100; i++) put(`https://old.example/${i}`, `Old story ${i}`, '2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z');
    put('https://new.example/1', 'New story', '2024-02-01T00:00:00Z', '2024-02-01T00:00:00Z');
    expect(store.pruneOlderThan(new Date('2023-09-01T00:00:00Z'), new Date('2024-03-01T00:00:00Z'))).toBe(1100);
    expect(store.listCurrent().map((a) => a.title)).toEqual(['New story']);
    expect(store.pruneOlderThan(new Date('2023-09-01T00:00:00Z'), new Date('2024-03-01T00:00:00Z'))).toBe(0);
  });

  it('a recent reprint of a pruned original becomes the current copy', () => {
    const original = put('https://a.example/1', 'Same story text', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');
    const reprint = put('https://b.example/1', 'Same story text', null, '2024-02-01T00:00:00Z');
    expect(reprint.outcome).toBe('duplicate');
    expect(store.pruneOlderThan(new Date('2023-09-01T00:00:00Z'), new Date('2024-03-01T00:00:00Z'))).toBe(1);
    expect(store.get(original.id)).toMatchObject({ status: 'pruned', text: '' });
    expect(store.listCurrent().map((a) => a.id)).toEqual([reprint.id]);
  });

  it('re-storing a pruned article unchanged does not bring it back', () => {
    put('https://a.example/1', 'An old story', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');
    store.pruneOlderThan(new Date('2023-09-01T00:00:00Z'), new Date('2024-03-01T00:00:00Z'));
    expect(put('https://a.example/1', 'An old story', '2020-01-01T00:00:00Z', '2024-03-02T00:00:00Z').outcome).toBe('unchanged');
    expect(store.listCurrent()).toEqual([]);
  });
});
