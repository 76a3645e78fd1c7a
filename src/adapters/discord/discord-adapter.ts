import { Client, Events, GatewayIntentBits, type Interaction, type RateLimitData, Routes } from 'discord.js';
import type { Config } from '../../config/load-config.js';
import type { CommandRouter, PlatformAdapter } from '../../core/adapter.js';
import { NewsdeskError } from '../../core/errors.js';
import type { Reply } from '../../core/reply.js';
import { decodeDiscordAddress } from './discord-commands.js';
import { guardGatewayDispatch } from './gateway-guard.js';
import { type DiscordAdapterLogger, handleInteraction } from './gateway-interactions.js';
import { mapDiscordError } from './map-discord-error.js';
import { renderEmbeds, toRestBody } from './render-embeds.js';
import { DEFAULT_DEFER_AFTER_MS } from './respond-in-time.js';

/** Options for createDiscordAdapter. */
export interface DiscordAdapterOptions {
  /** Discord settings; `gateway` defaults to true (hold a gateway session). */
  config: Omit<Config['discord'], 'gateway'> & { gateway?: boolean };
  router: CommandRouter;
  /** Platform command prefix ("nd-" → /nd-brief); /newsdesk always works. */
  commandPrefix: string;
  logger?: DiscordAdapterLogger;
  /** How long to wait for the core before deferring (default 2000 ms; Discord's deadline is 3000 ms). */
  deferAfterMs?: number;
  /** REST tuning: tests use `{ retries: 0, timeout: … }` to fail fast. */
  rest?: { retries?: number; timeout?: number };
  /** How long start() waits for the gateway READY (default 60 s). */
  readyTimeoutMs?: number;
}

const silentLogger: DiscordAdapterLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Channel-message routes reject on 429 instead of waiting inside the REST
 * queue: a digest delivery should hand `retryAfterMs` to the scheduler
 * rather than block. Interaction callbacks keep discord.js's own waiting,
 * because their 15-minute token outlives any reasonable rate limit.
 */
export function rejectChannelRateLimits(data: RateLimitData): boolean {
  return data.route.startsWith('/channels/');
}

/**
 * The Discord adapter: a gateway client with only the Guilds intent, slash
 * commands and autocomplete answered through the core, and `post()` for
 * scheduled deliveries via REST `POST /channels/{id}/messages`. With
 * `config.gateway === false` it opens no gateway session and only posts
 * (commands then arrive through the HTTP interactions endpoint).
 */
export function createDiscordAdapter(opts: DiscordAdapterOptions): PlatformAdapter {
  const logger = opts.logger ?? silentLogger;
  const deferAfterMs = opts.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  const inflight = new Set<Promise<unknown>>();
  let client: Client | undefined;
  let started = false;

  const track = (work: Promise<unknown>): void => {
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  };
  const onInteraction = (i: Interaction): void => {
    const work = handleInteraction(i, { router: opts.router, prefix: opts.commandPrefix, adminRoles: opts.config.adminRoles, deferAfterMs, logger }).catch((err: unknown) => {
      const mapped = mapDiscordError(err, 'Answering a Discord interaction');
      logger.error('discord interaction failed', { id: i.id, code: mapped.code, error: mapped.message });
    });
    track(work);
  };

  return {
    platform: 'discord',
    owns: (address) => address.startsWith('discord:'),

    async start() {
      if (started) return;
      if (!opts.config.token) throw new NewsdeskError('config_invalid', 'DISCORD_TOKEN is not set.');
      // A fresh client per start: discord.js clients are not meant to be logged in twice.
      const c = new Client({
        intents: [GatewayIntentBits.Guilds],
        rest: { api: opts.config.apiUrl.replace(/\/+$/, ''), rejectOnRateLimit: rejectChannelRateLimits, ...opts.rest },
        allowedMentions: { parse: [] },
      });
      if (opts.config.gateway === false) {
        // REST only (replicas behind the HTTP interactions endpoint): no gateway session, so no replica
        // competes for interactions or holds a connection another must take over; digests still post.
        c.rest.setToken(opts.config.token);
        client = c;
        started = true;
        logger.info('discord adapter started without a gateway connection (REST only)', {});
        return;
      }
      if (!guardGatewayDispatch(c.ws, (m, meta) => logger.warn(m, meta))) logger.warn('discord dispatch guard not installed (discord.js internals changed)');
      c.on(Events.InteractionCreate, onInteraction);
      c.on(Events.Error, (err) => logger.error('discord client error', { error: err.message }));
      c.on(Events.Warn, (msg) => logger.warn('discord client warning', { message: msg }));
      let timer: NodeJS.Timeout | undefined;
      const ready = new Promise<void>((resolve, reject) => {
        c.once(Events.ClientReady, () => resolve());
        timer = setTimeout(() => reject(new NewsdeskError('platform_unavailable', 'Discord gateway did not become ready in time.')), opts.readyTimeoutMs ?? 60_000);
      });
      try {
        await c.login(opts.config.token);
        await ready;
      } catch (err) {
        await c.destroy().catch(() => undefined);
        throw mapDiscordError(err, 'Discord start-up');
      } finally {
        clearTimeout(timer);
        ready.catch(() => undefined);
      }
      client = c;
      started = true;
      logger.info('discord adapter started', { user: c.user?.tag, guilds: c.guilds.cache.size });
    },

    async stop() {
      if (!started || !client) return;
      started = false;
      // Let answers already being computed reach Discord before the client goes.
      await Promise.allSettled([...inflight]);
      const c = client;
      client = undefined;
      c.removeAllListeners();
      await c.destroy();
    },

    async post(address: string, reply: Reply) {
      const target = decodeDiscordAddress(address);
      if (!target) throw new NewsdeskError('channel_gone', `“${address}” is not a Discord channel address (discord:<guild>:<channel>).`);
      if (!started || !client) throw new NewsdeskError('platform_unavailable', 'The Discord adapter is not running.');
      for (const payload of renderEmbeds(reply, opts.commandPrefix)) {
        try {
          await client.rest.post(Routes.channelMessages(target.channelId), { body: toRestBody(payload) });
        } catch (err) {
          throw mapDiscordError(err, 'Posting to Discord');
        }
      }
    },
  };
}
