import { DiscordAPIError, REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import cron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.js';
import type { Core } from '../../src/app/build-core.js';
import type { PlatformAdapter } from '../../src/core/adapter.js';
import { systemClock } from '../../src/core/clock.js';
import { NewsdeskError } from '../../src/core/errors.js';
import type { Reply } from '../../src/core/reply.js';
import { type DigestDiscordFake, startDigestDiscordFake } from '../fakes/digest-discord.js';
import { type FakeSlack, startFakeSlack, waitUntil } from '../fakes/fake-slack.js';
import { openCore, tempWorld, writeArticle } from './digest-fixture.js';

/**
 * A scheduled digest travels from node-cron through the real platform
 * libraries to local fakes: @slack/bolt's WebClient → fake Slack
 * `chat.postMessage`, and @discordjs/rest → fake Discord
 * `POST /channels/{id}/messages`.
 *
 * The Discord adapter (src/adapters/discord) is not in the tree yet, so the
 * Discord side uses a thin test-local adapter over the real @discordjs/rest;
 * swap in createDiscordAdapter once it lands.
 */
function restDiscordAdapter(api: string): PlatformAdapter {
  const rest = new REST({ api, retries: 0, timeout: 2000 }).setToken('test-bot-token');
  return {
    platform: 'discord',
    start: async () => undefined,
    stop: async () => undefined,
    owns: (a) => a.startsWith('discord:'),
    async post(address: string, reply: Reply) {
      const channelId = address.split(':')[2];
      const body = {
        content: reply.text.slice(0, 2000),
        embeds: [{ title: reply.title.slice(0, 256), description: (reply.intro ?? '').slice(0, 4096) }],
        allowed_mentions: { parse: [] },
      };
      try {
        await rest.post(Routes.channelMessages(channelId), { body });
      } catch (e) {
        if (e instanceof DiscordAPIError && (e.code === 10003 || e.status === 404)) throw new NewsdeskError('channel_gone', e.message, { cause: e });
        if (e instanceof DiscordAPIError && e.status === 403) throw new NewsdeskError('not_in_channel', e.message, { cause: e });
        throw new NewsdeskError('platform_unavailable', (e as Error).message, { cause: e });
      }
    },
  };
}

const SLACK_CH = 'slack:T0001:C0001';
const DISCORD_CH = 'discord:111:222';
const GONE_CH = 'discord:111:999';
let world: ReturnType<typeof tempWorld> | undefined;
let core: Core | undefined;
let slackFake: FakeSlack | undefined;
let discordFake: DigestDiscordFake | undefined;
let slack: SlackAdapter | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await core?.close();
  for (const t of cron.getTasks().values()) await t.destroy();
  await slack?.stop();
  await slackFake?.close();
  await discordFake?.close();
  world?.remove();
  core = slack = slackFake = discordFake = world = undefined;
});

describe('scheduled digest end to end', () => {
  it('reaches fake Slack chat.postMessage and fake Discord POST /channels/{id}/messages through the real libraries', async () => {
    // Servers and adapters first, on real timers.
    slackFake = await startFakeSlack();
    discordFake = await startDigestDiscordFake(['222']);
    world = tempWorld();
    core = await openCore(world, { clock: systemClock, channelsFile: null });
    slack = createSlackAdapter({
      config: { botToken: 'xoxb-test-token', signingSecret: 'secret', apiUrl: slackFake.apiUrl, mode: 'http', adminUsers: [] },
      router: core.router, commandPrefix: '', port: 0, host: '127.0.0.1', webApi: { retries: 0, timeoutMs: 2000 },
    });
    await slack.start();
    const discord = restDiscordAdapter(discordFake.api);

    // Then the clock: a minute before a weekday 09:00 America/Bogota slot.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(new Date('2026-03-02T13:59:00Z'));
    await core.ingest([writeArticle(world.corpus, 'port', 'Freedonia opens new port', null, 'Freedonia opened a deep water port. "Ships are welcome," Firefly said.')]);
    for (const [address, timezone] of [[SLACK_CH, 'America/Bogota'], [DISCORD_CH, 'America/Bogota'], [GONE_CH, 'America/Bogota']]) {
      core.settings.update(address, { topics: ['Freedonia'], schedule: 'weekdays 09:00', timezone }, 'file', new Date());
    }
    await core.digests.start([slack, discord]);
    await vi.advanceTimersByTimeAsync(60_000);
    vi.useRealTimers();

    const [call] = await slackFake.waitForCall('chat.postMessage', 1, 5000);
    expect(call.body.channel).toBe('C0001');
    expect(String(call.body.text)).toContain('Freedonia opens new port');
    expect(JSON.stringify(call.body.blocks)).toContain('Freedonia opens new port');

    const msg = await waitUntil(() => discordFake!.messages[0], 5000, 'discord message');
    expect(msg.channelId).toBe('222');
    expect(String(msg.body.content)).toContain('Freedonia opens new port');
    expect(msg.body.allowed_mentions).toEqual({ parse: [] });
    expect(msg.authorization).toBe('Bot test-bot-token');

    // The ledger has one sent run per channel, and the deleted channel got paused with a reason.
    const finished = (a: string) => () => (['sent', 'failed'].includes(core!.ledger.last(a)?.status ?? '') ? true : undefined);
    for (const a of [SLACK_CH, DISCORD_CH, GONE_CH]) await waitUntil(finished(a), 5000, `run of ${a} finished`);
    expect(core.ledger.last(GONE_CH)?.status).toBe('failed');
    expect(core.ledger.last(SLACK_CH)).toMatchObject({ status: 'sent', slot: '2026-03-02T14:00:00.000Z', storyCount: 1 });
    expect(core.ledger.last(DISCORD_CH)).toMatchObject({ status: 'sent', slot: '2026-03-02T14:00:00.000Z' });
    await waitUntil(() => core!.settings.get(GONE_CH).paused ?? undefined, 5000, 'pause');
    expect(core.settings.get(GONE_CH).paused?.reason).toMatch(/channel_gone/);
    expect(slackFake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect(discordFake.messages).toHaveLength(1);
  });
});
