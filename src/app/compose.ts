import { feedIntervalMs, rateLimitsOf } from '../config/config-schema.js';
import type { Config } from '../config/load-config.js';
import type { FeedSettings } from '../feeds/index.js';
import type { BuildCoreOptions } from './build-core.js';
import type { Logger } from './logger.js';

/**
 * What a process is for. The bot serves chat and runs digests and feeds; the CLI answers one
 * command (or ingests) against the same storage and exits.
 */
export type ProcessRole =
  | { kind: 'bot' }
  | { kind: 'cli'; command: string; corpusDir?: string | null };

/** Publishers can see who polls them and where to read about it. */
export const FEED_USER_AGENT = 'newsdesk/0.1 (+https://github.com/newsdesk/newsdesk)';

/**
 * How often a bot reads the store's revision to follow other processes' writes: PostgreSQL also pushes them
 * (LISTEN/NOTIFY) and this is its fallback; on SQLite it is the only way. The read is one row, so once a
 * second costs nothing and keeps a new article's delay to about a second plus indexing.
 */
export const BOT_WATCH_MS = 1000;

/**
 * The one place that turns validated config into the core's wiring, for every kind of process.
 * Before it, the bot and the CLI each built their own core and drifted apart (the CLI ignored
 * NEWSDESK_DATABASE_URL, so `newsdesk ingest` wrote to a SQLite file the replicas never read).
 * Everything that must be the same for all processes sharing a database is decided here.
 */
export function coreOptions(config: Config, role: ProcessRole, logger: Logger): BuildCoreOptions {
  const shared: BuildCoreOptions = {
    dbPath: config.db,
    databaseUrl: config.databaseUrl ?? null,
    commandPrefix: config.commands.prefix,
    logger,
    digest: config.digest,
    retentionDays: config.retentionDays || null,
    indexSnapshots: config.indexSnapshots,
    analysisWorkers: config.analysis.workers,
    analysisBudgetMs: config.analysis.budgetMs,
  };
  if (role.kind === 'bot') {
    return {
      ...shared,
      corpusDir: config.corpus,
      channelsFile: config.channelsFile,
      rateLimits: rateLimitsOf(config),
      feeds: feedSettings(config),
      // Healthy at once: serve what is analysed, ingest and analyse the backlog behind, follow other processes' writes.
      background: true,
      watchMs: BOT_WATCH_MS,
    };
  }
  // `--corpus DIR` answers from that folder alone, in a throwaway in-memory store.
  const adHoc = role.corpusDir != null;
  const ingesting = role.command === 'ingest' || role.command === 'feeds';
  return {
    ...shared,
    dbPath: adHoc ? ':memory:' : config.db,
    databaseUrl: adHoc ? null : shared.databaseUrl,
    corpusDir: ingesting ? null : (role.corpusDir ?? config.corpus),
  };
}

/** The feed subsystem's settings (NEWSDESK_FEEDS, NEWSDESK_FEED_INTERVAL, NEWSDESK_ALLOW_PRIVATE_FEEDS, NEWSDESK_FEED_MAX_FAILURES). */
export function feedSettings(config: Config): FeedSettings {
  return {
    feedsFile: config.feeds.file, defaultEveryMs: feedIntervalMs(config), allowPrivate: config.feeds.allowPrivate,
    maxFailures: config.feeds.maxFailures, userAgent: FEED_USER_AGENT,
  };
}
