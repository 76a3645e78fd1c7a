import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { allCommands } from '../commands/index.js';
import { type Clock, systemClock } from '../core/clock.js';
import type { Command } from '../core/command-spec.js';
import { CommandRegistry, type CoreLogger } from '../core/command-registry.js';
import type { CoreServices } from '../core/services.js';
import { Corpus, type CorpusDeps, type EntityIndexBuilder } from '../corpus/corpus.js';
import { type IngestReport, ingestPaths } from '../corpus/ingest.js';
import { buildEntityIndex } from '../analysis/entity-index/build-entity-index.js';
import { FtsIndex } from '../search/fts-index.js';
import { openDatabase, SqliteArticleStore } from '../store/sqlite-article-store.js';
import type { DigestLogger } from '../digests/digest-runner.js';
import { DigestScheduler } from '../digests/digest-scheduler.js';
import type { RetryPolicy } from '../digests/deliver.js';
import { RunLedger } from '../digests/run-ledger.js';
import { loadChannelsFile, seedChannels } from '../settings/seed-channels.js';
import { SqliteSettingsStore } from '../settings/settings-store.js';

export interface BuildCoreOptions {
  /** SQLite file path, or ":memory:". */
  dbPath: string;
  /** Corpus folder ingested at start-up (skipped when it does not exist). */
  corpusDir?: string | null;
  commandPrefix?: string;
  clock?: Clock;
  logger?: CoreLogger;
  commands?: readonly Command[];
  buildEntityIndex?: EntityIndexBuilder;
  /** Replace the analysis stage (tests with hand-made analyses). */
  analyze?: CorpusDeps['analyze'];
  /** `config/channels.yaml` (or NEWSDESK_CHANNELS): channels seeded into the settings store at start-up. */
  channelsFile?: string | null;
  /** Digest defaults (`config.digest`). */
  digest?: { graceMinutes: number; defaultTimezone: string; maxStories: number };
  /** Delivery retry policy and sleep (tests make backoff instant). */
  digestRetry?: RetryPolicy;
  digestSleep?: (ms: number) => Promise<void>;
}

/** The wired command core: store, analysed corpus and command router. */
export interface Core {
  db: Database.Database;
  store: SqliteArticleStore;
  corpus: Corpus;
  router: CommandRegistry;
  services: CoreServices;
  clock: Clock;
  /** Channel settings (topics, schedule, zone…) with provenance. */
  settings: SqliteSettingsStore;
  /** Record of digest runs (exactly-once guard). */
  ledger: RunLedger;
  /** The digest scheduler; `start(adapters)` once adapters are up, `stop()` before they go. */
  digests: DigestScheduler;
  /** Ingest files/folders and refresh the corpus. */
  ingest(paths: string[]): Promise<IngestReport>;
  close(): Promise<void>;
}

/** Factory for the platform-neutral core. The composition root and tests both use it. */
export async function buildCore(opts: BuildCoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock;
  const db = openDatabase(opts.dbPath);
  const store = new SqliteArticleStore(db);
  const corpus = new Corpus({ store, fts: new FtsIndex(db), clock, buildEntityIndex: opts.buildEntityIndex ?? buildEntityIndex, analyze: opts.analyze });
  const commands = opts.commands ?? allCommands;
  const digestConfig = opts.digest ?? { graceMinutes: 120, defaultTimezone: 'UTC', maxStories: 5 };
  const settings = new SqliteSettingsStore(db, { timezone: digestConfig.defaultTimezone, maxStories: digestConfig.maxStories });
  const ledger = new RunLedger(db);
  const digests = new DigestScheduler({
    settings, ledger, corpus, clock, logger: digestLogger(opts.logger), graceMinutes: digestConfig.graceMinutes,
    retry: opts.digestRetry, sleep: opts.digestSleep,
  });
  if (opts.channelsFile) seedChannels(settings, loadChannelsFile(opts.channelsFile), clock.now(), opts.channelsFile);
  const services: CoreServices = {
    corpus,
    clock,
    specs: () => commands.map((c) => c.spec),
    commandPrefix: opts.commandPrefix ?? '',
    settings,
    digests,
  };
  const router = new CommandRegistry(commands, () => services, opts.logger);
  const ingest = async (paths: string[]) => {
    const report = await ingestPaths(paths, store, clock);
    corpus.refresh();
    return report;
  };
  if (opts.corpusDir && existsSync(opts.corpusDir)) await ingest([opts.corpusDir]);
  else corpus.refresh();
  return {
    db, store, corpus, router, services, clock, ingest, settings, ledger, digests,
    close: async () => {
      await digests.stop();
      store.close();
    },
  };
}

/** The digest code logs info/warn too; use them when the given logger has them. */
function digestLogger(l: CoreLogger | undefined): DigestLogger {
  const full = l as Partial<DigestLogger> | undefined;
  const noop = () => undefined;
  return {
    info: full?.info?.bind(l) ?? noop,
    warn: full?.warn?.bind(l) ?? noop,
    error: full?.error?.bind(l) ?? noop,
  };
}
