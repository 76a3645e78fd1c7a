import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A thin fake of Discord on 127.0.0.1 that the real discord.js talks to:
 * REST under /api/v10 (gateway info, interaction callbacks, webhook
 * follow-ups/edits, channel messages, command registration) and a JSON
 * gateway (HELLO, IDENTIFY → READY with no guilds, heartbeat ACK, dispatch).
 * Everything received is recorded for assertions.
 */

/** One REST request as the fake saw it. */
export interface FakeRequest {
  method: string;
  /** Path without the query string, still URL-encoded (`%40original`). */
  path: string;
  query: string;
  body: unknown;
  authorization?: string;
  at: number;
}

/** How the fake answers POST /channels/{id}/messages for a channel. */
export type ChannelBehaviour = 'ok' | '429' | '404' | '403' | '500';

export interface FakeDiscord {
  /** REST base for `rest: { api }` (discord.js appends /v10). */
  api: string;
  gatewayUrl: string;
  applicationId: string;
  requests: FakeRequest[];
  /** Frames the client sent on the gateway (IDENTIFY, heartbeats…). */
  gatewayFrames: { op: number; d: unknown }[];
  channelBehaviour: Map<string, ChannelBehaviour>;
  /** Seconds sent in Retry-After for '429' channels. */
  retryAfterSeconds: number;
  /** Answer GET /gateway/bot with 401 (bad token). */
  rejectToken: boolean;
  /** Send a gateway dispatch to every connected client. */
  dispatch(t: string, d: unknown): void;
  /** Resolve with the first request matching `pred`, waiting up to `timeoutMs`. */
  waitForRequest(pred: (r: FakeRequest) => boolean, timeoutMs?: number): Promise<FakeRequest>;
  /** Resolves once a client has identified and received READY. */
  identified(): Promise<void>;
  close(): Promise<void>;
}

const BOT_USER = { id: '900000000000000001', username: 'newsdesk', discriminator: '0', global_name: null, avatar: null, bot: true };

export async function startFakeDiscord(opts: { applicationId?: string } = {}): Promise<FakeDiscord> {
  const applicationId = opts.applicationId ?? '800000000000000001';
  const requests: FakeRequest[] = [];
  const gatewayFrames: { op: number; d: unknown }[] = [];
  const sockets = new Set<WebSocket>();
  const waiters = new Set<() => void>();
  let readyResolve: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (readyResolve = r));
  let seq = 0;
  let nextId = 1_000_000_000_000_000_000n;

  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const gatewayUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const send = (ws: WebSocket, frame: Record<string, unknown>) => ws.send(JSON.stringify(frame));
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    send(ws, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: unknown };
      gatewayFrames.push(frame);
      if (frame.op === 1) send(ws, { op: 11, d: null, s: null, t: null });
      if (frame.op === 2) {
        send(ws, {
          op: 0, t: 'READY', s: ++seq,
          d: { v: 10, user: BOT_USER, guilds: [], session_id: 'fake-session', resume_gateway_url: gatewayUrl, application: { id: applicationId, flags: 0 }, shard: [0, 1] },
        });
        readyResolve();
      }
    });
  });

  const fake: FakeDiscord = {
    api: '',
    gatewayUrl,
    applicationId,
    requests,
    gatewayFrames,
    channelBehaviour: new Map(),
    retryAfterSeconds: 2.5,
    rejectToken: false,
    dispatch(t, d) {
      const s = ++seq;
      for (const ws of sockets) send(ws, { op: 0, t, s, d });
    },
    waitForRequest(pred, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const hit = requests.find(pred);
          if (!hit) return false;
          waiters.delete(check as () => void);
          clearTimeout(timer);
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check as () => void);
          reject(new Error(`fake discord: no matching request within ${timeoutMs} ms; saw ${requests.map((r) => `${r.method} ${r.path}`).join(', ')}`));
        }, timeoutMs);
        if (!check()) waiters.add(check as () => void);
      });
    },
    identified: () => readyPromise,
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  const message = (channelId: string, body: Record<string, unknown>) => ({
    id: String(nextId++), channel_id: channelId, author: BOT_USER, content: '', embeds: [], attachments: [], mentions: [], mention_roles: [],
    mention_everyone: false, pinned: false, tts: false, type: 0, timestamp: new Date().toISOString(), edited_timestamp: null, components: [], flags: 0, ...body,
  });

  const server: Server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const [path, query = ''] = (req.url ?? '/').split('?');
      const body = text ? JSON.parse(text) : undefined;
      const record: FakeRequest = { method: req.method ?? 'GET', path, query, body, authorization: req.headers.authorization, at: Date.now() };
      requests.push(record);
      for (const w of [...waiters]) w();
      const json = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
        // Like Discord: a 204 has no body and no JSON content type (discord.js would try to parse it).
        res.writeHead(status, status === 204 ? headers : { 'content-type': 'application/json', ...headers });
        res.end(payload === undefined ? undefined : JSON.stringify(payload));
      };
      const p = path.replace(/^\/api\/v10/, '');
      let m: RegExpExecArray | null;
      if (req.method === 'GET' && p === '/gateway/bot') {
        if (fake.rejectToken) return json(401, { message: '401: Unauthorized', code: 0 });
        return json(200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
      }
      if (req.method === 'POST' && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(p)) return json(204);
      if ((m = /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/([^/]+)$/.exec(p))) {
        if (req.method === 'DELETE') return json(204);
        return json(200, message('0', body ?? {}));
      }
      if (req.method === 'POST' && /^\/webhooks\/[^/]+\/[^/]+$/.test(p)) return json(200, message('0', body ?? {}));
      if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(p))) {
        const behaviour = fake.channelBehaviour.get(m[1]) ?? 'ok';
        if (behaviour === '429') {
          const ra = fake.retryAfterSeconds;
          return json(429, { message: 'You are being rate limited.', retry_after: ra, global: false }, { 'retry-after': String(ra), 'x-ratelimit-scope': 'user' });
        }
        if (behaviour === '404') return json(404, { message: 'Unknown Channel', code: 10003 });
        if (behaviour === '403') return json(403, { message: 'Missing Access', code: 50001 });
        if (behaviour === '500') return json(500, { message: 'Internal Server Error', code: 0 });
        return json(200, message(m[1], body ?? {}));
      }
      if (req.method === 'PUT' && /^\/applications\/[^/]+(\/guilds\/[^/]+)?\/commands$/.test(p)) {
        return json(200, (Array.isArray(body) ? body : []).map((c: Record<string, unknown>) => ({ id: String(nextId++), application_id: applicationId, version: '1', ...c })));
      }
      return json(404, { message: '404: Not Found', code: 0 });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  fake.api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Options for an interaction fixture. */
export interface InteractionFixture {
  name: string;
  options?: { name: string; type: number; value: string | boolean; focused?: boolean }[];
  guildId?: string | null;
  channelId?: string;
  userId?: string;
  /** Member permissions bitfield as a decimal string ("0" = none, "32" = Manage Server). */
  permissions?: string;
  roles?: string[];
  applicationId?: string;
  id?: string;
  token?: string;
}

let fixtureSeq = 0;

/**
 * A raw APPLICATION_COMMAND (type 2) or AUTOCOMPLETE (type 4) interaction as
 * Discord sends it; includes the fields discord.js insists on
 * (`entitlements`, `app_permissions`, `locale`, `member.user`…).
 */
export function interactionPayload(f: InteractionFixture, type: 2 | 4 = 2): Record<string, unknown> {
  fixtureSeq += 1;
  const guildId = f.guildId === undefined ? '111111111111111111' : f.guildId;
  const channelId = f.channelId ?? '222222222222222222';
  const user = { id: f.userId ?? '333333333333333333', username: 'reporter', discriminator: '0', global_name: 'Reporter', avatar: null };
  return {
    id: f.id ?? String(700000000000000000n + BigInt(fixtureSeq)),
    application_id: f.applicationId ?? '800000000000000001',
    type,
    token: f.token ?? `tok-${fixtureSeq}`,
    version: 1,
    data: { id: '600000000000000001', name: f.name, type: 1, options: f.options ?? [] },
    guild_id: guildId ?? undefined,
    channel_id: channelId,
    channel: { id: channelId, type: guildId ? 0 : 1 },
    ...(guildId
      ? { member: { user, roles: f.roles ?? [], permissions: f.permissions ?? '0', joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, nick: null, avatar: null, premium_since: null, pending: false } }
      : { user }),
    app_permissions: '2048',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    context: guildId ? 0 : 1,
    attachment_size_limit: 8_388_608,
  };
}
