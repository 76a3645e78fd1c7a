import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCore, type Core } from '../../../src/app/build-core.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import { DEFAULT_DEFER_AFTER_MS, DISCORD_INTERACTION_DEADLINE_MS } from '../../../src/adapters/discord/respond-in-time.js';
import type { CommandRouter, PlatformAdapter } from '../../../src/core/adapter.js';
import type { CommandInvocation } from '../../../src/core/invocation.js';
import { type FakeDiscord, type FakeRequest, interactionPayload, startFakeDiscord } from '../../fakes/fake-discord.js';

/**
 * End to end over real sockets: the real discord.js client logs in to the
 * fake gateway, receives INTERACTION_CREATE dispatches and answers through
 * the fake REST API, with the real command core built from the seeds.
 */

let core: Core;
let fake: FakeDiscord;
let adapter: PlatformAdapter | undefined;
const seen: CommandInvocation[] = [];

beforeAll(async () => {
  core = await buildCore({ dbPath: ':memory:', corpusDir: 'seeds' });
});
afterAll(async () => {
  await core.close();
});
afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await fake?.close();
  seen.length = 0;
});

/** The real router, recording invocations and optionally slowed down. */
function router(delayMs = 0): CommandRouter {
  return {
    specs: () => core.router.specs(),
    complete: (s, p, n) => core.router.complete(s, p, n),
    async run(inv) {
      seen.push(inv);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      return core.router.run(inv);
    },
  };
}

async function startAdapter(opts: { delayMs?: number; deferAfterMs?: number; adminRoles?: string[] } = {}): Promise<void> {
  fake = await startFakeDiscord();
  adapter = createDiscordAdapter({
    config: { token: 'fake.bot.token', applicationId: fake.applicationId, apiUrl: fake.api, adminRoles: opts.adminRoles ?? [] },
    router: router(opts.delayMs),
    commandPrefix: '',
    deferAfterMs: opts.deferAfterMs,
    rest: { retries: 0, timeout: 3000 },
    logger: { info: () => undefined, warn: (m, x) => console.warn(m, x), error: (m, x) => console.error(m, x) },
  });
  await adapter.start();
}

const isCallback = (token: string) => (r: FakeRequest) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`);
type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };

describe('Discord adapter over the fake gateway', () => {
  it('answers /who blinken with an ephemeral embed via the interaction callback', async () => {
    await startAdapter();
    expect(fake.gatewayFrames.find((f) => f.op === 2)?.d).toMatchObject({ token: 'fake.bot.token', intents: 1 });
    const started = Date.now();
    fake.dispatch('INTERACTION_CREATE', interactionPayload({ name: 'who', token: 'who-tok', options: [{ name: 'name', type: 3, value: 'blinken' }] }));
    const cb = await fake.waitForRequest(isCallback('who-tok'));
    expect(cb.at - started).toBeLessThan(DEFAULT_DEFER_AFTER_MS);
    const body = cb.body as { type: number; data: { flags?: number; embeds: Embed[]; allowed_mentions: { parse: string[] } } };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.embeds[0].title).toBe('Antony Blinken');
    const text = JSON.stringify(body.data.embeds);
    expect(text).toContain('US Secretary of State');
    expect(seen[0]).toMatchObject({ name: 'who', args: 'blinken', platform: 'discord', channel: 'discord:111111111111111111:222222222222222222' });
    expect(seen[0].actor).toMatchObject({ id: '333333333333333333', isAdmin: false });
  });

  it('shares the answer with the channel when share:true is set', async () => {
    await startAdapter();
    fake.dispatch('INTERACTION_CREATE', interactionPayload({
      name: 'brief', token: 'share-tok', permissions: '32',
      options: [{ name: 'topic', type: 3, value: 'colombia' }, { name: 'share', type: 5, value: true }],
    }));
    const cb = await fake.waitForRequest(isCallback('share-tok'));
    const body = cb.body as { type: number; data: { flags?: number; embeds: Embed[] } };
    expect(body.type).toBe(4);
    expect(body.data.flags ?? 0).toBe(0);
    expect(body.data.embeds[0].title).toMatch(/colombia/i);
    expect(seen[0]).toMatchObject({ name: 'brief', args: 'colombia' });
    expect(seen[0].actor.isAdmin).toBe(true); // Manage Server bit
  });

  it('defers a slow /brief before the deadline and then edits @original', async () => {
    await startAdapter({ delayMs: 400, deferAfterMs: 100 });
    const started = Date.now();
    fake.dispatch('INTERACTION_CREATE', interactionPayload({ name: 'brief', token: 'slow-tok', options: [{ name: 'topic', type: 3, value: 'colombia' }] }));
    const cb = await fake.waitForRequest(isCallback('slow-tok'));
    expect(cb.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(cb.at - started).toBeLessThan(400);
    const edit = await fake.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith('/slow-tok/messages/%40original'));
    expect(edit.path).toBe(`/api/v10/webhooks/${fake.applicationId}/slow-tok/messages/%40original`);
    expect(edit.at - started).toBeGreaterThanOrEqual(390);
    const body = edit.body as { embeds: Embed[]; allowed_mentions: { parse: string[] } };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0].title).toMatch(/colombia/i);
    expect(fake.requests.filter(isCallback('slow-tok'))).toHaveLength(1);
  });

  it('with the default threshold, a /brief slower than 3 s is deferred before 3 s and edited after', async () => {
    await startAdapter({ delayMs: 3200 });
    const started = Date.now();
    fake.dispatch('INTERACTION_CREATE', interactionPayload({ name: 'brief', token: 'real-slow', options: [{ name: 'topic', type: 3, value: 'colombia' }] }));
    const cb = await fake.waitForRequest(isCallback('real-slow'));
    expect(cb.body).toMatchObject({ type: 5 });
    expect(cb.at - started).toBeLessThan(DISCORD_INTERACTION_DEADLINE_MS);
    const edit = await fake.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith('/real-slow/messages/%40original'));
    expect(edit.at - started).toBeGreaterThan(DISCORD_INTERACTION_DEADLINE_MS);
    expect((edit.body as { embeds: Embed[] }).embeds[0].title).toMatch(/colombia/i);
  });

  it('defers by default well inside Discord\u2019s 3-second deadline', () => {
    expect(DEFAULT_DEFER_AFTER_MS).toBeGreaterThan(0);
    expect(DEFAULT_DEFER_AFTER_MS).toBeLessThanOrEqual(DISCORD_INTERACTION_DEADLINE_MS - 500);
  });

  it('answers autocomplete from router.complete', async () => {
    await startAdapter();
    fake.dispatch('INTERACTION_CREATE', interactionPayload({ name: 'who', token: 'ac-tok', options: [{ name: 'name', type: 3, value: 'bli', focused: true }] }, 4));
    const cb = await fake.waitForRequest(isCallback('ac-tok'));
    expect(cb.body).toEqual({ type: 8, data: { choices: [{ name: 'Antony Blinken', value: 'Antony Blinken' }] } });
    expect(seen).toHaveLength(0);
  });

  it('runs /newsdesk command:who args:blinken through the umbrella, admin by role', async () => {
    await startAdapter({ adminRoles: ['444444444444444444'] });
    fake.dispatch('INTERACTION_CREATE', interactionPayload({
      name: 'newsdesk', token: 'umb-tok', roles: ['444444444444444444'],
      options: [{ name: 'command', type: 3, value: 'who' }, { name: 'args', type: 3, value: 'blinken' }],
    }));
    const cb = await fake.waitForRequest(isCallback('umb-tok'));
    expect((cb.body as { data: { embeds: Embed[] } }).data.embeds[0].title).toBe('Antony Blinken');
    expect(seen[0]).toMatchObject({ name: 'who', args: 'blinken', actor: { isAdmin: true } });
  });

  it('posts to discord:G1:C1 at POST /channels/C1/messages with no mentions allowed', async () => {
    await startAdapter();
    const reply = await core.router.run({ name: 'brief', args: 'colombia', actor: { id: 'x', isAdmin: false }, channel: 'discord:1:2', platform: 'discord' });
    await adapter!.post('discord:555:666', reply);
    const msg = await fake.waitForRequest((r) => r.method === 'POST' && r.path === '/api/v10/channels/666/messages');
    expect(msg.authorization).toBe('Bot fake.bot.token');
    expect(msg.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect((msg.body as { embeds: Embed[] }).embeds[0].title).toMatch(/colombia/i);
  });
});
