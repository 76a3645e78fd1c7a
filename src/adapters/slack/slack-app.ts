import type { HttpRoute } from '../http/route-server.js';
import { App, LogLevel, type Logger as BoltLogger, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../../config/config-schema.js';
import { NewsdeskError } from '../../core/errors.js';
import { GuardedHttpReceiver } from './guarded-receiver.js';
import { type GuardableSocketClient, guardSocketModeClient } from './socket-guard.js';

/**
 * Building the bolt App for one of the two transports. Everything
 * transport-specific lives here; the listeners do not care how events
 * arrive.
 */

/** The Slack config section. */
export type SlackConfig = Config['slack'];

/** Logger shape the adapter accepts (the app logger fits). */
export interface SlackAdapterLogger {
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}

/** An extra HTTP route served next to /slack/events (e.g. Discord interactions). */
export type SlackExtraRoute = HttpRoute;

/** Which transport a config selects: Socket Mode when forced, or in auto mode when an app token is set. */
export function slackTransport(cfg: SlackConfig): 'http' | 'socket' {
  if (cfg.mode === 'socket') return 'socket';
  if (cfg.mode === 'http') return 'http';
  return cfg.appToken ? 'socket' : 'http';
}

/** Web API client tuning; tests turn retries off so failures surface at once. */
export interface WebApiTuning {
  /** Retries for network errors and 5xx (rate limits are never retried: the caller decides). */
  retries?: number;
  timeoutMs?: number;
}

/** What buildSlackApp needs. */
export interface BuildSlackAppOptions {
  config: SlackConfig;
  routes: SlackExtraRoute[];
  logger: SlackAdapterLogger;
  webApi?: WebApiTuning;
}

/** web-api wants the base URL with a trailing slash ("…/api/"). */
export function normaliseApiUrl(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Adapt our logger to the interface bolt and its clients expect; debug chatter is dropped. */
export function boltLogger(logger: SlackAdapterLogger): BoltLogger {
  const join = (msgs: unknown[]) => msgs.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...m: unknown[]) => logger.info(`slack: ${join(m)}`),
    warn: (...m: unknown[]) => logger.warn(`slack: ${join(m)}`),
    error: (...m: unknown[]) => logger.error(`slack: ${join(m)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * Create the bolt App (not yet initialised: `deferInitialization`, so no
 * network call happens before `start()`). HTTP mode verifies signatures on
 * `/slack/events` and serves `routes` through bolt's customRoutes; Socket
 * Mode opens a WebSocket with the app token and serves no HTTP itself.
 * Both transports refuse malformed payloads before bolt sees them
 * (guarded-receiver.ts, socket-guard.ts).
 */
export function buildSlackApp(opts: BuildSlackAppOptions): { app: App; transport: 'http' | 'socket' } {
  const cfg = opts.config;
  if (!cfg.botToken) throw new NewsdeskError('config_invalid', 'Slack needs SLACK_BOT_TOKEN (xoxb-…).');
  const transport = slackTransport(cfg);
  const logger = boltLogger(opts.logger);
  const clientOptions = {
    slackApiUrl: normaliseApiUrl(cfg.apiUrl),
    // A 429 must reach the caller as `rate_limited` (the scheduler decides when to retry).
    rejectRateLimitedCalls: true,
    retryConfig: { retries: opts.webApi?.retries ?? 2, factor: 2, minTimeout: 500, maxTimeout: 4000 },
    timeout: opts.webApi?.timeoutMs ?? 10_000,
  };

  let receiver: GuardedHttpReceiver | SocketModeReceiver;
  if (transport === 'socket') {
    if (!cfg.appToken) throw new NewsdeskError('config_invalid', 'Slack Socket Mode needs SLACK_APP_TOKEN (xapp-…).');
    receiver = new SocketModeReceiver({
      appToken: cfg.appToken,
      logger,
      // SocketModeClient calls apps.connections.open with these options, so SLACK_API_URL applies here too.
      installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl, retryConfig: clientOptions.retryConfig } },
    });
    guardSocketModeClient(receiver.client as unknown as GuardableSocketClient, (m) => opts.logger.warn(m));
  } else {
    if (!cfg.signingSecret) throw new NewsdeskError('config_invalid', 'Slack HTTP mode needs SLACK_SIGNING_SECRET.');
    receiver = new GuardedHttpReceiver({
      signingSecret: cfg.signingSecret,
      routes: opts.routes,
      // Answer Slack at ack() time; work continues after (Slack's 3-second limit).
      processBeforeResponse: false,
      logger,
    });
  }
  const app = new App({
    token: cfg.botToken,
    receiver,
    logger,
    clientOptions,
    deferInitialization: true,
  });
  return { app, transport };
}
