import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { textHashOf } from '../../src/store/article-rows.js';
import { openArticleStorage } from '../../src/store/open-article-storage.js';
import { ChangeListener } from '../../src/store/postgres/pg-change-listener.js';
import type { NotificationSource } from '../../src/store/postgres/pg-notifications.js';

const url = process.env.NEWSDESK_TEST_DATABASE_URL;
const NOW = new Date('2026-03-02T12:00:00Z');
const input = (source: string, text: string) => ({
  source, origin: 'file' as const, title: 'Ferry link restored', titleDerived: false, url: null, publishedAt: null, publisher: null,
  byline: [], credits: [], text, offsetsInto: 'text' as const, offsets: [], contentHash: textHashOf(`t${text}`), textHash: textHashOf(text),
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-storage-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openArticleStorage', () => {
  it('opens SQLite without a database URL: the file is shared by a second opener, and close closes it', async () => {
    const a = await openArticleStorage({ dbPath: join(dir, 'db', 'nd.db') });
    const b = await openArticleStorage({ dbPath: join(dir, 'db', 'nd.db') });
    expect(a.engine).toBe('sqlite');
    expect(a.sqlite?.open).toBe(true);
    const { id } = await a.repository.upsert(input('/c/f.txt', 'The ferry to Skarsvik sailed.'), NOW);
    expect((await b.search.search('skarsvik', 5)).map((h) => h.articleId)).toEqual([id]);
    await a.close();
    await b.close();
    expect(a.sqlite?.open).toBe(false);
  });

  it.runIf(!!url)('opens PostgreSQL when a database URL is given (migrated, searchable, closable)', async () => {
    // A schema of its own, so the test never touches what other suites keep on the same server.
    const schema = `storage_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const scoped = new URL(url!);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    const a = await openArticleStorage({ dbPath: join(dir, 'unused.db'), databaseUrl: scoped.toString() });
    try {
      expect(a.engine).toBe('postgres');
      const source = `/storage-test/${Date.now()}-${Math.random()}.txt`;
      const { id, outcome } = await a.repository.upsert(input(source, `Lindholm harbour ${source}`), NOW);
      expect(outcome).toBe('added');
      expect((await a.search.search('lindholm harbour', 50)).map((h) => h.articleId)).toContain(id);
      expect((await admin.query(`SELECT count(*)::int AS n FROM ${schema}.articles`)).rows[0].n).toBe(1);
    } finally {
      await a.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });
});

describe('ChangeListener (LISTEN that survives its connection)', () => {
  it('reconnects after the connection is lost and tells the listener once it is back', async () => {
    vi.useFakeTimers();
    try {
      const errors: ((e: Error) => void)[] = [];
      let attempts = 0;
      const source: NotificationSource = {
        listen: async (_channel, _onNotify, onError) => {
          attempts++;
          if (attempts === 2) throw new Error('server restarting');
          errors.push(onError);
          return async () => undefined;
        },
      };
      const listener = vi.fn();
      const l = new ChangeListener(source, 'ch', listener);
      l.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(attempts).toBe(1);
      errors[0](new Error('connection lost'));
      await vi.advanceTimersByTimeAsync(500); // first retry fails
      expect(attempts).toBe(2);
      expect(listener).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1000); // second retry connects
      expect(attempts).toBe(3);
      expect(listener).toHaveBeenCalledTimes(1);
      l.stop();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(attempts).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
