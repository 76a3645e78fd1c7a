import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { allCommands } from '../commands/index.js';
import { type Clock, systemClock } from '../core/clock.js';
import type { Command } from '../core/command-spec.js';
import { CommandRegistry, type CoreLogger } from '../core/command-registry.js';
import type { CoreServices } from '../core/services.js';
import { Corpus, type CorpusDeps, type EntityIndexBuilder } from '../corpus/corpus.js';
import { type IngestReport, ingestPaths } from '../corpus/ingest.js';
import { buildSimpleEntityIndex } from '../corpus/simple-entity-index.js';
import { FtsIndex } from '../search/fts-index.js';
import { openDatabase, SqliteArticleStore } from '../store/sqlite-article-store.js';

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
}

/** The wired command core: store, analysed corpus and command router. */
export interface Core {
  db: Database.Database;
  store: SqliteArticleStore;
  corpus: Corpus;
  router: CommandRegistry;
  services: CoreServices;
  clock: Clock;
  /** Ingest files/folders and refresh the corpus. */
  ingest(paths: string[]): Promise<IngestReport>;
  close(): Promise<void>;
}

/** Factory for the platform-neutral core. The composition root and tests both use it. */
export async function buildCore(opts: BuildCoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock;
  const db = openDatabase(opts.dbPath);
  const store = new SqliteArticleStore(db);
  const corpus = new Corpus({ store, fts: new FtsIndex(db), clock, buildEntityIndex: opts.buildEntityIndex ?? buildSimpleEntityIndex, analyze: opts.analyze });
  const commands = opts.commands ?? allCommands;
  const services: CoreServices = {
    corpus,
    clock,
    specs: () => commands.map((c) => c.spec),
    commandPrefix: opts.commandPrefix ?? '',
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
    db, store, corpus, router, services, clock, ingest,
    close: async () => store.close(),
  };
}
