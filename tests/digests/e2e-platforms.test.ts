import cron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDiscordAdapter } from '../../src/adapters/discord/index.js';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.js';
import type { Core } from '../../src/app/build-core.js';
import type { PlatformAdapter } from '../../src/core/adapter.js';
import { systemClock } from '../../src/core/clock.js';
import { type FakeDiscord, type FakeRequest, startFakeDiscord } from '../fakes/fake-discord.js';
import { type FakeSlack, startFakeSlack, waitUntil } from '../fakes/fake-slack.js';
import { openCore, tempWorld, writeArticle } from './digest-fixture.js';

/**
 * A scheduled digest travels from node-cron through the real platform
 * adapters and libraries to local fakes: the Slack adapter (@slack/bolt's
 * WebClient) → fake Slack `chat.postMessage`, and the Discord adapter
 * (discord.js, logged in to the fake gateway) → fake Discord
 * `POST /channels/{id}/messages`.
 */

const SLACK_CH = 'slack:T0001:C0001';
const DISCORD_CH = 'discord:111:222';
const GONE_CH = 'discord:111:999';
let world: ReturnType<typeof tempWorld> | undefined;
let core: Core | undefined;
let slackFake: FakeSlack | undefined;
let discordFake: FakeDiscord | undefined;
let discord: PlatformAdapter | undefined;
let slack: SlackAdapter | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await core?.close();
  for (const t of cron.getTasks().values()) await t.destroy();
  await slack?.stop();
  await discord?.stop();
  await slackFake?.close();
  await discordFake?.close();
  world?.remove();
  core = slack = slackFake = discordFake = discord = world = undefined;
});

describe('scheduled digest end to end', () => {
  it('reaches fake Slack chat.postMessage and fake Discord POST /channels/{id}/messages through the real libraries', async () => {
    // Servers and adapters first, on real timers.
    slackFake = await startFakeSlack();
    discordFake = await startFakeDiscord();
    discordFake.channelBehaviour.set('999', '404');
    world = tempWorld();
    core = await openCore(world, { clock: systemClock, channelsFile: null });
    slack = createSlackAdapter({
      config: { botToken: 'xoxb-test-token', signingSecret: 'secret', apiUrl: slackFake.apiUrl, mode: 'http', adminUsers: [] },
      router: core.router, commandPrefix: '', port: 0, host: '127.0.0.1', webApi: { retries: 0, timeoutMs: 2000 },
    });
    await slack.start();
    discord = createDiscordAdapter({
      config: { token: 'fake.bot.token', applicationId: discordFake.applicationId, apiUrl: discordFake.api, adminRoles: [] },
      router: core.router, commandPrefix: '', rest: { retries: 0, timeout: 2000 },
    });
    await discord.start();

    // Then the clock: a minute before a weekday 09:00 America/Bogota slot.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(new Date('2026-03-02T13:59:00Z'));
    await core.ingest([writeArticle(world.corpus, 'port', 'Freedonia opens new port', null, 'Freedonia opened a deep water port. "Ships are welcome," Firefly said.')]);
    for (const [address, timezone] of [[SLACK_CH, 'America/Bogota'], [DISCORD_CH, 'America/Bogota'], [GONE_CH, 'America/Bogota']]) {
      await core.settings.update(address, { topics: ['Freedonia'], schedule: 'weekdays 09:00', timezone }, 'file', new Date());
    }
    await core.digests.start([slack, discord!]);
    await vi.advanceTimersByTimeAsync(60_000);
    vi.useRealTimers();

    const [call] = await slackFake.waitForCall('chat.postMessage', 1, 5000);
    expect(call.body.channel).toBe('C0001');
    expect(String(call.body.text)).toContain('Freedonia opens new port');
    expect(JSON.stringify(call.body.blocks)).toContain('Freedonia opens new port');

    const isPost = (id: string) => (r: FakeRequest) => r.method === 'POST' && r.path.endsWith(`/channels/${id}/messages`);
    const msg = await discordFake.waitForRequest(isPost('222'), 5000);
    expect(JSON.stringify(msg.body)).toContain('Freedonia opens new port');
    expect((msg.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    expect(msg.authorization).toBe('Bot fake.bot.token');

    // The ledger has one sent run per channel, and the deleted channel got paused with a reason.
    const finished = (a: string) => async () => (['sent', 'failed'].includes((await core!.ledger.last(a))?.status ?? '') ? true : undefined);
    for (const a of [SLACK_CH, DISCORD_CH, GONE_CH]) await waitFor(finished(a), 5000, `run of ${a} finished`);
    expect((await core.ledger.last(GONE_CH))?.status).toBe('failed');
    expect(await core.ledger.last(SLACK_CH)).toMatchObject({ status: 'sent', slot: '2026-03-02T14:00:00.000Z', storyCount: 1 });
    expect(await core.ledger.last(DISCORD_CH)).toMatchObject({ status: 'sent', slot: '2026-03-02T14:00:00.000Z' });
    await waitFor(async () => (await core!.settings.get(GONE_CH)).paused ?? undefined, 5000, 'pause');
    expect((await core.settings.get(GONE_CH)).paused?.reason).toMatch(/channel_gone/);
    expect(slackFake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect(discordFake.requests.filter(isPost('222'))).toHaveLength(1);
  });
});

/** Poll an asynchronous check until it gives a value (the stores answer with promises). */
async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
