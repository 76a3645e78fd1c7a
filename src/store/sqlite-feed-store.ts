import type Database from 'better-sqlite3';
import type { FeedOrigin, FeedRecord, FeedStore, PollFailure, PollSuccess, SeedFeed } from './feed-store.js';

export type { FeedOrigin, FeedRecord, FeedStore } from './feed-store.js';

interface FeedRow {
  url: string; every_ms: number; origin: string; added_at: string; etag: string | null; last_modified: string | null;
  last_attempt_at: string | null; last_success_at: string | null; failures: number; next_attempt_at: string | null;
  last_error: string | null; disabled_reason: string | null; disabled_at: string | null; disabled_notice_sent: number; items_seen: number;
  lease_owner: string | null; lease_until: string | null;
}

/** 1: feeds, followers, items; 2: poll leases (lease_owner, lease_until). */
const SCHEMA_VERSION = 2;

/** The feed tables; created here (not in migrations.ts) so the feature owns its schema. */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS feed_schema (version INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS feeds (
    url                  TEXT PRIMARY KEY,
    every_ms             INTEGER NOT NULL,
    origin               TEXT NOT NULL,
    added_at             TEXT NOT NULL,
    removed              INTEGER NOT NULL DEFAULT 0,
    etag                 TEXT,
    last_modified        TEXT,
    last_attempt_at      TEXT,
    last_success_at      TEXT,
    failures             INTEGER NOT NULL DEFAULT 0,
    next_attempt_at      TEXT,
    last_error           TEXT,
    disabled_reason      TEXT,
    disabled_at          TEXT,
    disabled_notice_sent INTEGER NOT NULL DEFAULT 0,
    items_seen           INTEGER NOT NULL DEFAULT 0,
    lease_owner          TEXT,
    lease_until          TEXT
  );
  CREATE TABLE IF NOT EXISTS feed_followers (
    feed_url    TEXT NOT NULL,
    channel_key TEXT NOT NULL,
    PRIMARY KEY (feed_url, channel_key)
  );
  CREATE TABLE IF NOT EXISTS feed_items (
    key            TEXT PRIMARY KEY,
    article_source TEXT NOT NULL,
    feed_url       TEXT NOT NULL,
    partial        INTEGER NOT NULL DEFAULT 0,
    first_seen_at  TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS feed_items_source ON feed_items (article_source);
`;

function fromRow(r: FeedRow): FeedRecord {
  return {
    url: r.url, everyMs: r.every_ms, origin: r.origin as FeedOrigin, addedAt: r.added_at, etag: r.etag, lastModified: r.last_modified,
    lastAttemptAt: r.last_attempt_at, lastSuccessAt: r.last_success_at, failures: r.failures, nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error, disabledReason: r.disabled_reason, disabledAt: r.disabled_at, disabledNoticeSent: !!r.disabled_notice_sent,
    itemsSeen: r.items_seen, leaseOwner: r.lease_owner, leaseUntil: r.lease_until,
  };
}

/**
 * Feed state in SQLite (the embedded default). Survives restarts; several
 * connections to one file (the bot and the CLI) share it safely: every
 * read-modify-write runs in an IMMEDIATE transaction (the write lock first,
 * so two connections never both read and then both write), and a lease is
 * one conditional UPDATE. Times are ISO-8601 text, which sorts as time.
 */
export class SqliteFeedStore implements FeedStore {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    db.transaction(() => {
      const row = db.prepare('SELECT version FROM feed_schema').get() as { version: number } | undefined;
      // A database made before leases existed has the feeds table without their columns.
      const columns = new Set((db.prepare('PRAGMA table_info(feeds)').all() as { name: string }[]).map((c) => c.name));
      if (!columns.has('lease_owner')) db.exec('ALTER TABLE feeds ADD COLUMN lease_owner TEXT');
      if (!columns.has('lease_until')) db.exec('ALTER TABLE feeds ADD COLUMN lease_until TEXT');
      if (!row) db.prepare('INSERT INTO feed_schema (version) VALUES (?)').run(SCHEMA_VERSION);
      else if (row.version < SCHEMA_VERSION) db.prepare('UPDATE feed_schema SET version = ?').run(SCHEMA_VERSION);
    }).immediate();
  }

  async list(): Promise<FeedRecord[]> {
    return (this.db.prepare('SELECT * FROM feeds WHERE removed = 0 ORDER BY added_at, url').all() as FeedRow[]).map(fromRow);
  }

  async get(url: string): Promise<FeedRecord | undefined> {
    return this.getNow(url);
  }

  async add(url: string, everyMs: number, origin: FeedOrigin, now: Date): Promise<FeedRecord> {
    this.addNow(url, everyMs, origin, now);
    return this.getNow(url)!;
  }

  async seedFromFile(feeds: readonly SeedFeed[], now: Date): Promise<void> {
    const existing = this.db.prepare('SELECT url, origin, removed, every_ms FROM feeds WHERE url = ?');
    const listed = new Set(feeds.map((f) => f.url));
    this.db.transaction(() => {
      const fromFile = this.db.prepare("SELECT url FROM feeds WHERE origin = 'file' AND removed = 0").all() as { url: string }[];
      for (const { url } of fromFile) if (!listed.has(url)) this.removeNow(url, 'file');
      for (const f of feeds) {
        const row = existing.get(f.url) as { origin: string; removed: number; every_ms: number } | undefined;
        // A feed the file itself dropped earlier comes back when the file lists it again; one removed in chat does not.
        if (!row || (row.removed && row.origin === 'file')) this.addNow(f.url, f.everyMs, 'file', now);
        else if (row.origin === 'file' && !row.removed && row.every_ms !== f.everyMs) {
          this.db.prepare('UPDATE feeds SET every_ms = ? WHERE url = ?').run(f.everyMs, f.url);
        }
      }
    }).immediate();
  }

  async remove(url: string, origin: FeedOrigin): Promise<boolean> {
    return this.db.transaction(() => this.removeNow(url, origin)).immediate();
  }

  async follow(url: string, channelKey: string): Promise<void> {
    this.db.prepare('INSERT OR IGNORE INTO feed_followers (feed_url, channel_key) VALUES (?, ?)').run(url, channelKey);
  }

  async unfollow(url: string, channelKey: string): Promise<void> {
    this.db.prepare('DELETE FROM feed_followers WHERE feed_url = ? AND channel_key = ?').run(url, channelKey);
  }

  async followers(url: string): Promise<string[]> {
    return (this.db.prepare('SELECT channel_key FROM feed_followers WHERE feed_url = ? ORDER BY channel_key').all(url) as { channel_key: string }[]).map((r) => r.channel_key);
  }

  async allFollowers(): Promise<Map<string, string[]>> {
    const rows = this.db.prepare('SELECT feed_url, channel_key FROM feed_followers ORDER BY feed_url, channel_key').all() as { feed_url: string; channel_key: string }[];
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.feed_url, [...(out.get(r.feed_url) ?? []), r.channel_key]);
    return out;
  }

  async recordSuccess(url: string, s: PollSuccess): Promise<void> {
    this.db
      .prepare(
        `UPDATE feeds SET etag = ?, last_modified = ?, last_attempt_at = ?, last_success_at = ?, failures = 0, last_error = NULL,
           next_attempt_at = ?, items_seen = items_seen + ? WHERE url = ?`,
      )
      .run(s.etag, s.lastModified, s.at.toISOString(), s.at.toISOString(), s.nextAttemptAt.toISOString(), s.newItems, url);
  }

  async recordFailure(url: string, f: PollFailure): Promise<number> {
    const row = this.db
      .prepare('UPDATE feeds SET last_attempt_at = ?, failures = failures + 1, last_error = ?, next_attempt_at = ? WHERE url = ? RETURNING failures')
      .get(f.at.toISOString(), f.error.slice(0, 500), f.nextAttemptAt.toISOString(), url) as { failures: number } | undefined;
    return row?.failures ?? 0;
  }

  async disable(url: string, reason: string, at: Date): Promise<boolean> {
    return this.db.prepare('UPDATE feeds SET disabled_reason = ?, disabled_at = ? WHERE url = ? AND disabled_reason IS NULL').run(reason, at.toISOString(), url).changes > 0;
  }

  async pendingNotices(): Promise<FeedRecord[]> {
    return (this.db.prepare('SELECT * FROM feeds WHERE removed = 0 AND disabled_reason IS NOT NULL AND disabled_notice_sent = 0').all() as FeedRow[]).map(fromRow);
  }

  async claimNotice(url: string): Promise<boolean> {
    return this.db.prepare('UPDATE feeds SET disabled_notice_sent = 1 WHERE url = ? AND disabled_notice_sent = 0').run(url).changes > 0;
  }

  async findItem(keys: readonly string[]): Promise<string | null> {
    const st = this.db.prepare('SELECT article_source FROM feed_items WHERE key = ?');
    for (const k of keys) {
      const r = st.get(k) as { article_source: string } | undefined;
      if (r) return r.article_source;
    }
    return null;
  }

  async rememberItem(keys: readonly string[], articleSource: string, feedUrl: string, partial: boolean, now: Date): Promise<void> {
    const st = this.db.prepare('INSERT OR IGNORE INTO feed_items (key, article_source, feed_url, partial, first_seen_at) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const k of keys) st.run(k, articleSource, feedUrl, partial ? 1 : 0, now.toISOString());
    }).immediate();
  }

  async isPartial(articleSource: string): Promise<boolean> {
    return !!this.db.prepare('SELECT 1 FROM feed_items WHERE article_source = ? AND partial = 1 LIMIT 1').get(articleSource);
  }

  async tryLease(url: string, owner: string, until: Date, now: Date): Promise<boolean> {
    // One statement: SQLite takes the write lock for it, so of two connections only one sees the lease free.
    return (
      this.db
        .prepare(
          `UPDATE feeds SET lease_owner = ?, lease_until = ?
           WHERE url = ? AND removed = 0 AND (lease_owner IS NULL OR lease_owner = ? OR lease_until IS NULL OR lease_until < ?)`,
        )
        .run(owner, until.toISOString(), url, owner, now.toISOString()).changes > 0
    );
  }

  async renewLease(url: string, owner: string, until: Date): Promise<boolean> {
    return this.db.prepare('UPDATE feeds SET lease_until = ? WHERE url = ? AND lease_owner = ?').run(until.toISOString(), url, owner).changes > 0;
  }

  async releaseLease(url: string, owner: string): Promise<void> {
    this.db.prepare('UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE url = ? AND lease_owner = ?').run(url, owner);
  }

  private getNow(url: string): FeedRecord | undefined {
    const r = this.db.prepare('SELECT * FROM feeds WHERE url = ? AND removed = 0').get(url) as FeedRow | undefined;
    return r ? fromRow(r) : undefined;
  }

  private addNow(url: string, everyMs: number, origin: FeedOrigin, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO feeds (url, every_ms, origin, added_at, next_attempt_at) VALUES (?, ?, ?, ?, NULL)
         ON CONFLICT(url) DO UPDATE SET every_ms = excluded.every_ms, origin = excluded.origin, removed = 0,
           failures = 0, disabled_reason = NULL, disabled_at = NULL, disabled_notice_sent = 0, next_attempt_at = NULL, last_error = NULL`,
      )
      .run(url, everyMs, origin, now.toISOString());
  }

  private removeNow(url: string, origin: FeedOrigin): boolean {
    const res = this.db.prepare('UPDATE feeds SET removed = 1, origin = ? WHERE url = ? AND removed = 0').run(origin, url);
    this.db.prepare('DELETE FROM feed_followers WHERE feed_url = ?').run(url);
    return res.changes > 0;
  }
}
