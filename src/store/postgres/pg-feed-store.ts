import type { FeedOrigin, FeedRecord, FeedStore, PollFailure, PollSuccess, SeedFeed } from '../feed-store.js';
import { FEED_MIGRATION } from './pg-feed-schema.js';
import { migratePostgres } from './pg-migrations.js';
import { isoOrNull, type Queryable, type SqlDatabase } from './sql-database.js';

interface FeedRow {
  url: string; every_ms: string | number; origin: string; added_at: unknown; etag: string | null; last_modified: string | null;
  last_attempt_at: unknown; last_success_at: unknown; failures: number; next_attempt_at: unknown; last_error: string | null;
  disabled_reason: string | null; disabled_at: unknown; disabled_notice_sent: boolean; items_seen: number;
  lease_owner: string | null; lease_until: unknown;
}

/** Seeding takes this transaction-scoped advisory lock, so processes seeding at once take turns (any fixed number, the same everywhere). */
const FEED_SEED_LOCK = 18_0003;

function fromRow(r: FeedRow): FeedRecord {
  return {
    url: r.url, everyMs: Number(r.every_ms), origin: r.origin as FeedOrigin, addedAt: isoOrNull(r.added_at)!, etag: r.etag, lastModified: r.last_modified,
    lastAttemptAt: isoOrNull(r.last_attempt_at), lastSuccessAt: isoOrNull(r.last_success_at), failures: r.failures,
    nextAttemptAt: isoOrNull(r.next_attempt_at), lastError: r.last_error, disabledReason: r.disabled_reason, disabledAt: isoOrNull(r.disabled_at),
    disabledNoticeSent: r.disabled_notice_sent, itemsSeen: r.items_seen, leaseOwner: r.lease_owner, leaseUntil: isoOrNull(r.lease_until),
  };
}

/** `$from, $from+1, …` for `count` parameters. */
const placeholders = (count: number, from = 1) => Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');

const ADD = `INSERT INTO feeds (url, every_ms, origin, added_at, next_attempt_at) VALUES ($1, $2, $3, $4, NULL)
  ON CONFLICT (url) DO UPDATE SET every_ms = EXCLUDED.every_ms, origin = EXCLUDED.origin, removed = FALSE,
    failures = 0, disabled_reason = NULL, disabled_at = NULL, disabled_notice_sent = FALSE, next_attempt_at = NULL, last_error = NULL
  RETURNING *`;

/**
 * Feed state on PostgreSQL (tables from FEED_MIGRATION), shared by every
 * process on the database. Each method is one statement, or one transaction
 * where it reads before writing (seeding, under an advisory lock). A lease
 * is a single conditional UPDATE: PostgreSQL locks the row and re-checks the
 * condition on its latest version, so of two processes racing for a free or
 * expired lease only one gets its row back.
 */
export class PgFeedStore implements FeedStore {
  constructor(private readonly db: SqlDatabase) {}

  async list(): Promise<FeedRecord[]> {
    const { rows } = await this.db.query<FeedRow>('SELECT * FROM feeds WHERE NOT removed ORDER BY added_at, url');
    return rows.map(fromRow);
  }

  async get(url: string): Promise<FeedRecord | undefined> {
    const { rows } = await this.db.query<FeedRow>('SELECT * FROM feeds WHERE url = $1 AND NOT removed', [url]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async add(url: string, everyMs: number, origin: FeedOrigin, now: Date): Promise<FeedRecord> {
    const { rows } = await this.db.query<FeedRow>(ADD, [url, everyMs, origin, now.toISOString()]);
    return fromRow(rows[0]);
  }

  async seedFromFile(feeds: readonly SeedFeed[], now: Date): Promise<void> {
    const listed = new Set(feeds.map((f) => f.url));
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [FEED_SEED_LOCK]);
      const { rows: fromFile } = await tx.query<{ url: string }>("SELECT url FROM feeds WHERE origin = 'file' AND NOT removed");
      for (const { url } of fromFile) if (!listed.has(url)) await removeIn(tx, url, 'file');
      for (const f of feeds) {
        const { rows } = await tx.query<{ origin: string; removed: boolean; every_ms: string | number }>('SELECT origin, removed, every_ms FROM feeds WHERE url = $1', [f.url]);
        const row = rows[0];
        // A feed the file itself dropped earlier comes back when the file lists it again; one removed in chat does not.
        if (!row || (row.removed && row.origin === 'file')) await tx.query(ADD, [f.url, f.everyMs, 'file', now.toISOString()]);
        else if (row.origin === 'file' && !row.removed && Number(row.every_ms) !== f.everyMs) await tx.query('UPDATE feeds SET every_ms = $1 WHERE url = $2', [f.everyMs, f.url]);
      }
    });
  }

  async remove(url: string, origin: FeedOrigin): Promise<boolean> {
    return this.db.transaction((tx) => removeIn(tx, url, origin));
  }

  async follow(url: string, channelKey: string): Promise<void> {
    await this.db.query('INSERT INTO feed_followers (feed_url, channel_key) VALUES ($1, $2) ON CONFLICT DO NOTHING', [url, channelKey]);
  }

  async unfollow(url: string, channelKey: string): Promise<void> {
    await this.db.query('DELETE FROM feed_followers WHERE feed_url = $1 AND channel_key = $2', [url, channelKey]);
  }

  async followers(url: string): Promise<string[]> {
    const { rows } = await this.db.query<{ channel_key: string }>('SELECT channel_key FROM feed_followers WHERE feed_url = $1 ORDER BY channel_key', [url]);
    return rows.map((r) => r.channel_key);
  }

  async allFollowers(): Promise<Map<string, string[]>> {
    const { rows } = await this.db.query<{ feed_url: string; channel_key: string }>('SELECT feed_url, channel_key FROM feed_followers ORDER BY feed_url, channel_key');
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.feed_url, [...(out.get(r.feed_url) ?? []), r.channel_key]);
    return out;
  }

  async recordSuccess(url: string, s: PollSuccess): Promise<void> {
    await this.db.query(
      `UPDATE feeds SET etag = $1, last_modified = $2, last_attempt_at = $3, last_success_at = $3, failures = 0, last_error = NULL,
         next_attempt_at = $4, items_seen = items_seen + $5 WHERE url = $6`,
      [s.etag, s.lastModified, s.at.toISOString(), s.nextAttemptAt.toISOString(), s.newItems, url],
    );
  }

  async recordFailure(url: string, f: PollFailure): Promise<number> {
    const { rows } = await this.db.query<{ failures: number }>(
      'UPDATE feeds SET last_attempt_at = $1, failures = failures + 1, last_error = $2, next_attempt_at = $3 WHERE url = $4 RETURNING failures',
      [f.at.toISOString(), f.error.slice(0, 500), f.nextAttemptAt.toISOString(), url],
    );
    return rows[0]?.failures ?? 0;
  }

  async disable(url: string, reason: string, at: Date): Promise<boolean> {
    const { rows } = await this.db.query('UPDATE feeds SET disabled_reason = $1, disabled_at = $2 WHERE url = $3 AND disabled_reason IS NULL RETURNING 1', [reason, at.toISOString(), url]);
    return rows.length > 0;
  }

  async pendingNotices(): Promise<FeedRecord[]> {
    const { rows } = await this.db.query<FeedRow>('SELECT * FROM feeds WHERE NOT removed AND disabled_reason IS NOT NULL AND NOT disabled_notice_sent');
    return rows.map(fromRow);
  }

  async claimNotice(url: string): Promise<boolean> {
    const { rows } = await this.db.query('UPDATE feeds SET disabled_notice_sent = TRUE WHERE url = $1 AND NOT disabled_notice_sent RETURNING 1', [url]);
    return rows.length > 0;
  }

  async findItem(keys: readonly string[]): Promise<string | null> {
    if (keys.length === 0) return null;
    const { rows } = await this.db.query<{ key: string; article_source: string }>(`SELECT key, article_source FROM feed_items WHERE key IN (${placeholders(keys.length)})`, [...keys]);
    const byKey = new Map(rows.map((r) => [r.key, r.article_source]));
    // The strongest key that is known decides, as on SQLite.
    for (const k of keys) if (byKey.has(k)) return byKey.get(k)!;
    return null;
  }

  async rememberItem(keys: readonly string[], articleSource: string, feedUrl: string, partial: boolean, now: Date): Promise<void> {
    // Sorted: two processes inserting overlapping keys lock them in the same order, so they cannot deadlock.
    const sorted = [...new Set(keys)].sort();
    if (sorted.length === 0) return;
    const values = sorted.map((_, i) => `($${i + 5}, $1, $2, $3, $4)`).join(', ');
    await this.db.query(
      `INSERT INTO feed_items (key, article_source, feed_url, partial, first_seen_at) VALUES ${values} ON CONFLICT (key) DO NOTHING`,
      [articleSource, feedUrl, partial, now.toISOString(), ...sorted],
    );
  }

  async isPartial(articleSource: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM feed_items WHERE article_source = $1 AND partial LIMIT 1', [articleSource]);
    return rows.length > 0;
  }

  async tryLease(url: string, owner: string, until: Date, now: Date): Promise<boolean> {
    const { rows } = await this.db.query(
      `UPDATE feeds SET lease_owner = $2, lease_until = $3
       WHERE url = $1 AND NOT removed AND (lease_owner IS NULL OR lease_owner = $2 OR lease_until IS NULL OR lease_until < $4)
       RETURNING 1`,
      [url, owner, until.toISOString(), now.toISOString()],
    );
    return rows.length > 0;
  }

  async renewLease(url: string, owner: string, until: Date): Promise<boolean> {
    const { rows } = await this.db.query('UPDATE feeds SET lease_until = $3 WHERE url = $1 AND lease_owner = $2 RETURNING 1', [url, owner, until.toISOString()]);
    return rows.length > 0;
  }

  async releaseLease(url: string, owner: string): Promise<void> {
    await this.db.query('UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE url = $1 AND lease_owner = $2', [url, owner]);
  }
}

async function removeIn(tx: Queryable, url: string, origin: FeedOrigin): Promise<boolean> {
  const { rows } = await tx.query('UPDATE feeds SET removed = TRUE, origin = $1 WHERE url = $2 AND NOT removed RETURNING 1', [origin, url]);
  await tx.query('DELETE FROM feed_followers WHERE feed_url = $1', [url]);
  return rows.length > 0;
}

/**
 * A PgFeedStore on a database whose feed tables exist: applies FEED_MIGRATION when the shared migration
 * list has not (it is idempotent and takes the same advisory lock, so processes starting at once are safe).
 */
export async function openPgFeedStore(db: SqlDatabase): Promise<PgFeedStore> {
  await migratePostgres(db, [FEED_MIGRATION]);
  return new PgFeedStore(db);
}
