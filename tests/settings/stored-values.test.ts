import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteSettingsStore } from '../../src/store/sqlite-settings-store.js';
import { openDatabase } from '../../src/store/sqlite-article-store.js';

/** Rows written by hand or by an older version, read back through the real store on a real SQLite file. */
const NOW = new Date('2026-03-02T12:00:00Z');
const A = 'slack:T0001:C0001';
let dir: string;
let db: Database.Database;
let store: SqliteSettingsStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-stored-'));
  db = openDatabase(join(dir, 'db.sqlite'));
  store = new SqliteSettingsStore(db, { timezone: 'UTC', maxStories: 5 });
  await store.update(A, { topics: ['colombia'], schedule: 'weekdays 09:00', timezone: 'America/Bogota', maxStories: 7 }, 'chat', NOW);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const writeRaw = (settings: string) => db.prepare('UPDATE channel_settings SET settings = ? WHERE address = ?').run(settings, A);

describe('stored settings that no longer validate', () => {
  it('one bad field falls back to its default and is reported; the other fields survive', async () => {
    writeRaw(JSON.stringify({ topics: ['colombia'], schedule: 'weekdays 09:00', timezone: 'EST', maxStories: 7 }));
    const s = await store.get(A);
    expect(s).toMatchObject({ topics: ['colombia'], schedule: 'weekdays 09:00', maxStories: 7, timezone: 'UTC' });
    expect(s.sources.timezone).toBe('default');
    expect(s.invalidStored).toEqual([{ field: 'timezone', message: expect.stringMatching(/^stored timezone "EST" must be an IANA time zone/) }]);
  });

  it('an unreadable record reads as defaults with one problem, and never throws', async () => {
    writeRaw('{oops');
    expect(await store.list()).toHaveLength(1);
    expect(await store.get(A)).toMatchObject({ topics: [], schedule: null, invalidStored: [{ field: null, message: 'the stored settings are not valid JSON' }] });
  });

  it('the next change drops the invalid value and keeps the valid ones', async () => {
    writeRaw(JSON.stringify({ topics: ['colombia'], schedule: 'every 99 minutes', maxStories: 7 }));
    expect((await store.get(A)).invalidStored.map((p) => p.field)).toEqual(['schedule']);
    const s = await store.update(A, { maxStories: 3 }, 'chat', NOW);
    expect(s).toMatchObject({ topics: ['colombia'], schedule: null, maxStories: 3, invalidStored: [] });
  });
});
