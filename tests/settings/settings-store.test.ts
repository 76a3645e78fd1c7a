import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isNewsdeskError } from '../../src/core/errors.js';
import { loadChannelsFile, seedChannels } from '../../src/settings/seed-channels.js';
import { SqliteSettingsStore } from '../../src/store/sqlite-settings-store.js';
import { openDatabase } from '../../src/store/sqlite-article-store.js';

const NOW = new Date('2026-03-02T12:00:00Z');
const A = 'slack:T0001:C0001';
let dir: string;
let db: Database.Database;
let store: SqliteSettingsStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-settings-'));
  db = openDatabase(join(dir, 'db.sqlite'));
  store = new SqliteSettingsStore(db, { timezone: 'UTC', maxStories: 5 });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeYaml(text: string): string {
  const p = join(dir, 'channels.yaml');
  writeFileSync(p, text);
  return p;
}

const EXAMPLE = `channels:
  - address: slack:T0001:C0001        # or discord:<guild>:<channel>
    topics: [colombia, venezuela]
    schedule: "weekdays 09:00"        # or any 5-field cron expression, e.g. "*/5 * * * *"
    timezone: America/Bogota
    maxStories: 5
    postWhenEmpty: false
  - address: discord:111:222
    topics: [human rights]
    schedule: "*/5 * * * *"
`;

describe('settings store', () => {
  it('returns defaults for a channel nobody configured', async () => {
    const s = await store.get(A);
    expect(s).toMatchObject({ topics: [], schedule: null, timezone: 'UTC', maxStories: 5, postWhenEmpty: false, enabled: true, paused: null });
    expect(s.sources.topics).toBe('default');
  });

  it('persists patches with provenance and notifies listeners', async () => {
    const seen = vi.fn();
    store.subscribe(seen);
    await store.update(A, { topics: ['colombia'], timezone: 'Europe/Madrid' }, 'chat', NOW);
    const again = await new SqliteSettingsStore(db, { timezone: 'UTC', maxStories: 5 }).get(A);
    expect(again.topics).toEqual(['colombia']);
    expect(again.timezone).toBe('Europe/Madrid');
    expect(again.sources).toMatchObject({ topics: 'chat', timezone: 'chat', schedule: 'default' });
    expect(seen).toHaveBeenCalledWith(A);
  });

  it('validates with the shared schema', async () => {
    await expect(store.update(A, { timezone: 'Nowhere/Special' }, 'chat', NOW)).rejects.toThrow(/IANA/);
    await expect(store.update(A, { schedule: 'sometimes' }, 'chat', NOW)).rejects.toThrow(/schedule/);
    await expect(store.update(A, { maxStories: 0 }, 'chat', NOW)).rejects.toThrow();
    expect((await store.get(A)).sources.timezone).toBe('default');
  });

  it('records and clears a pause', async () => {
    await store.setPaused(A, 'channel_gone: channel_not_found', NOW);
    expect((await store.get(A)).paused?.reason).toMatch(/channel_gone/);
    await store.setPaused(A, null, NOW);
    expect((await store.get(A)).paused).toBeNull();
  });
});

describe('channels file seeding', () => {
  it('loads the documented shape and seeds it with file provenance', async () => {
    const entries = loadChannelsFile(writeYaml(EXAMPLE));
    expect(entries).toHaveLength(2);
    const report = await seedChannels(store, entries, NOW);
    expect(report.channels).toBe(2);
    const s = await store.get(A);
    expect(s).toMatchObject({ topics: ['colombia', 'venezuela'], schedule: 'weekdays 09:00', timezone: 'America/Bogota', maxStories: 5, postWhenEmpty: false });
    expect(s.sources.topics).toBe('file');
    expect((await store.get('discord:111:222')).schedule).toBe('*/5 * * * *');
  });

  it('lets chat edits win over the file on the next start, and says where each value came from', async () => {
    const file = writeYaml(EXAMPLE);
    await seedChannels(store, loadChannelsFile(file), NOW);
    await store.update(A, { topics: ['ecuador'] }, 'chat', NOW);
    writeYaml(EXAMPLE.replace('timezone: America/Bogota', 'timezone: America/Lima'));
    const report = await seedChannels(store, loadChannelsFile(file), NOW);
    const s = await store.get(A);
    expect(s.topics).toEqual(['ecuador']);
    expect(s.sources.topics).toBe('chat');
    expect(s.timezone).toBe('America/Lima');
    expect(s.sources.timezone).toBe('file');
    expect(report.keptFromChat).toBe(1);
  });

  it('refuses an invalid file with a readable message', async () => {
    const bad = writeYaml('channels:\n  - address: slack:T1:C1\n    timezone: Moon/Base\n    schedule: "whenever"\n');
    try {
      loadChannelsFile(bad);
      expect.unreachable();
    } catch (e) {
      expect(isNewsdeskError(e) && e.code).toBe('config_invalid');
      expect((e as Error).message).toMatch(/channels\.0\.timezone/);
      expect((e as Error).message).toMatch(/channels\.0\.schedule/);
    }
    expect(() => loadChannelsFile(writeYaml('channels:\n  - address: irc:#news\n'))).toThrow(/address/);
    expect(() => loadChannelsFile(writeYaml('channels:\n  - address: slack:T1:C1\n    colour: blue\n'))).toThrow();
  });

  it('treats a missing or fully commented file as no channels', async () => {
    expect(loadChannelsFile(join(dir, 'absent.yaml'))).toEqual([]);
    expect(loadChannelsFile(writeYaml('# channels:\n#   - address: slack:T1:C1\n'))).toEqual([]);
  });
});
