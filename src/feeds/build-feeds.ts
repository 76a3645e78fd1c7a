import type Database from 'better-sqlite3';
import type { Clock } from '../core/clock.js';
import { NewsdeskError } from '../core/errors.js';
import type { FeedStore, SeedFeed } from '../store/feed-store.js';
import type { ArticleStorage } from '../store/open-article-storage.js';
import { openPgFeedStore } from '../store/postgres/pg-feed-store.js';
import { SqliteFeedStore } from '../store/sqlite-feed-store.js';
import type { FeedArticleSink } from './feed-article.js';
import { createFeedControl, type FeedControl } from './feed-control.js';
import { defaultLeaseOwner } from './feed-lease.js';
import { createFeedPoller, type FeedPoller } from './feed-poller.js';
import { createFetcher } from './fetch-resource.js';
import { loadFeedsFile } from './load-feeds-file.js';
import type { FeedLogger } from './poll-feed.js';
import { createRequestLimiter } from './request-limiter.js';

/** Settings for the feed subsystem (from config: NEWSDESK_FEEDS, NEWSDESK_FEED_INTERVAL, NEWSDESK_ALLOW_PRIVATE_FEEDS…). */
export interface FeedSettings {
  /** The feeds file; null or missing means none. */
  feedsFile: string | null;
  defaultEveryMs: number;
  allowPrivate: boolean;
  userAgent: string;
  /** Consecutive failures before a feed is switched off (default 10). */
  maxFailures?: number;
  /** Requests in flight overall (default 8) and per host (default 2). */
  maxConcurrent?: number;
  perHost?: number;
}

/** What the feed subsystem needs besides its state: the composition root passes one engine's stores. */
export interface OpenFeedsDeps {
  /** Feed state on the articles' engine: `await feedStoreFor(storage)` (or `new SqliteFeedStore(db)`, `await openPgFeedStore(pg.db)`). */
  feedStore: FeedStore;
  /** Where new items are stored: the ArticleRepository of the same engine (its `upsert`). */
  articles: FeedArticleSink;
  clock: Clock;
  /** This process's name in feed leases; processes sharing a database need distinct ones (default host/pid/random). */
  owner?: string;
  /** Feed lease length (default 2 min): how long after a process died another polls its feeds. */
  leaseMs?: number;
  /** The corpus refresh seam (`corpus.refreshChanged()`). */
  onArticlesStored: () => void;
  /** Post a notice to a channel address; the bot routes it to the right adapter. */
  notify: (channelKey: string, text: string) => Promise<void> | void;
  logger?: FeedLogger;
  settings: FeedSettings;
  /**
   * Feeds that channels list in `channels.yaml` (`feeds:`): seeded like the feeds file (at the default
   * interval unless the file names one) and followed by those channels, so their notices reach them.
   */
  channelFeeds?: readonly { url: string; channelKey: string }[];
}

/** The earlier, SQLite-only wiring: the bot's database handle and its synchronous article store. */
export interface BuildFeedsDeps extends Omit<OpenFeedsDeps, 'feedStore'> {
  db: Database.Database;
}

/** The feed subsystem: `control` for commands (CoreServices.feeds), `poller` to start/stop with the bot. */
export interface Feeds {
  store: FeedStore;
  control: FeedControl;
  poller: FeedPoller;
  /** Resolves when seeding from the feeds file and channels is done and `control.list()` is filled. */
  ready: Promise<void>;
  /** Stop polling and close connections. */
  close(): Promise<void>;
}

/**
 * The feed store on the engine the article storage chose: SQLite on its database handle, or PostgreSQL
 * on its pool (feed tables migrated if the shared migration list has not done it).
 */
export async function feedStoreFor(storage: Pick<ArticleStorage, 'sqlite' | 'postgres'>): Promise<FeedStore> {
  if (storage.postgres) return openPgFeedStore(storage.postgres.db);
  if (storage.sqlite) return new SqliteFeedStore(storage.sqlite);
  throw new NewsdeskError('store_failed', 'The article storage has neither a SQLite database nor a PostgreSQL pool for the feed state.');
}

/**
 * Build the feed subsystem on either engine's stores, seeded from the feeds file and the channels' feeds
 * (idempotent, also when several processes start at once). Polling starts with `poller.start()`.
 */
export async function openFeeds(deps: OpenFeedsDeps): Promise<Feeds> {
  const feeds = assemble(deps);
  await feeds.ready;
  return feeds;
}

/**
 * The SQLite wiring as build-core called it before the store became asynchronous: returns at once, and
 * `ready` resolves when seeding is done. Prefer {@link openFeeds}.
 */
export function buildFeeds(deps: BuildFeedsDeps): Feeds {
  const { db, ...rest } = deps;
  return assemble({ ...rest, feedStore: new SqliteFeedStore(db) });
}

function assemble(deps: OpenFeedsDeps): Feeds {
  const s = deps.settings;
  const store = deps.feedStore;
  const fetcher = createFetcher({ userAgent: s.userAgent, allowPrivate: s.allowPrivate });
  const limiter = createRequestLimiter({ maxConcurrent: s.maxConcurrent ?? 8, perHost: s.perHost ?? 2 });
  const control = createFeedControl({ feeds: store, fetcher, limiter, clock: deps.clock, allowPrivate: s.allowPrivate, defaultEveryMs: s.defaultEveryMs });
  const poller = createFeedPoller({
    feeds: store, articles: deps.articles, fetcher, limiter, clock: deps.clock, onArticlesStored: deps.onArticlesStored,
    notify: deps.notify, logger: deps.logger, maxFailures: s.maxFailures, owner: deps.owner ?? defaultLeaseOwner(), leaseMs: deps.leaseMs,
    // Commands read the feed list synchronously; each tick refreshes it, so other processes' changes show too.
    afterTick: async () => void (await control.refresh()),
  });
  // The file is read now, so a broken feeds file stops start-up with its message, as before.
  const lists = seedLists(deps);
  const ready = seed(lists, deps, store).then(async () => void (await control.refresh()));
  // Observed here so a failed seed is not an unhandled rejection when nobody awaits `ready`; openFeeds rethrows it.
  ready.catch((e: Error) => deps.logger?.error('feeds could not be seeded', { error: e.message }));
  return {
    store, control, poller, ready,
    async close() {
      await poller.stop();
      await ready.catch(() => undefined);
      await fetcher.close();
    },
  };
}

/** The feeds to seed (the file's, then channels' feeds the file does not list), or null when there is nothing to seed. */
function seedLists(deps: OpenFeedsDeps): SeedFeed[] | null {
  const s = deps.settings;
  const fromFile = s.feedsFile ? loadFeedsFile(s.feedsFile, s.defaultEveryMs) : [];
  const listed = new Set(fromFile.map((f) => f.url));
  const fromChannels = [...new Set((deps.channelFeeds ?? []).map((c) => c.url))].filter((u) => !listed.has(u)).map((url) => ({ url, everyMs: s.defaultEveryMs }));
  return s.feedsFile || fromChannels.length ? [...fromFile, ...fromChannels] : null;
}

async function seed(feeds: SeedFeed[] | null, deps: OpenFeedsDeps, store: FeedStore): Promise<void> {
  // One seeding pass over both lists: seeding twice would drop and re-add the other list's feeds, losing their state.
  if (feeds) await store.seedFromFile(feeds, deps.clock.now());
  for (const c of deps.channelFeeds ?? []) if (await store.get(c.url)) await store.follow(c.url, c.channelKey);
}
