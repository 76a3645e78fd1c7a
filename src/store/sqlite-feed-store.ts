import type Database from 'better-sqlite3';

/** Who put a feed in the list: the feeds file, a chat admin or the CLI. Chat and CLI edits win over the file. */
export type FeedOrigin = 'file' | 'chat' | 'cli';

/** A followed feed and its poll state (all times ISO-8601). */
export interface FeedRecord {
  url: string;
  everyMs: number;
  origin: FeedOrigin;
  addedAt: string;
  etag: string | null;
  lastModified: string | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  /** Consecutive failures since the last success. */
  failures: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  /** Set when the feed was switched off (too many failures); null while it is polled. */
  disabledReason: string | null;
  disabledAt: string | null;
  /** Whether the followers were told it was disabled (exactly once). */
  disabledNoticeSent: boolean;
  itemsSeen: number;
}

interface FeedRow {
  url: string; every_ms: number; origin: string; added_at: string; etag: string | null; last_modified: string | null;
  last_attempt_at: string | null; last_success_at: string | null; failures: number; next_attempt_at: string | null;
  last_error: string | null; disabled_reason: string | null; disabled_at: string | null; disabled_notice_sent: number; items_seen: number;
}

const SCHEMA_VERSION = 1;

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
    items_seen           INTEGER NOT NULL DEFAULT 0
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
    itemsSeen: r.items_seen,
  };
}

/** Feeds, their followers, poll state and the item identities already stored, in SQLite. Survives restarts. */
export class SqliteFeedStore {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    const row = db.prepare('SELECT version FROM feed_schema').get() as { version: number } | undefined;
    if (!row) db.prepare('INSERT INTO feed_schema (version) VALUES (?)').run(SCHEMA_VERSION);
  }

  /** Feeds that are followed (removed ones are kept only as tombstones so the file does not bring them back). */
  list(): FeedRecord[] {
    return (this.db.prepare('SELECT * FROM feeds WHERE removed = 0 ORDER BY added_at, url').all() as FeedRow[]).map(fromRow);
  }

  get(url: string): FeedRecord | undefined {
    const r = this.db.prepare('SELECT * FROM feeds WHERE url = ? AND removed = 0').get(url) as FeedRow | undefined;
    return r ? fromRow(r) : undefined;
  }

  /**
   * Add a feed, or change its interval. Re-adding a disabled or removed feed
   * starts it afresh (no failures, polled soon).
   */
  add(url: string, everyMs: number, origin: FeedOrigin, now: Date): FeedRecord {
    const ts = now.toISOString();
    this.db
      .prepare(
        `INSERT INTO feeds (url, every_ms, origin, added_at, next_attempt_at) VALUES (?, ?, ?, ?, NULL)
         ON CONFLICT(url) DO UPDATE SET every_ms = excluded.every_ms, origin = excluded.origin, removed = 0,
           failures = 0, disabled_reason = NULL, disabled_at = NULL, disabled_notice_sent = 0, next_attempt_at = NULL, last_error = NULL`,
      )
      .run(url, everyMs, origin, ts);
    return this.get(url)!;
  }

  /**
   * Seed feeds from the configuration file: new ones are added, and ones the
   * file no longer lists are dropped; a feed a chat or CLI edit changed or
   * removed is left as that edit made it.
   */
  seedFromFile(feeds: readonly { url: string; everyMs: number }[], now: Date): void {
    const existing = this.db.prepare('SELECT url, origin, removed, every_ms FROM feeds WHERE url = ?');
    const listed = new Set(feeds.map((f) => f.url));
    this.db.transaction(() => {
      const fromFile = this.db.prepare("SELECT url FROM feeds WHERE origin = 'file' AND removed = 0").all() as { url: string }[];
      for (const { url } of fromFile) if (!listed.has(url)) this.remove(url, 'file');
      for (const f of feeds) {
        const row = existing.get(f.url) as { origin: string; removed: number; every_ms: number } | undefined;
        // A feed the file itself dropped earlier comes back when the file lists it again; one removed in chat does not.
        if (!row || (row.removed && row.origin === 'file')) this.add(f.url, f.everyMs, 'file', now);
        else if (row.origin === 'file' && !row.removed && row.every_ms !== f.everyMs) {
          this.db.prepare('UPDATE feeds SET every_ms = ? WHERE url = ?').run(f.everyMs, f.url);
        }
      }
    })();
  }

  /** Stop following a feed. Returns false when it was not followed. */
  remove(url: string, origin: FeedOrigin): boolean {
    const res = this.db.prepare('UPDATE feeds SET removed = 1, origin = ? WHERE url = ? AND removed = 0').run(origin, url);
    this.db.prepare('DELETE FROM feed_followers WHERE feed_url = ?').run(url);
    return res.changes > 0;
  }

  follow(url: string, channelKey: string): void {
    this.db.prepare('INSERT OR IGNORE INTO feed_followers (feed_url, channel_key) VALUES (?, ?)').run(url, channelKey);
  }

  unfollow(url: string, channelKey: string): void {
    this.db.prepare('DELETE FROM feed_followers WHERE feed_url = ? AND channel_key = ?').run(url, channelKey);
  }

  followers(url: string): string[] {
    return (this.db.prepare('SELECT channel_key FROM feed_followers WHERE feed_url = ? ORDER BY channel_key').all(url) as { channel_key: string }[]).map((r) => r.channel_key);
  }

  /** A good poll (200 or 304): keep the validators, clear the failure count, schedule the next poll. */
  recordSuccess(url: string, s: { at: Date; etag: string | null; lastModified: string | null; nextAttemptAt: Date; newItems: number }): void {
    this.db
      .prepare(
        `UPDATE feeds SET etag = ?, last_modified = ?, last_attempt_at = ?, last_success_at = ?, failures = 0, last_error = NULL,
           next_attempt_at = ?, items_seen = items_seen + ? WHERE url = ?`,
      )
      .run(s.etag, s.lastModified, s.at.toISOString(), s.at.toISOString(), s.nextAttemptAt.toISOString(), s.newItems, url);
  }

  /** A failed poll: count it, keep the message, schedule the retry. Returns the new consecutive failure count. */
  recordFailure(url: string, f: { at: Date; error: string; nextAttemptAt: Date }): number {
    this.db
      .prepare('UPDATE feeds SET last_attempt_at = ?, failures = failures + 1, last_error = ?, next_attempt_at = ? WHERE url = ?')
      .run(f.at.toISOString(), f.error.slice(0, 500), f.nextAttemptAt.toISOString(), url);
    return this.get(url)?.failures ?? 0;
  }

  /** Switch a feed off. Returns true only for the call that switched it off (so exactly one notice follows). */
  disable(url: string, reason: string, at: Date): boolean {
    return this.db.prepare('UPDATE feeds SET disabled_reason = ?, disabled_at = ? WHERE url = ? AND disabled_reason IS NULL').run(reason, at.toISOString(), url).changes > 0;
  }

  /** Disabled feeds whose followers have not been told yet (a crash between disabling and telling is caught up). */
  pendingNotices(): FeedRecord[] {
    return (this.db.prepare('SELECT * FROM feeds WHERE removed = 0 AND disabled_reason IS NOT NULL AND disabled_notice_sent = 0').all() as FeedRow[]).map(fromRow);
  }

  markNoticeSent(url: string): void {
    this.db.prepare('UPDATE feeds SET disabled_notice_sent = 1 WHERE url = ?').run(url);
  }

  /** The article an item with any of these identity keys was stored as, or null for a new item. */
  findItem(keys: readonly string[]): string | null {
    const st = this.db.prepare('SELECT article_source FROM feed_items WHERE key = ?');
    for (const k of keys) {
      const r = st.get(k) as { article_source: string } | undefined;
      if (r) return r.article_source;
    }
    return null;
  }

  /** Remember every identity key of an item, so the same story under a new GUID, URL or feed maps to the same article. */
  rememberItem(keys: readonly string[], articleSource: string, feedUrl: string, partial: boolean, now: Date): void {
    const st = this.db.prepare('INSERT OR IGNORE INTO feed_items (key, article_source, feed_url, partial, first_seen_at) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const k of keys) st.run(k, articleSource, feedUrl, partial ? 1 : 0, now.toISOString());
    })();
  }

  /** True when the article was stored from the feed's own text because its page could not be read. */
  isPartial(articleSource: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM feed_items WHERE article_source = ? AND partial = 1 LIMIT 1').get(articleSource);
  }
}
