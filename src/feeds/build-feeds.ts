import type Database from 'better-sqlite3';
import type { Clock } from '../core/clock.js';
import type { ArticleStore } from '../store/article-store.js';
import { SqliteFeedStore } from '../store/sqlite-feed-store.js';
import { createFeedControl, type FeedControl } from './feed-control.js';
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

/** What the bot wiring needs to run feeds. */
export interface BuildFeedsDeps {
  db: Database.Database;
  articles: ArticleStore;
  clock: Clock;
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

/** The feed subsystem: `control` for commands (CoreServices.feeds), `poller` to start/stop with the bot. */
export interface Feeds {
  store: SqliteFeedStore;
  control: FeedControl;
  poller: FeedPoller;
  /** Stop polling and close connections. */
  close(): Promise<void>;
}

/** Build the feed subsystem and seed it from the feeds file. Polling starts with `poller.start()`. */
export function buildFeeds(deps: BuildFeedsDeps): Feeds {
  const s = deps.settings;
  const store = new SqliteFeedStore(deps.db);
  const fromFile = s.feedsFile ? loadFeedsFile(s.feedsFile, s.defaultEveryMs) : [];
  const channelFeeds = deps.channelFeeds ?? [];
  const listed = new Set(fromFile.map((f) => f.url));
  const fromChannels = [...new Set(channelFeeds.map((c) => c.url))].filter((u) => !listed.has(u)).map((url) => ({ url, everyMs: s.defaultEveryMs }));
  // One seeding pass over both lists: seeding twice would drop and re-add the other list's feeds, losing their state.
  if (s.feedsFile || fromChannels.length) store.seedFromFile([...fromFile, ...fromChannels], deps.clock.now());
  for (const c of channelFeeds) if (store.get(c.url)) store.follow(c.url, c.channelKey);
  const fetcher = createFetcher({ userAgent: s.userAgent, allowPrivate: s.allowPrivate });
  const limiter = createRequestLimiter({ maxConcurrent: s.maxConcurrent ?? 8, perHost: s.perHost ?? 2 });
  const control = createFeedControl({ feeds: store, fetcher, limiter, clock: deps.clock, allowPrivate: s.allowPrivate, defaultEveryMs: s.defaultEveryMs });
  const poller = createFeedPoller({
    feeds: store, articles: deps.articles, fetcher, limiter, clock: deps.clock, onArticlesStored: deps.onArticlesStored,
    notify: deps.notify, logger: deps.logger, maxFailures: s.maxFailures,
  });
  return {
    store, control, poller,
    async close() {
      await poller.stop();
      await fetcher.close();
    },
  };
}
