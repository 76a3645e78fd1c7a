import { buildCore, type Core } from '../app/build-core.js';
import { coreOptions } from '../app/compose.js';
import { createLogger } from '../app/logger.js';
import { startBot } from '../app/start-bot.js';
import { buildBriefing } from '../briefing/build-briefing.js';
import { buildWhoProfile } from '../briefing/who-profile.js';
import { feedIntervalMs } from '../config/config-schema.js';
import { ConfigError, loadConfig, type Config } from '../config/load-config.js';
import { splitTopicAndWindow } from '../core/time-window.js';
import { renderPlainText } from '../render/plain-text.js';
import { briefingJson, whoJson } from './command-json.js';
import { parseCliArgs } from './parse-cli-args.js';
import { runAnalyze } from './run-analyze.js';
import { feedUserAgent, runFeeds } from './run-feeds.js';

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM), for the bot. */
  shutdownSignal?: Promise<string>;
}

export const CLI_USAGE = `newsdesk — a news desk inside Slack and Discord

Usage:
  newsdesk                                   start the bot (console when no Slack/Discord tokens are set)
  newsdesk ingest [PATH…]                    add articles (files or folders; default: the corpus folder)
  newsdesk analyze --json FILE…              analysis as JSON Lines (entities, quotes, summary)
  newsdesk brief <topic> [--json] [--corpus DIR]
  newsdesk who <name> [--json] [--corpus DIR]
  newsdesk feeds list|add|remove|test|poll|import FILE.opml|export
  newsdesk <command> [args…] [--corpus DIR] any chat command, e.g. newsdesk help
  newsdesk help

With npm: npm start, npm run cli -- <command> …`;

/** The CLI. Returns the exit code; never calls process.exit so it stays testable. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv[0] === 'cli' ? argv.slice(1) : argv);
  const out = (s: string) => io.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
  // NEWSDESK_QUOTE_FEATURES=1 adds each quote's model features (for refitting the confidence model).
  if (args.command === 'analyze') return runAnalyze(args.positional, out, { quoteFeatures: io.env.NEWSDESK_QUOTE_FEATURES === '1' });
  if (args.command === '--help' || args.command === '-h' || (args.command === 'help' && args.flags.has('cli'))) {
    out(CLI_USAGE);
    return 0;
  }

  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr.write(`newsdesk cannot start.\n${e.message}\nSee config/.env.example for every setting.\n`);
      return 78;
    }
    throw e;
  }
  const logger = createLogger(config.logLevel, io.stderr);
  if (!args.command || args.command === 'start') return startBot(config, io, logger);

  const corpusDir = args.options.get('corpus');
  let core: Core;
  try {
    core = await buildCore(coreOptions(config, { kind: 'cli', command: args.command, corpusDir }, logger));
  } catch (e) {
    io.stderr.write(`newsdesk: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    const json = args.flags.has('json');
    const text = args.positional.join(' ');
    if (args.command === 'ingest') {
      const report = await core.ingest(args.positional.length ? args.positional : [config.corpus]);
      out(`ingested: ${report.added.length} added, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.duplicates.length} duplicates, ${report.removed.length} removed, ${report.failed.length} failed`);
      for (const f of report.failed) io.stderr.write(`  skipped ${f.source}: ${f.message}\n`);
      // Stored but not analysable (e.g. too slow): answers leave these out, so say which and why.
      for (const f of core.corpus.failures()) io.stderr.write(`  analysis failed: ${f.reason === 'too_slow' ? 'too slow' : f.reason} — ${f.source}: ${f.message}\n`);
      out(`corpus: ${core.corpus.size()} articles in ${storageLabel(config)}`);
      return report.failed.length && !report.added.length && !report.updated.length && !report.unchanged.length ? 1 : 0;
    }
    if (args.command === 'feeds') {
      const env = { feedsFile: config.feeds.file, allowPrivate: config.feeds.allowPrivate, defaultEveryMs: feedIntervalMs(config), userAgent: feedUserAgent('0.1.0') };
      return await runFeeds(args.positional, core, env, out, (s) => io.stderr.write(s));
    }
    if (json && args.command === 'brief') {
      const { topic, window } = splitTopicAndWindow(text, core.clock.now());
      out(JSON.stringify(briefingJson(await buildBriefing(core.corpus, topic, { window, maxStories: 10 }))));
      return 0;
    }
    if (json && args.command === 'who') {
      out(JSON.stringify(whoJson(await buildWhoProfile(core.corpus, text))));
      return 0;
    }
    const reply = await core.router.run({
      name: args.command,
      args: text,
      actor: { id: 'cli', name: 'cli', isAdmin: true },
      channel: 'console:local',
      platform: 'cli',
    });
    out(json ? JSON.stringify(reply) : renderPlainText(reply));
    return reply.kind === 'error' ? 2 : 0;
  } finally {
    await core.close();
  }
}

/** Where the articles live, for people: the SQLite file, or the PostgreSQL server and database without credentials. */
export function storageLabel(config: Pick<Config, 'db' | 'databaseUrl'>): string {
  if (!config.databaseUrl) return config.db;
  try {
    const u = new URL(config.databaseUrl);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return 'PostgreSQL';
  }
}
