import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { CommandRouter, PlatformAdapter } from '../../../src/core/adapter.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { NewsdeskError } from '../../../src/core/errors.js';
import { makeReply } from '../../../src/core/reply.js';
import { type FakeDiscord, startFakeDiscord } from '../../fakes/fake-discord.js';

/**
 * `post()` is how scheduled digests reach Discord: the real discord.js REST
 * client against the fake, with platform failures mapped to the
 * NewsdeskError codes the scheduler switches on.
 */

const router: CommandRouter = { specs: () => [], run: async () => makeReply({ title: 'x', sections: [] }), complete: () => [] };
let fake: FakeDiscord | undefined;
let adapter: PlatformAdapter | undefined;

afterEach(async () => {
  await adapter?.stop();
  await fake?.close();
  adapter = fake = undefined;
});

async function start(): Promise<{ fake: FakeDiscord; adapter: PlatformAdapter }> {
  fake = await startFakeDiscord();
  adapter = createDiscordAdapter({
    config: { token: 'fake.bot.token', applicationId: fake.applicationId, apiUrl: fake.api, adminRoles: [] },
    router, commandPrefix: '', rest: { retries: 0, timeout: 2000 },
  });
  await adapter.start();
  return { fake, adapter };
}

const digest = makeReply({
  title: 'Morning digest for @everyone',
  intro: 'Ping <@123456789012345678> and <@&987654321098765432> in <#111122223333444455>',
  sections: [{ heading: 'Colombia', items: [{ title: 'Talks resume', summary: 'Negotiators met again @here.', source: 'example.org', date: '2026-03-02' }] }],
  footer: '1 story',
  visibility: 'channel',
});

async function caught(p: Promise<unknown>): Promise<NewsdeskError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(NewsdeskError);
    return e as NewsdeskError;
  }
  throw new Error('expected post() to fail');
}

describe('DiscordAdapter.post', () => {
  it('lands at POST /channels/C1/messages with allowed_mentions.parse = [] and inert mentions', async () => {
    const { fake, adapter } = await start();
    expect(adapter.owns('discord:G1:1')).toBe(true);
    expect(adapter.owns('slack:T1:C1')).toBe(false);
    await adapter.post('discord:777:888', digest);
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v10/channels/888/messages');
    expect(posts).toHaveLength(1);
    const body = posts[0].body as { allowed_mentions: unknown; embeds: { title: string; description: string }[] };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const text = JSON.stringify(body.embeds);
    expect(text).not.toMatch(/@everyone|@here|<@\d|<@&\d|<#\d/);
    expect(text).toContain('Talks resume');
  });

  it('maps 429 to rate_limited with retryAfterMs, without waiting inside discord.js', async () => {
    const { fake, adapter } = await start();
    fake.channelBehaviour.set('429', '429');
    fake.retryAfterSeconds = 4;
    const started = Date.now();
    const err = await caught(adapter.post('discord:1:429', digest));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfterMs).toBeGreaterThanOrEqual(4000);
    expect(err.retryAfterMs).toBeLessThan(5000);
  });

  it('maps 404 Unknown Channel to channel_gone and 403 Missing Access to not_in_channel', async () => {
    const { fake, adapter } = await start();
    fake.channelBehaviour.set('404', '404');
    fake.channelBehaviour.set('403', '403');
    expect((await caught(adapter.post('discord:1:404', digest))).code).toBe('channel_gone');
    expect((await caught(adapter.post('discord:1:403', digest))).code).toBe('not_in_channel');
  });

  it('maps 5xx to platform_unavailable', async () => {
    const { fake, adapter } = await start();
    fake.channelBehaviour.set('500', '500');
    expect((await caught(adapter.post('discord:1:500', digest))).code).toBe('platform_unavailable');
  });

  it('rejects addresses it did not mint, and posting while stopped', async () => {
    const { adapter } = await start();
    expect((await caught(adapter.post('slack:T1:C1', digest))).code).toBe('channel_gone');
    await adapter.stop();
    expect((await caught(adapter.post('discord:1:2', digest))).code).toBe('platform_unavailable');
  });

  it('starts from config loaded the way the composition root does (DISCORD_API_URL → fake REST and gateway)', async () => {
    fake = await startFakeDiscord();
    const config = loadConfig({ DISCORD_TOKEN: 'fake.bot.token', DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: `${fake.api}/` }, { yamlText: '' });
    adapter = createDiscordAdapter({ config: config.discord, router, commandPrefix: config.commands.prefix });
    await adapter.start();
    await fake.identified();
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/api/v10/gateway/bot', authorization: 'Bot fake.bot.token' });
  });

  it('fails start() with auth_failed when Discord rejects the token', async () => {
    fake = await startFakeDiscord();
    fake.rejectToken = true;
    const a = createDiscordAdapter({
      config: { token: 'bad.token', applicationId: fake.applicationId, apiUrl: fake.api, adminRoles: [] },
      router, commandPrefix: '', rest: { retries: 0, timeout: 2000 },
    });
    expect((await caught(a.start())).code).toBe('auth_failed');
  });
});
