import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A thin fake of the Slack platform on 127.0.0.1 for end-to-end tests with
 * the real @slack/bolt: the Web API methods newsdesk calls (auth.test,
 * chat.postMessage, users.info, apps.connections.open), response_url
 * capture, and a Socket Mode WebSocket that sends envelopes and collects acks.
 */

/** One recorded Web API call. */
export interface FakeCall {
  method: string;
  body: Record<string, unknown>;
  authorization?: string;
}

/** A scripted failure for the next call of a method. */
export type FakeFailure = { status: 429; retryAfter: number } | { status: number } | { error: string };

/** Options for startFakeSlack. */
export interface FakeSlackOptions {
  botUserId?: string;
  teamId?: string;
  /** users.info answers by user id. */
  users?: Record<string, { is_admin?: boolean; is_owner?: boolean; name?: string }>;
  /** Called for every body POSTed to a response_url (benchmarks time answers with it). */
  onResponse?: (id: string, body: Record<string, unknown>) => void;
  /** Keep response bodies in `responses` (default true; a long soak turns it off to keep memory flat). */
  recordResponses?: boolean;
}

export interface FakeSlack {
  /** Base for `slackApiUrl`, with the trailing slash web-api expects. */
  apiUrl: string;
  port: number;
  calls: FakeCall[];
  /** JSON bodies POSTed to each response_url id. */
  responses: Map<string, Record<string, unknown>[]>;
  responseUrl(id: string): string;
  failNext(method: string, failure: FakeFailure): void;
  waitForCall(method: string, count?: number, timeoutMs?: number): Promise<FakeCall[]>;
  waitForResponses(id: string, count?: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
  /** Socket Mode: resolves once a client has connected and been sent hello. */
  socketConnected(timeoutMs?: number): Promise<void>;
  /** Socket Mode: send an envelope and resolve with the client's ack message. */
  sendEnvelope(type: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Socket Mode: send any text frame as is (malformed envelopes for attack tests). */
  sendRaw(text: string): void;
  close(): Promise<void>;
}

/** Poll until `check` returns a value (not undefined) or time runs out. */
export async function waitUntil<T>(check: () => T | undefined, timeoutMs = 3000, what = 'condition'): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Form or JSON body → object; JSON-looking form fields (blocks) are decoded like Slack does. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? (() => { try { return JSON.parse(v); } catch { return v; } })() : v;
  }
  return out;
}

/** Start the fake on an ephemeral port. */
export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botUserId = opts.botUserId ?? 'UBOT';
  const teamId = opts.teamId ?? 'T1';
  const calls: FakeCall[] = [];
  const responses = new Map<string, Record<string, unknown>[]>();
  const failures = new Map<string, FakeFailure[]>();
  const acks = new Map<string, (msg: Record<string, unknown>) => void>();
  let socket: WebSocket | undefined;
  let envelopeSeq = 0;
  let port = 0;

  const send = (res: import('node:http').ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const raw = await readBody(req);
    const body = parseBody(raw, req.headers['content-type']);
    const resp = /^\/response\/([^/]+)$/.exec(path);
    if (resp) {
      if (opts.recordResponses !== false) {
        const list = responses.get(resp[1]) ?? [];
        list.push(body);
        responses.set(resp[1], list);
      }
      opts.onResponse?.(resp[1], body);
      return send(res, 200, { ok: true });
    }
    const api = /^\/api\/([\w.]+)$/.exec(path);
    if (!api) return send(res, 404, { ok: false, error: 'unknown_path' });
    const method = api[1];
    calls.push({ method, body, authorization: req.headers.authorization });
    const failure = failures.get(method)?.shift();
    if (failure) {
      if ('error' in failure) return send(res, 200, { ok: false, error: failure.error });
      if (failure.status === 429) return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String((failure as { retryAfter: number }).retryAfter) });
      return send(res, failure.status, { ok: false, error: 'fake_failure' });
    }
    switch (method) {
      case 'auth.test':
        return send(res, 200, { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'newsdesk', team_id: teamId, user_id: botUserId, bot_id: 'BBOT' });
      case 'chat.postMessage':
        return send(res, 200, { ok: true, channel: body.channel, ts: `${Date.now() / 1000}`, message: { text: body.text } });
      case 'users.info': {
        const id = String(body.user ?? '');
        const u = opts.users?.[id];
        if (!u) return send(res, 200, { ok: false, error: 'user_not_found' });
        return send(res, 200, { ok: true, user: { id, team_id: teamId, name: u.name ?? id, is_admin: !!u.is_admin, is_owner: !!u.is_owner } });
      }
      case 'apps.connections.open':
        return send(res, 200, { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=fake-ticket` });
      default:
        return send(res, 200, { ok: false, error: 'unknown_method' });
    }
  });

  const wss = new WebSocketServer({ server, path: '/link/' });
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as Record<string, unknown>;
      const id = String(msg.envelope_id ?? '');
      acks.get(id)?.(msg);
      acks.delete(id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-slack', approximate_connection_time: 3600 }, connection_info: { app_id: 'A1' } }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    port,
    calls,
    responses,
    responseUrl: (id) => `http://127.0.0.1:${port}/response/${id}`,
    failNext(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    waitForCall: (method, count = 1, timeoutMs) =>
      waitUntil(() => {
        const got = calls.filter((c) => c.method === method);
        return got.length >= count ? got : undefined;
      }, timeoutMs, `${count}× ${method}`),
    waitForResponses: (id, count = 1, timeoutMs) =>
      waitUntil(() => {
        const got = responses.get(id) ?? [];
        return got.length >= count ? got : undefined;
      }, timeoutMs, `${count} response(s) at ${id}`),
    socketConnected: (timeoutMs) => waitUntil(() => (socket ? true : undefined), timeoutMs, 'socket connection').then(() => undefined),
    sendEnvelope(type, payload, timeoutMs = 3000) {
      if (!socket) throw new Error('no Socket Mode client connected');
      const envelope_id = `env-${envelopeSeq++}`;
      const acked = new Promise<Record<string, unknown>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ack for ${envelope_id}`)), timeoutMs);
        acks.set(envelope_id, (m) => {
          clearTimeout(timer);
          resolve(m);
        });
      });
      socket.send(JSON.stringify({ envelope_id, type, accepts_response_payload: type !== 'events_api', payload }));
      return acked;
    },
    sendRaw(text) {
      if (!socket) throw new Error('no Socket Mode client connected');
      socket.send(text);
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Slack request signature headers for a raw body (v0 HMAC-SHA256). */
export function signSlackRequest(secret: string, rawBody: string, timestampSec = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${rawBody}`).digest('hex')}`;
  return { 'x-slack-signature': sig, 'x-slack-request-timestamp': String(timestampSec) };
}

/** Fields of a slash command as Slack sends them (form-encoded over HTTP, an object over Socket Mode). */
export function slashCommandPayload(p: { command: string; text: string; responseUrl: string; userId?: string; teamId?: string; channelId?: string }): Record<string, string> {
  return {
    token: 'legacy-token',
    team_id: p.teamId ?? 'T1',
    team_domain: 'fake',
    channel_id: p.channelId ?? 'C1',
    channel_name: 'newsroom',
    user_id: p.userId ?? 'U1',
    user_name: 'reporter',
    command: p.command,
    text: p.text,
    api_app_id: 'A1',
    response_url: p.responseUrl,
    trigger_id: 'trigger-1',
  };
}

/** An Events API callback wrapping an app_mention. */
export function appMentionEvent(p: { text: string; userId?: string; channel?: string; teamId?: string; ts?: string }): Record<string, unknown> {
  const ts = p.ts ?? '1700000000.000100';
  return {
    token: 'legacy-token',
    team_id: p.teamId ?? 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${ts.replace('.', '')}`,
    event_time: 1700000000,
    authorizations: [{ team_id: p.teamId ?? 'T1', user_id: 'UBOT', is_bot: true }],
    event: { type: 'app_mention', user: p.userId ?? 'U1', text: p.text, ts, channel: p.channel ?? 'C1', event_ts: ts, team: p.teamId ?? 'T1' },
  };
}

/** A block_actions payload for a button click. */
export function buttonClickPayload(p: { actionId: string; value: string; responseUrl: string; userId?: string; channel?: string; teamId?: string }): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: p.userId ?? 'U1', username: 'reporter', name: 'reporter', team_id: p.teamId ?? 'T1' },
    api_app_id: 'A1',
    token: 'legacy-token',
    container: { type: 'message', message_ts: '1700000000.000200', channel_id: p.channel ?? 'C1', is_ephemeral: true },
    trigger_id: 'trigger-2',
    team: { id: p.teamId ?? 'T1', domain: 'fake' },
    channel: { id: p.channel ?? 'C1', name: 'newsroom' },
    response_url: p.responseUrl,
    actions: [{ type: 'button', action_id: p.actionId, block_id: 'b1', value: p.value, text: { type: 'plain_text', text: 'x' }, action_ts: '1700000000.1' }],
  };
}
