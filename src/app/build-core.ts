import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { allCommands } from '../commands/index.js';
import { type Clock, systemClock } from '../core/clock.js';
import type { Command } from '../core/command-spec.js';
import { CommandRegistry, type CoreLogger } from '../core/command-registry.js';
import type { CoreServices } from '../core/services.js';
import { Corpus, type CorpusDeps } from '../corpus/corpus.js';
import { type IngestReport, ingestPaths } from '../corpus/ingest.js';
import type { ArticleRepository, TextSearch } from '../store/article-repository.js';
import { type ArticleStorage, openArticleStorage } from '../store/open-article-storage.js';
import { openDatabase, SqliteArticleStore } from '../store/sqlite-article-store.js';
import { AnalysisPool } from '../analysis-pool/analysis-pool.js';
import { inProcessAnalyzer } from '../analysis-pool/article-analyzer.js';
import { NewsdeskError } from '../core/errors.js';
import type { DigestLogger } from '../digests/digest-runner.js';
import { DigestScheduler } from '../digests/digest-scheduler.js';
import type { RetryPolicy } from '../digests/deliver.js';
import { RunLedger } from '../store/sqlite-run-ledger.js';
import type { DigestLedger } from '../core/digest-port.js';
import type { SettingsStore } from '../core/settings-port.js';
import { openPostgresChannelStores } from '../store/postgres/postgres-channel-stores.js';
import { loadChannelsFile, seedChannels } from '../settings/seed-channels.js';
import { SqliteSettingsStore } from '../store/sqlite-settings-store.js';
import type { RateLimitConfig } from '../core/rate-limiter.js';
import { defaultLeaseOwner, type FeedControl, type Feeds, type FeedSettings } from '../feeds/index.js';
import { feedStoreFor, openFeeds } from '../feeds/build-feeds.js';

export interface BuildCoreOptions {
  /** SQLite file path, or ":memory:" (the article engine unless `databaseUrl` is set). */
  dbPath: string;
  /** Corpus folder ingested at start-up (skipped when it does not exist). */
  corpusDir?: string | null;
  commandPrefix?: string;
  clock?: Clock;
  logger?: CoreLogger;
  commands?: readonly Command[];
  /** Replace the analysis stage (tests with hand-made analyses); runs synchronously in process, no worker pool. */
  analyze?: CorpusDeps['analyze'];
  /** Analysis worker threads (default: available parallelism, at least 1). */
  analysisWorkers?: number;
  /** Per-article analysis time budget in ms (default 20 000); an article over it is stored as failed ("too slow"). */
  analysisBudgetMs?: number;
  /** Version analyses are cached under (default: derived from the analysis source; tests pin it). */
  analysisVersion?: number;
  /** Worker module for the pool (tests inject a slow one). */
  analysisWorkerUrl?: URL;
  /**
   * The bot's mode: return as soon as already-analysed articles are served; ingest the corpus folder and
   * analyse the backlog in the background (`whenReady()` resolves when done). Default false: wait for everything.
   */
  background?: boolean;
  /** Follow other processes' writes to the database (live corpus), checking every this many ms; off when absent. */
  watchMs?: number | null;
  /** Retention (NEWSDESK_RETENTION_DAYS): prune articles older than this many days at start-up and daily; off when absent. */
  retentionDays?: number | null;
  /** NEWSDESK_INDEX_SNAPSHOTS: save the built index and start from it (default true; false builds it from records every start). */
  indexSnapshots?: boolean;
  /**
   * NEWSDESK_DATABASE_URL (postgres://…): articles, analyses, search, feed state, channel settings and the
   * digest ledger live in this PostgreSQL database, shared by every process using it; SQLite otherwise.
   */
  databaseUrl?: string | null;
  /** `config/channels.yaml` (or NEWSDESK_CHANNELS): channels seeded into the settings store at start-up. */
  channelsFile?: string | null;
  /** Digest defaults (`config.digest`). */
  digest?: { graceMinutes: number; defaultTimezone: string; maxStories: number };
  /** Delivery retry policy and sleep (tests make backoff instant). */
  digestRetry?: RetryPolicy;
  digestSleep?: (ms: number) => Promise<void>;
  /** Per-user and per-channel command limits (config `commands.rateLimit`); default limits when absent, `false` for none. */
  rateLimits?: RateLimitConfig | false;
  /** Feed following (config `feeds`); no feed subsystem when absent. Polling starts with `core.feeds.poller.start()`. */
  feeds?: FeedSettings;
}

/** The wired command core: storage, analysed corpus and command router. */
export interface Core {
  /** The article storage on the engine the options chose (repository, text search). */
  storage: ArticleStorage;
  repository: ArticleRepository;
  search: TextSearch;
  /**
   * SQLite engine: the articles' database (settings, ledger and feeds share it). On PostgreSQL an empty
   * in-memory database, kept so tools written for SQLite still open.
   */
  db: Database.Database;
  /** The synchronous article store on `db` (SQLite tools and tests; the corpus reads through `repository`). */
  store: SqliteArticleStore;
  corpus: Corpus;
  router: CommandRegistry;
  services: CoreServices;
  clock: Clock;
  /** Channel settings (topics, schedule, zone…) with provenance. */
  settings: SettingsStore;
  /** Record of digest runs (exactly-once guard). */
  ledger: DigestLedger;
  /** The digest scheduler; `start(adapters)` once adapters are up, `stop()` before they go. */
  digests: DigestScheduler;
  /** Ingest files/folders and refresh the corpus (resolves once the new articles are analysed). */
  ingest(paths: string[]): Promise<IngestReport>;
  /** Resolves when start-up ingest and the analysis backlog are done (at once unless `background`). */
  whenReady(): Promise<void>;
  /** The feed subsystem when `feeds` was given; `setNotifier` routes its channel notices once adapters are up. */
  feeds?: Feeds & { setNotifier(notify: (channelKey: string, text: string) => Promise<void>): void };
  /** Prune articles older than the retention period now; resolves with how many were pruned. */
  prune(): Promise<number>;
  close(): Promise<void>;
}

/** Factory for the platform-neutral core. The composition root and tests both use it. */
export async function buildCore(opts: BuildCoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock;
  if (opts.corpusDir) assertCorpusFolder(opts.corpusDir);
  const storage = await openArticleStorage({ dbPath: opts.dbPath, databaseUrl: opts.databaseUrl });
  const { repository, search } = storage;
  const db = storage.sqlite ?? openDatabase(':memory:');
  const store = new SqliteArticleStore(db);
  const analyzer = opts.analyze
    ? inProcessAnalyzer(opts.analyze)
    : new AnalysisPool({ size: opts.analysisWorkers, budgetMs: opts.analysisBudgetMs, workerUrl: opts.analysisWorkerUrl });
  const corpus = new Corpus({
    repository, search, clock, analyzer, version: opts.analysisVersion, logger: opts.logger as CorpusDeps['logger'],
    // Other processes on the same database see the same new articles: each is analysed by one of them.
    claims: { store: storage.claims, owner: defaultLeaseOwner() },
    ...(opts.indexSnapshots === false ? { snapshots: false as const } : {}),
  });
  const commands = opts.commands ?? allCommands;
  const digestConfig = opts.digest ?? { graceMinutes: 120, defaultTimezone: 'UTC', maxStories: 5 };
  const settingsDefaults = { timezone: digestConfig.defaultTimezone, maxStories: digestConfig.maxStories };
  const channelStores = opts.databaseUrl
    ? await openPostgresChannelStores(opts.databaseUrl, settingsDefaults)
    : { settings: new SqliteSettingsStore(db, settingsDefaults), ledger: new RunLedger(db), close: async () => undefined };
  const { settings, ledger } = channelStores;
  const digests = new DigestScheduler({
    settings, ledger, corpus, clock, logger: fullLogger(opts.logger), graceMinutes: digestConfig.graceMinutes,
    // Other processes on the shared database change settings too; SQLite setups are one process.
    resyncMs: opts.databaseUrl ? 10_000 : null,
    retry: opts.digestRetry, sleep: opts.digestSleep,
  });
  if (opts.channelsFile) await seedChannels(settings, loadChannelsFile(opts.channelsFile), clock.now(), opts.channelsFile);
  const channelFeeds = opts.feeds ? (await settings.list()).flatMap((c) => c.feeds.map((url) => ({ url, channelKey: c.address }))) : [];
  const feeds = opts.feeds ? await wireFeeds(storage, corpus, clock, opts.feeds, channelFeeds, opts.logger) : undefined;
  const services: CoreServices & { feeds?: FeedControl } = {
    corpus,
    clock,
    specs: () => commands.map((c) => c.spec),
    commandPrefix: opts.commandPrefix ?? '',
    settings,
    digests,
    feeds: feeds?.control,
  };
  const router = new CommandRegistry(commands, () => services, opts.logger, opts.rateLimits === undefined ? {} : { rateLimits: opts.rateLimits });
  const prune = async () => (opts.retentionDays ? repository.pruneOlderThan(new Date(clock.now().getTime() - opts.retentionDays * DAY_MS), clock.now()) : 0);
  const ingest = async (paths: string[]) => {
    const report = await ingestPaths(paths, repository, clock);
    logRefused(report, opts.logger);
    // Articles already past retention are not worth analysing.
    await prune();
    await corpus.refresh();
    return report;
  };
  let closed = false;
  const timers: NodeJS.Timeout[] = [];
  await prune();
  let ready: Promise<void>;
  if (opts.background) {
    // Serve what is already analysed at once (one pass over the compact index records); the folder and the
    // backlog follow without holding start-up.
    await corpus.sync();
    ready = (async () => {
      if (opts.corpusDir) {
        // A large folder takes a while to ingest: start analysing (and answering from) what is stored so far.
        const early = setInterval(() => {
          if (closed) return;
          try {
            corpus.refreshChanged();
          } catch (e) {
            opts.logger?.error('corpus refresh during start-up ingest failed', { error: (e as Error).message });
          }
        }, 2000);
        try {
          logRefused(await ingestPaths([opts.corpusDir], repository, clock), opts.logger);
        } finally {
          clearInterval(early);
        }
      }
      if (closed) return;
      await prune();
      await corpus.refresh();
    })().catch((e: unknown) => {
      if (!closed) opts.logger?.error('start-up ingest failed', { error: (e as Error).message });
    });
  } else {
    if (opts.corpusDir) await ingest([opts.corpusDir]);
    else await corpus.refresh();
    ready = Promise.resolve();
  }
  if (opts.watchMs) corpus.watch(opts.watchMs);
  if (opts.retentionDays && opts.watchMs) {
    const t = setInterval(() => {
      prune()
        .then((n) => void (n > 0 && corpus.refreshChanged()))
        .catch((e: Error) => opts.logger?.error('retention pruning failed', { error: e.message }));
    }, DAY_MS / 4);
    t.unref();
    timers.push(t);
  }
  return {
    storage, repository, search, db, store, corpus, router, services, clock, ingest, settings, ledger, digests, prune, feeds,
    whenReady: () => ready,
    close: async () => {
      closed = true;
      for (const t of timers) clearInterval(t);
      await feeds?.close();
      await digests.stop();
      await channelStores.close();
      // Terminates analysis workers; analyses already saved stay saved.
      await corpus.close();
      await storage.close();
      if (!storage.sqlite) db.close();
    },
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Files ingest refused (binary, over the size limit, empty, not a regular file) are not articles, so no
 * answer or status can list them: the log names each with its reason, so nothing is dropped silently.
 */
function logRefused(report: IngestReport, logger: CoreLogger | undefined): void {
  const log = fullLogger(logger);
  // A logger that only reports errors still gets these: a refused file must never go unrecorded.
  const warn = logger && 'warn' in logger ? log.warn : log.error;
  for (const f of report.failed.slice(0, 200)) warn('file refused at ingest', { source: f.source, reason: f.message });
  if (report.failed.length > 200) warn('more files refused at ingest', { count: report.failed.length - 200 });
}

/**
 * The feed subsystem over the core's store: new items are analysed through the corpus's live seam, and a
 * feed's notices (switched off after repeated failures) wait for the adapters, which exist only once the bot
 * has started; before that they are logged.
 */
async function wireFeeds(
  storage: ArticleStorage, corpus: Corpus, clock: Clock, settings: FeedSettings,
  channelFeeds: { url: string; channelKey: string }[], logger: CoreLogger | undefined,
): Promise<NonNullable<Core['feeds']>> {
  const log = fullLogger(logger);
  let notify: ((channelKey: string, text: string) => Promise<void>) | undefined;
  const feeds = await openFeeds({
    feedStore: await feedStoreFor(storage), articles: storage.repository, clock, settings, channelFeeds,
    onArticlesStored: () => corpus.refreshChanged(),
    notify: async (channelKey, text) => {
      if (notify) return notify(channelKey, text);
      log.warn('feed notice with no platform to post it', { channel: channelKey, text });
    },
    logger: log,
  });
  return Object.assign(feeds, { setNotifier: (fn: (channelKey: string, text: string) => Promise<void>) => void (notify = fn) });
}

/** A corpus folder that is missing or not a folder would silently answer from nothing: say so instead. */
function assertCorpusFolder(dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new NewsdeskError('not_found', `The corpus folder ${resolve(dir)} does not exist; create it, or set NEWSDESK_CORPUS (or --corpus DIR) to a folder of articles.`);
  }
  if (!isDir) throw new NewsdeskError('bad_argument', `The corpus path ${resolve(dir)} is a file, not a folder; set NEWSDESK_CORPUS (or --corpus DIR) to a folder of articles.`);
}

/** Digests, feeds and ingest log info/warn too; use them when the given logger has them. */
function fullLogger(l: CoreLogger | undefined): DigestLogger {
  const full = l as Partial<DigestLogger> | undefined;
  const noop = () => undefined;
  return {
    info: full?.info?.bind(l) ?? noop,
    warn: full?.warn?.bind(l) ?? noop,
    error: full?.error?.bind(l) ?? noop,
  };
}
