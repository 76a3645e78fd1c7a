import type { PgMigration } from './pg-migrations.js';

/**
 * Feed state on PostgreSQL (migration 3): the same tables as SQLite's
 * (src/store/sqlite-feed-store.ts) with native types. `feeds.lease_*` is
 * the poll lease that lets one process at a time poll a feed;
 * `feed_items.key` is the primary key that makes an item's identity stored
 * once whichever process sees it first.
 */
export const FEED_MIGRATION: PgMigration = {
  version: 3,
  name: 'feeds, followers, item identities and poll leases',
  statements: [
    `CREATE TABLE feeds (
      url                  TEXT PRIMARY KEY,
      every_ms             BIGINT NOT NULL,
      origin               TEXT NOT NULL,
      added_at             TIMESTAMPTZ NOT NULL,
      removed              BOOLEAN NOT NULL DEFAULT FALSE,
      etag                 TEXT,
      last_modified        TEXT,
      last_attempt_at      TIMESTAMPTZ,
      last_success_at      TIMESTAMPTZ,
      failures             INTEGER NOT NULL DEFAULT 0,
      next_attempt_at      TIMESTAMPTZ,
      last_error           TEXT,
      disabled_reason      TEXT,
      disabled_at          TIMESTAMPTZ,
      disabled_notice_sent BOOLEAN NOT NULL DEFAULT FALSE,
      items_seen           INTEGER NOT NULL DEFAULT 0,
      lease_owner          TEXT,
      lease_until          TIMESTAMPTZ
    )`,
    `CREATE TABLE feed_followers (
      feed_url    TEXT NOT NULL,
      channel_key TEXT NOT NULL,
      PRIMARY KEY (feed_url, channel_key)
    )`,
    `CREATE TABLE feed_items (
      key            TEXT PRIMARY KEY,
      article_source TEXT NOT NULL,
      feed_url       TEXT NOT NULL,
      partial        BOOLEAN NOT NULL DEFAULT FALSE,
      first_seen_at  TIMESTAMPTZ NOT NULL
    )`,
    `CREATE INDEX feed_items_source ON feed_items (article_source)`,
  ],
};
