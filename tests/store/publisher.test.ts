import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, SqliteArticleStore, textHashOf } from '../../src/store/sqlite-article-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-publisher-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const text = 'The ferry between Lindholm and Skarsvik sailed again on Tuesday after repairs.';
const base = {
  source: '/corpus/ferry.txt', origin: 'file' as const, title: 'Ferry link restored', titleDerived: false, url: null,
  publishedAt: '2024-02-27T00:00:00.000Z', byline: [], credits: [], text, offsetsInto: 'input' as const, offsets: [],
  contentHash: 'h1', textHash: textHashOf(text),
};
const now = new Date('2024-03-01T09:00:00Z');

describe('publisher and parse version', () => {
  it('stores the publisher and reads it back after a restart', () => {
    const path = join(dir, 'n.db');
    const store = new SqliteArticleStore(openDatabase(path));
    const { id } = store.upsert({ ...base, publisher: 'Nordic Wire' }, now);
    store.close();
    const again = new SqliteArticleStore(openDatabase(path));
    expect(again.get(id)?.publisher).toBe('Nordic Wire');
    again.close();
  });

  it('parses again a row stored by an older parser, even when the input bytes are the same', () => {
    const path = join(dir, 'old.db');
    const db = openDatabase(path);
    const store = new SqliteArticleStore(db);
    const { id } = store.upsert({ ...base, publisher: null }, now);
    // What a row written before metadata extraction looks like.
    db.prepare('UPDATE articles SET parse_version = 0 WHERE id = ?').run(id);
    expect(store.upsert({ ...base, publisher: 'Nordic Wire' }, now).outcome).toBe('updated');
    expect(store.get(id)?.publisher).toBe('Nordic Wire');
    // Parsed by this version: the same bytes are unchanged again.
    expect(store.upsert({ ...base, publisher: 'Nordic Wire' }, now).outcome).toBe('unchanged');
    store.close();
  });
});
