import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, types } from '@slack/bolt';
import type { CommandRouter, PlatformAdapter } from '../../core/adapter.js';
import { NewsdeskError } from '../../core/errors.js';
import type { Reply } from '../../core/reply.js';
import { healthRoute, serveRoutes } from '../http/route-server.js';
import { createAdminCheck } from './admin-check.js';
import { mapSlackError } from './map-slack-error.js';
import { renderBlocks } from './render-blocks.js';
import { type SlackAdapterLogger, type SlackConfig, type SlackExtraRoute, type WebApiTuning, buildSlackApp } from './slack-app.js';
import { decodeSlackAddress } from './slack-commands.js';
import { registerSlackListeners } from './slack-listeners.js';

/** Options for createSlackAdapter. */
export interface SlackAdapterOptions {
  config: SlackConfig;
  router: CommandRouter;
  /** Platform command prefix ("nd-" → /nd-brief); /newsdesk always works. */
  commandPrefix: string;
  /** Port for /slack/events (HTTP mode), /healthz and extraRoutes; 0 picks a free port. */
  port: number;
  host?: string;
  /** More routes on the same server (e.g. the Discord interactions endpoint). A GET /healthz here replaces the built-in one. */
  extraRoutes?: SlackExtraRoute[];
  logger?: SlackAdapterLogger;
  /** Web API retries/timeouts (tests use `{ retries: 0 }`). */
  webApi?: WebApiTuning;
  /** How long a users.info admin answer is trusted. */
  adminCacheMs?: number;
}

/** The Slack adapter, plus the bound HTTP port (for tests and logs). */
export type SlackAdapter = PlatformAdapter & {
  /** The port the HTTP server is bound to once started. */
  port(): number | undefined;
  /** The transport chosen from config. */
  readonly transport: 'http' | 'socket';
};

const silentLogger: SlackAdapterLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };


/**
 * Slack adapter on @slack/bolt. HTTP mode: one server on `port` answers
 * signed Slack requests at /slack/events plus /healthz and `extraRoutes`.
 * Socket Mode: events arrive over a WebSocket opened with the app token, and
 * the adapter still serves /healthz and `extraRoutes` on `port` with a plain
 * node:http server, so the process looks the same from outside either way.
 */
export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  const logger = opts.logger ?? silentLogger;
  const extra = opts.extraRoutes ?? [];
  const routes = extra.some((r) => r.path === '/healthz' && r.method === 'GET') ? extra : [healthRoute(), ...extra];
  const { app, transport } = buildSlackApp({ config: opts.config, routes, logger, webApi: opts.webApi });
  const inflight = new Set<Promise<unknown>>();
  let server: Server | undefined;
  let boundPort: number | undefined;
  let started = false;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inflight.add(work);
    void work.finally(() => inflight.delete(work)).catch(() => undefined);
    return work;
  };
  const isAdmin = createAdminCheck({
    adminUsers: opts.config.adminUsers,
    ttlMs: opts.adminCacheMs,
    lookup: async (user) => (await app.client.users.info({ user })).user,
    onLookupError: (user, err) => logger.warn('slack users.info failed; treating user as non-admin', { user, error: (err as Error).message }),
  });
  registerSlackListeners(app, { router: opts.router, prefix: opts.commandPrefix, isAdmin, logger, track });
  app.error(async (err) => logger.error('slack listener error', { error: err.message }));

  return {
    platform: 'slack',
    transport,
    port: () => boundPort,
    owns: (address) => address.startsWith('slack:'),

    async start() {
      if (started) return;
      try {
        // auth.test: fails fast on a bad token and tells bolt its own bot id (ignoreSelf).
        await app.init();
      } catch (err) {
        throw mapSlackError(err, 'Slack start-up');
      }
      const listen = { port: opts.port, host: opts.host ?? '0.0.0.0' };
      try {
        if (transport === 'http') {
          server = (await app.start(listen)) as Server;
        } else {
          await app.start();
          server = await serveRoutes(routes, listen.port, listen.host);
        }
      } catch (err) {
        await app.stop().catch(() => undefined);
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' || code === 'EACCES') {
          throw new NewsdeskError('config_invalid', `Cannot listen on ${listen.host}:${listen.port} (${code}); set PORT to a free port.`, { cause: err });
        }
        throw mapSlackError(err, 'Slack start-up');
      }
      boundPort = (server.address() as AddressInfo | null)?.port;
      started = true;
      logger.info('slack adapter started', { transport, port: boundPort });
    },

    async stop() {
      if (!started) return;
      started = false;
      // Let answers already being computed reach Slack before the sockets close.
      await Promise.allSettled([...inflight]);
      if (transport === 'http') {
        await app.stop();
      } else {
        await app.stop();
        await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
      }
      server = undefined;
      boundPort = undefined;
    },

    async post(address: string, reply: Reply) {
      const target = decodeSlackAddress(address);
      if (!target) throw new NewsdeskError('channel_gone', `“${address}” is not a Slack channel address (slack:<team>:<channel>).`);
      if (!started) throw new NewsdeskError('platform_unavailable', 'The Slack adapter is not running.');
      await postMessages(app, target.channelId, reply);
    },
  };
}

/** Post a rendered reply (possibly several messages) with chat.postMessage, mapping failures. */
async function postMessages(app: App, channel: string, reply: Reply): Promise<void> {
  for (const m of renderBlocks(reply)) {
    try {
      await app.client.chat.postMessage({ channel, text: m.text, blocks: m.blocks as unknown as types.KnownBlock[], unfurl_links: false, unfurl_media: false });
    } catch (err) {
      throw mapSlackError(err, 'Posting to Slack');
    }
  }
}

