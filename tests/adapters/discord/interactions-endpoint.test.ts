import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordInteractionsHandler, type DiscordInteractionsHandler } from '../../../src/adapters/discord/interactions-endpoint.js';
import { buildCore, type Core } from '../../../src/app/build-core.js';
import { fixedClock } from '../../../src/core/clock.js';
import type { CommandRouter } from '../../../src/core/adapter.js';
import { type FakeDiscord, interactionPayload, startFakeDiscord } from '../../fakes/fake-discord.js';

/**
 * The HTTP interactions endpoint with real Ed25519 signatures: Discord's
 * PING, verification failures, inline answers, deferred answers completed
 * through the fake REST webhook routes, and autocomplete.
 */

const NOW = new Date('2026-03-02T14:00:00Z');
const nowSeconds = String(Math.floor(NOW.getTime() / 1000));
let core: Core;
let fake: FakeDiscord;
let server: Server | undefined;
let handler: DiscordInteractionsHandler | undefined;
let privateKey: KeyObject;
let publicHex: string;

beforeAll(async () => {
  core = await buildCore({ dbPath: ':memory:', corpusDir: 'seeds' });
  const pair = generateKeyPairSync('ed25519');
  privateKey = pair.privateKey;
  publicHex = Buffer.from(pair.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
});
afterAll(async () => {
  await core.close();
});
afterEach(async () => {
  await handler?.drain();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await fake?.close();
  server = handler = undefined;
});

function slow(router: CommandRouter, ms: number): CommandRouter {
  return { ...router, specs: () => router.specs(), complete: (s, p, n) => router.complete(s, p, n), run: async (inv) => (await new Promise((r) => setTimeout(r, ms)), router.run(inv)) };
}

async function start(opts: { delayMs?: number; deferAfterMs?: number } = {}): Promise<string> {
  fake = await startFakeDiscord();
  handler = createDiscordInteractionsHandler({
    publicKey: publicHex, router: opts.delayMs ? slow(core.router, opts.delayMs) : core.router, commandPrefix: '', applicationId: fake.applicationId,
    apiUrl: fake.api, clock: fixedClock(NOW), deferAfterMs: opts.deferAfterMs, rest: { retries: 0 },
  });
  server = createServer((req, res) => (req.url === '/discord/interactions' ? handler!(req, res) : res.end()));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
}

async function post(url: string, payload: unknown, opts: { ts?: string; key?: KeyObject; tamper?: boolean } = {}): Promise<{ status: number; body: any }> {
  const body = JSON.stringify(payload);
  const ts = opts.ts ?? nowSeconds;
  const signature = sign(null, Buffer.from(ts + body), opts.key ?? privateKey).toString('hex');
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': ts },
    body: opts.tamper ? body.replace('blinken', 'maduro') : body,
  });
  return { status: res.status, body: await res.json() };
}

describe('Discord HTTP interactions endpoint', () => {
  it('answers a signed PING with type 1', async () => {
    const url = await start();
    expect(await post(url, { type: 1, id: '1', application_id: fake.applicationId, token: 't', version: 1 })).toEqual({ status: 200, body: { type: 1 } });
  });

  it('rejects a wrong key, a tampered body and a stale timestamp with 401 and runs nothing', async () => {
    const url = await start();
    const cmd = interactionPayload({ name: 'who', options: [{ name: 'name', type: 3, value: 'blinken' }] });
    const other = generateKeyPairSync('ed25519').privateKey;
    expect((await post(url, cmd, { key: other })).status).toBe(401);
    expect((await post(url, cmd, { tamper: true })).status).toBe(401);
    expect((await post(url, cmd, { ts: String(Number(nowSeconds) - 600) })).status).toBe(401);
    expect(fake.requests).toHaveLength(0);
  });

  it('answers /who blinken inline with an ephemeral embed (type 4)', async () => {
    const url = await start();
    const { status, body } = await post(url, interactionPayload({ name: 'who', options: [{ name: 'name', type: 3, value: 'blinken' }] }));
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.embeds[0].title).toBe('Antony Blinken');
  });

  it('defers a slow /brief (type 5) and completes it with PATCH @original', async () => {
    const url = await start({ delayMs: 300, deferAfterMs: 50 });
    const started = Date.now();
    const { body } = await post(url, interactionPayload({ name: 'brief', token: 'http-slow', options: [{ name: 'topic', type: 3, value: 'colombia' }] }));
    expect(Date.now() - started).toBeLessThan(300);
    expect(body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitForRequest((r) => r.method === 'PATCH');
    expect(edit.path).toBe(`/api/v10/webhooks/${fake.applicationId}/http-slow/messages/%40original`);
    expect(edit.authorization).toBeUndefined();
    expect((edit.body as { embeds: { title: string }[] }).embeds[0].title).toMatch(/colombia/i);
  });

  it('answers autocomplete with type 8 choices', async () => {
    const url = await start();
    const { body } = await post(url, interactionPayload({ name: 'brief', options: [{ name: 'topic', type: 3, value: 'col', focused: true }] }, 4));
    expect(body).toEqual({ type: 8, data: { choices: [{ name: 'Colombia', value: 'Colombia' }] } });
  });
});
