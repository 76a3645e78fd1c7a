import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { type App, HTTPReceiver, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import { type HttpRoute, hardenServer } from '../http/route-server.js';
import { MAX_WEBHOOK_BODY_BYTES, isPlainObject, readLimitedBody, refuse } from '../http/read-body.js';

/**
 * Slack's HTTP transport with the checks stock bolt 5.1 leaves out, done
 * before bolt sees a request:
 *
 * - the body is limited while it streams in (413), not after buffering;
 * - the timestamp must be within ±5 minutes of now — bolt refuses only old
 *   ones, so a request signed for the future (a replay bank) would pass;
 * - the signature is checked here (HMAC-SHA256, constant-time compare);
 * - the body must parse to a JSON object: a signed `null` makes bolt read
 *   `null.ssl_check` in a detached async function, which kills the process.
 *
 * Requests that pass are handed to bolt's own HTTPReceiver (which checks the
 * signature again) with the body already buffered.
 */

/** Slack's window for X-Slack-Request-Timestamp, both directions. */
export const SLACK_MAX_SKEW_SECONDS = 300;

/** Options for GuardedHttpReceiver. */
export interface GuardedReceiverOptions {
  signingSecret: string;
  /** Other routes on the same server (/healthz, /discord/interactions). */
  routes: readonly HttpRoute[];
  logger: BoltLogger;
  bodyLimitBytes?: number;
  /** Milliseconds since the epoch; injected so tests can move time. */
  now?: () => number;
  processBeforeResponse?: boolean;
}

/** Why a Slack request was refused, or null when it may go on to bolt. */
export type SlackRequestVerdict = { status: number; error: string } | null;

/**
 * Verify a Slack request signature and timestamp. Pure apart from the
 * clock; never throws.
 */
export function checkSlackSignature(secret: string, timestamp: string | undefined, signature: string | undefined, rawBody: Buffer, nowMs: number): SlackRequestVerdict {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { status: 401, error: 'invalid_timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SLACK_MAX_SKEW_SECONDS) return { status: 401, error: 'stale_or_future_timestamp' };
  if (!signature || !/^v0=[0-9a-f]{64}$/i.test(signature)) return { status: 401, error: 'invalid_signature' };
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(rawBody).digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : { status: 401, error: 'invalid_signature' };
}

/**
 * Parse the body the way bolt will (form with optional `payload` JSON, or
 * JSON) and insist on an object; null when bolt must not see it.
 */
export function parseSlackBody(contentType: string | undefined, rawBody: Buffer): Record<string, unknown> | null {
  const text = rawBody.toString('utf8');
  try {
    // Same rule as bolt's parseHTTPRequestBody: only this exact content type is a form.
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuery(text);
      return typeof form.payload === 'string' ? objectOrNull(JSON.parse(form.payload)) : (form as Record<string, unknown>);
    }
    return objectOrNull(JSON.parse(text));
  } catch {
    return null;
  }
}

function objectOrNull(v: unknown): Record<string, unknown> | null {
  return isPlainObject(v) ? v : null;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? undefined : v;
}

/** A bolt Receiver: our own node:http server in front of bolt's HTTPReceiver. */
export class GuardedHttpReceiver implements Receiver {
  private readonly inner: HTTPReceiver;
  private server: Server | undefined;
  private readonly opts: GuardedReceiverOptions;

  constructor(opts: GuardedReceiverOptions) {
    this.opts = opts;
    this.inner = new HTTPReceiver({
      signingSecret: opts.signingSecret,
      endpoints: '/slack/events',
      processBeforeResponse: opts.processBeforeResponse ?? false,
      logger: opts.logger,
      bodyLimit: opts.bodyLimitBytes ?? MAX_WEBHOOK_BODY_BYTES,
    });
  }

  init(app: App): void {
    this.inner.init(app);
  }

  /** Listen on `{port, host}`; resolves with the server (as HTTPReceiver.start does). */
  start(listen: { port: number; host: string }): Promise<Server> {
    const server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        this.opts.logger.error(`slack request failed: ${(err as Error).message}`);
        refuse(res, 500, 'internal');
      });
    });
    hardenServer(server);
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(listen.port, listen.host, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/slack/events' && req.method === 'POST') return this.handleEvent(req, res);
    const route = this.opts.routes.find((r) => r.path === path && r.method === req.method);
    if (route) return route.handler(req, res);
    refuse(res, 404, 'not_found');
  }

  private async handleEvent(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const read = await readLimitedBody(req, this.opts.bodyLimitBytes ?? MAX_WEBHOOK_BODY_BYTES);
    if (!read.ok) return refuse(res, read.status, read.status === 413 ? 'body_too_large' : 'bad_request');
    const contentType = header(req, 'content-type');
    // Slack's unsigned SSL check: answer it here so its body never reaches bolt.
    if (contentType === 'application/x-www-form-urlencoded' && parseQuery(read.body.toString('utf8')).ssl_check === '1') {
      res.writeHead(200);
      res.end();
      return;
    }
    const verdict = checkSlackSignature(this.opts.signingSecret, header(req, 'x-slack-request-timestamp'), header(req, 'x-slack-signature'), read.body, (this.opts.now ?? Date.now)());
    if (verdict) {
      this.opts.logger.warn(`slack request refused: ${verdict.error}`);
      return refuse(res, verdict.status, verdict.error);
    }
    if (!parseSlackBody(contentType, read.body)) return refuse(res, 400, 'body_not_an_object');
    // bolt skips its own buffering when rawBody is already there.
    Object.assign(req, { rawBody: read.body });
    this.inner.requestListener(req, res);
  }
}
