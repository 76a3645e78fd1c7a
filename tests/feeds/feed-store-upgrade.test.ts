import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/sqlite-article-store.js';
import { SqliteFeedStore } from '../../src/store/sqlite-feed-store.js';

describe('SqliteFeedStore on a database from before leases', () => {
  it('adds the lease columns, keeps the feeds and their state, and leases them', async () => {
    const db = openDatabase(':memory:');
    try {
      // The version-1 schema as an earlier release created it.
      db.exec(`CREATE TABLE feed_schema (version INTEGER NOT NULL); INSERT INTO feed_schema VALUES (1);
        CREATE TABLE feeds (url TEXT PRIMARY KEY, every_ms INTEGER NOT NULL, origin TEXT NOT NULL, added_at TEXT NOT NULL, removed INTEGER NOT NULL DEFAULT 0,
          etag TEXT, last_modified TEXT, last_attempt_at TEXT, last_success_at TEXT, failures INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT, last_error TEXT,
          disabled_reason TEXT, disabled_at TEXT, disabled_notice_sent INTEGER NOT NULL DEFAULT 0, items_seen INTEGER NOT NULL DEFAULT 0);
        INSERT INTO feeds (url, every_ms, origin, added_at, etag, items_seen) VALUES ('https://a.example/rss', 600000, 'file', '2026-01-01T00:00:00.000Z', '"e1"', 7);`);
      const store = new SqliteFeedStore(db);
      expect(await store.get('https://a.example/rss')).toMatchObject({ etag: '"e1"', itemsSeen: 7, leaseOwner: null, leaseUntil: null });
      expect(db.prepare('SELECT version FROM feed_schema').all()).toEqual([{ version: 2 }]);
      const now = new Date('2026-03-01T00:00:00Z');
      expect(await store.tryLease('https://a.example/rss', 'proc-a', new Date(now.getTime() + 60_000), now)).toBe(true);
      // Opening it again (a restart, or a second process) changes nothing.
      expect(await new SqliteFeedStore(db).get('https://a.example/rss')).toMatchObject({ leaseOwner: 'proc-a', itemsSeen: 7 });
    } finally {
      db.close();
    }
  });
});
