/** The feeds feature: what the bot wiring, commands and the CLI import. */
export { buildFeeds, feedStoreFor, openFeeds, type BuildFeedsDeps, type OpenFeedsDeps, type FeedSettings, type Feeds } from './build-feeds.js';
export type { FeedArticleSink } from './feed-article.js';
export { DEFAULT_LEASE_MS, defaultLeaseOwner, withFeedLease } from './feed-lease.js';
export { createFeedControl, healthOf, type FeedControl, type FeedHealth, type FeedStatus } from './feed-control.js';
export { createFeedPoller, type FeedPoller, type FeedPollerDeps } from './feed-poller.js';
export { createFetcher, checkTarget, type Fetcher, type FetchResult } from './fetch-resource.js';
export { FetchError, isFetchError, type FetchFailure } from './fetch-error.js';
export { loadFeedsFile, type FileFeed } from './load-feeds-file.js';
export { parseEvery, formatEvery } from './poll-schedule.js';
export { pollFeed, previewFeed, type FeedPollDeps, type PollOutcome } from './poll-feed.js';
