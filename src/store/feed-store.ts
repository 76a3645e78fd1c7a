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
  /** The process polling it now (its lease), or null; a lease past `leaseUntil` is free for any process. */
  leaseOwner: string | null;
  leaseUntil: string | null;
}

/** A feed as the feeds file (or a channel's `feeds:`) lists it. */
export interface SeedFeed {
  url: string;
  everyMs: number;
}

/** The outcome of a good poll (200 or 304). */
export interface PollSuccess {
  at: Date;
  etag: string | null;
  lastModified: string | null;
  nextAttemptAt: Date;
  newItems: number;
}

/** The outcome of a failed poll. */
export interface PollFailure {
  at: Date;
  error: string;
  nextAttemptAt: Date;
}

/**
 * Feed state shared by every process on one database: the followed feeds
 * with their poll state, the channels following each, the identity keys of
 * items already stored, and the poll leases.
 *
 * Concurrency contract (what several bot processes on one PostgreSQL
 * database rely on; SQLite gives the same between connections to one file):
 * - a lease is atomic: of several processes calling `tryLease` for a feed
 *   whose lease is free or expired, exactly one gets `true`; a live lease
 *   (not past its expiry) is given to nobody else, however often asked;
 * - `rememberItem` stores each identity key once (the first writer wins, the
 *   rest are ignored), so `findItem` gives every process the same article;
 * - `seedFromFile` run by several processes at once ends as one run would;
 * - `disable` and `claimNotice` return true for exactly one caller.
 *
 * Times are the caller's (the injected clock), so processes are expected to
 * agree on the time to well within a lease's length.
 */
export interface FeedStore {
  /** Feeds that are followed (removed ones are kept only as tombstones so the file does not bring them back). */
  list(): Promise<FeedRecord[]>;
  get(url: string): Promise<FeedRecord | undefined>;
  /** Add a feed, or change its interval. Re-adding a disabled or removed feed starts it afresh (no failures, polled soon). */
  add(url: string, everyMs: number, origin: FeedOrigin, now: Date): Promise<FeedRecord>;
  /**
   * Seed feeds from the configuration file: new ones are added, and ones the file no longer lists are
   * dropped; a feed a chat or CLI edit changed or removed is left as that edit made it. Idempotent, also
   * when several processes seed the same list at once.
   */
  seedFromFile(feeds: readonly SeedFeed[], now: Date): Promise<void>;
  /** Stop following a feed. Returns false when it was not followed. */
  remove(url: string, origin: FeedOrigin): Promise<boolean>;

  follow(url: string, channelKey: string): Promise<void>;
  unfollow(url: string, channelKey: string): Promise<void>;
  followers(url: string): Promise<string[]>;
  /** The followers of every feed that has any, in one read (lists and status pages). */
  allFollowers(): Promise<Map<string, string[]>>;

  /** A good poll: keep the validators, clear the failure count, schedule the next poll. */
  recordSuccess(url: string, s: PollSuccess): Promise<void>;
  /** A failed poll: count it, keep the message, schedule the retry. Returns the new consecutive failure count. */
  recordFailure(url: string, f: PollFailure): Promise<number>;
  /** Switch a feed off. Returns true only for the call that switched it off (so exactly one notice follows). */
  disable(url: string, reason: string, at: Date): Promise<boolean>;
  /** Disabled feeds whose followers have not been told yet (a crash between disabling and telling is caught up). */
  pendingNotices(): Promise<FeedRecord[]>;
  /** Mark the disabled notice as sent. Returns true only for the call that marked it. */
  claimNotice(url: string): Promise<boolean>;

  /** The article an item with any of these identity keys was stored as (the first key that is known), or null. */
  findItem(keys: readonly string[]): Promise<string | null>;
  /** Remember every identity key of an item; a key already remembered keeps its first article. */
  rememberItem(keys: readonly string[], articleSource: string, feedUrl: string, partial: boolean, now: Date): Promise<void>;
  /** True when the article was stored from the feed's own text because its page could not be read. */
  isPartial(articleSource: string): Promise<boolean>;

  /**
   * Take the feed's poll lease for `owner` until `until`, when it is free, expired at `now`, or already
   * `owner`'s (then it is extended). False when another owner holds a live lease, or the feed is not followed.
   */
  tryLease(url: string, owner: string, until: Date, now: Date): Promise<boolean>;
  /** Extend `owner`'s lease; false when it is no longer theirs (it expired and another process took it). */
  renewLease(url: string, owner: string, until: Date): Promise<boolean>;
  /** Give the lease up (only `owner`'s own), so another process may poll the feed at once. */
  releaseLease(url: string, owner: string): Promise<void>;
}
