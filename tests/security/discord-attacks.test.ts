import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../src/adapters/discord/index.js';
import { dispatchProblem } from '../../src/adapters/discord/gateway-guard.js';
import { createDiscordInteractionsHandler, type DiscordInteractionsHandler } from '../../src/adapters/discord/interactions-endpoint.js';
import { buildCore, type Core } from '../../src/app/build-core.js';
import type { PlatformAdapter } from '../../src/core/adapter.js';
import { type FakeDiscord, interactionPayload, startFakeDiscord } from '../fakes/fake-discord.js';

/**
 * Attacks on both Discord transports over real sockets: malformed gateway
 * dispatches to the real discord.js client, and signed non-object or
 * oversized bodies to the HTTP interactions endpoint.
 */

let core: Core;
let fake: FakeDiscord | undefined;
let adapter: PlatformAdapter | undefined;
let server: Server | undefined;
let handler: DiscordInteractionsHandler | undefined;
const warnings: string[] = [];
const logger = { info: () => undefined, warn: (m: string, x?: Record<string, unknown>) => void warnings.push(`${m} ${JSON.stringify(x ?? {})}`), error: (m: string) => void warnings.push(m) };

beforeAll(async () => {
  core = await buildCore({ dbPath: ':memory:', corpusDir: 'seeds' });
});
afterAll(async () => {
  await core.close();
});
afterEach(async () => {
  await adapter?.stop();
  await handler?.drain();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await fake?.close();
  adapter = server = handler = fake = undefined;
  warnings.length = 0;
});

describe('Discord gateway under attack', () => {
  it('drops INTERACTION_CREATE dispatches whose payload is not an object and keeps answering', async () => {
    fake = await startFakeDiscord();
    adapter = createDiscordAdapter({
      config: { token: 'fake.bot.token', applicationId: fake.applicationId, apiUrl: fake.api, adminRoles: [] },
      router: core.router, commandPrefix: '', rest: { retries: 0, timeout: 3000 }, logger,
    });
    await adapter.start();
    for (const d of [null, [], 'x', 7]) fake.dispatch('INTERACTION_CREATE', d);
    fake.dispatch('INTERACTION_CREATE', interactionPayload({ name: 'who', token: 'after', options: [{ name: 'name', type: 3, value: 'blinken' }] }));
    const cb = await fake.waitForRequest((r) => r.method === 'POST' && r.path.endsWith('/after/callback'));
    expect(JSON.stringify(cb.body)).toContain('Blinken');
    expect(warnings.filter((w) => w.startsWith('discord dispatch dropped'))).toHaveLength(4);
  });

  it('names the problem with a dispatch', () => {
    expect(dispatchProblem({ op: 0, t: 'INTERACTION_CREATE', d: {} })).toBeNull();
    expect(dispatchProblem({ op: 11, d: null })).toBeNull();
    expect(dispatchProblem({ op: 0, t: 'INTERACTION_CREATE', d: null })).toMatch(/not an object/);
    expect(dispatchProblem('x')).toMatch(/not an object/);
  });
});

describe('Discord HTTP interactions endpoint under attack', () => {
  let privateKey: KeyObject;
  let publicHex: string;
  beforeAll(() => {
    const pair = generateKeyPairSync('ed25519');
    privateKey = pair.privateKey;
    publicHex = Buffer.from(pair.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  });

  async function start(): Promise<string> {
    fake = await startFakeDiscord();
    handler = createDiscordInteractionsHandler({ publicKey: publicHex, router: core.router, commandPrefix: '', applicationId: fake.applicationId, apiUrl: fake.api, logger, rest: { retries: 0, timeout: 3000 } });
    server = createServer(handler);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
  }
  const signed = (url: string, body: string, ts = String(Math.floor(Date.now() / 1000))) => {
    const signature = sign(null, Buffer.from(ts + body), privateKey).toString('hex');
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': ts }, body });
  };

  it('refuses signed null, array, string and number bodies with 400, then answers a real command', async () => {
    const url = await start();
    for (const body of ['null', '[]', '"ping"', '1']) expect((await signed(url, body)).status, body).toBe(400);
    // An object with junk where Discord sends objects/arrays is refused without a crash.
    const junk = { ...interactionPayload({ name: 'who' }), data: null, member: { roles: 'x', user: 5 } };
    expect((await signed(url, JSON.stringify(junk))).status).toBe(400);
    const ok = await signed(url, JSON.stringify(interactionPayload({ name: 'who', options: [{ name: 'name', type: 3, value: 'blinken' }] })));
    expect(ok.status).toBe(200);
  });

  it('refuses signatures dated more than 5 minutes in the past or the future', async () => {
    const url = await start();
    const body = JSON.stringify(interactionPayload({ name: 'who', options: [{ name: 'name', type: 3, value: 'blinken' }] }));
    const now = Math.floor(Date.now() / 1000);
    expect((await signed(url, body, String(now + 3600))).status).toBe(401);
    expect((await signed(url, body, String(now - 301))).status).toBe(401);
    expect((await signed(url, body, String(now + 30))).status).toBe(200);
  });

  it('answers 413 to a body over 1 MB', async () => {
    const url = await start();
    const res = await signed(url, JSON.stringify({ type: 2, pad: 'a'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
  });
});
