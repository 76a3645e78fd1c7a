import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import type { Config } from '../config/load-config.js';
import { enabledPlatforms } from '../config/load-config.js';
import type { PlatformAdapter } from '../core/adapter.js';
import { createDiscordAdapter, createDiscordInteractionsHandler } from '../adapters/discord/index.js';
import { createSlackAdapter } from '../adapters/slack/index.js';
import { buildCore } from './build-core.js';
import { coreOptions } from './compose.js';
import { healthRoute, type HttpRoute, startHttpServer } from './http-server.js';
import type { CliIo } from '../cli/run-cli.js';
import type { Logger } from './logger.js';
import type { CorpusView } from '../corpus/corpus-view.js';
import { isNewsdeskError } from '../core/errors.js';
import { makeReply } from '../core/reply.js';

export const CONNECT_HINT =
  'Running in console mode. To connect Slack set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN); for Discord set DISCORD_TOKEN and DISCORD_APPLICATION_ID — see README "Connect to Slack/Discord".';

/**
 * Start the bot: the core plus whichever adapters the config has
 * credentials for, or the console when it has none. Resolves with the exit
 * code once the bot has stopped (end of piped input, or a shutdown signal).
 */
export async function startBot(config: Config, io: CliIo, logger: Logger): Promise<number> {
  let core: Awaited<ReturnType<typeof buildCore>>;
  try {
    core = await buildCore(coreOptions(config, { kind: 'bot' }, logger));
  } catch (e) {
    // A locked, read-only or corrupt database, or a missing corpus folder: one line saying what to do, no stack trace.
    if (!isNewsdeskError(e)) throw e;
    io.stderr.write(`newsdesk could not start: ${e.message}\n`);
    return 1;
  }
  logger.info('corpus ready', { ...core.corpus.status(), answerable: core.corpus.size(), db: config.db });
  let stopping = false;
  void core.whenReady().then(() => {
    if (!stopping) logger.info('corpus analysed', { ...core.corpus.status() });
  });
  const platforms = enabledPlatforms(config);
  const adapters: PlatformAdapter[] = [];
  let consoleDone: Promise<void> | undefined;

  if (!platforms.slack && !platforms.discord && !(config.discord.publicKey && config.discord.applicationId)) {
    const stdin = io.stdin ?? process.stdin;
    const interactive = !!stdin.isTTY;
    // Piped input is a script: answer it from the whole corpus, not from whatever is analysed so far.
    if (!interactive) {
      const stopped = await Promise.race([core.whenReady().then(() => false), (io.shutdownSignal ?? new Promise<never>(() => undefined)).then(() => true)]);
      if (stopped) {
        stopping = true;
        await core.close();
        return 0;
      }
    }
    const pending = core.corpus.status().pending;
    const adapter = createConsoleAdapter({
      router: core.router,
      input: stdin,
      output: io.stdout,
      interactive,
      commandPrefix: config.commands.prefix,
      greeting: `newsdesk — ${core.corpus.size()} articles${pending ? ` (${pending} more being analysed)` : ''}. Try /brief colombia, /who blinken or /help. Type /quit to leave.`,
    });
    io.stderr.write(`${CONNECT_HINT}\n`);
    adapters.push(adapter);
    consoleDone = adapter.done;
  }

  // Platform adapters: each is created only when its credentials are configured.
  const routes: HttpRoute[] = [healthRoute(() => healthStatus(core.corpus, adapters.map((a) => a.platform)))];
  // Optional Discord HTTP interactions endpoint; added before the routes are handed to a server.
  const discordEndpoint =
    config.discord.publicKey && config.discord.applicationId
      ? createDiscordInteractionsHandler({
          publicKey: config.discord.publicKey, router: core.router, commandPrefix: config.commands.prefix,
          applicationId: config.discord.applicationId, apiUrl: config.discord.apiUrl, adminRoles: config.discord.adminRoles, logger,
        })
      : undefined;
  if (discordEndpoint) routes.push({ path: '/discord/interactions', method: 'POST', handler: discordEndpoint });
  if (platforms.discord) {
    if (config.databaseUrl && config.discord.gateway) {
      // Each replica would open its own gateway session; the README's "Scaling out" runs replicas REST-only.
      logger.warn('several processes sharing NEWSDESK_DATABASE_URL should not each hold a Discord gateway session: set DISCORD_GATEWAY=false and DISCORD_PUBLIC_KEY (HTTP interactions) on every replica', {});
    }
    adapters.push(createDiscordAdapter({ config: config.discord, router: core.router, commandPrefix: config.commands.prefix, logger }));
  }
  if (platforms.slack) {
    adapters.push(
      createSlackAdapter({ config: config.slack, router: core.router, commandPrefix: config.commands.prefix, port: config.port, host: config.host, logger, extraRoutes: routes }),
    );
  }
  // Without Slack (which serves PORT itself), a small server keeps /healthz and webhooks reachable.
  let http: Awaited<ReturnType<typeof startHttpServer>> | undefined;
  const started: PlatformAdapter[] = [];
  try {
    if ((platforms.discord || discordEndpoint) && !platforms.slack) http = await startHttpServer(routes, config.port, config.host);
    for (const a of adapters) {
      await a.start();
      started.push(a);
    }
  } catch (e) {
    // A platform that refuses us (bad token, port taken) stops start-up cleanly with the reason, not a stack trace.
    io.stderr.write(`newsdesk could not start: ${(e as Error).message}\n`);
    for (const a of started) await a.stop().catch(() => undefined);
    await http?.close();
    await core.close();
    return 1;
  }
  logger.info('newsdesk started', { platforms: adapters.map((a) => a.platform).join(','), port: platforms.slack || http ? config.port : null });
  // Digests and feed notices go out through the started adapters; both stop before the adapters do.
  await core.digests.start(adapters);
  core.feeds?.setNotifier(async (address, text) => {
    const adapter = adapters.find((a) => a.owns(address));
    if (!adapter) return logger.warn('feed notice for a channel no adapter serves', { channel: address, text });
    await adapter.post(address, makeReply({ title: 'Feed switched off', intro: text, sections: [], visibility: 'channel' }));
  });
  core.feeds?.poller.start();
  const reason = await Promise.race([consoleDone ?? new Promise<never>(() => undefined), io.shutdownSignal ?? new Promise<never>(() => undefined)]);
  stopping = true;
  logger.info('shutting down', { reason: typeof reason === 'string' ? reason : 'end of input' });
  await core.feeds?.poller.stop();
  await core.digests.stop();
  for (const a of adapters) {
    try {
      await a.stop();
    } catch (e) {
      logger.warn('adapter did not stop cleanly', { platform: a.platform, error: (e as Error).message });
    }
  }
  await discordEndpoint?.drain?.();
  await http?.close();
  await core.close();
  return 0;
}

/** /healthz: ready as soon as the bot answers; the backlog counts say how much is still being analysed. */
export function healthStatus(corpus: CorpusView, platforms: string[]): Record<string, unknown> {
  const s = corpus.status();
  return { ready: s.ready, articles: corpus.size(), stored: s.articles, pending: s.pending, failed: s.failed, platforms };
}
