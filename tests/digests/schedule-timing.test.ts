import cron from 'node-cron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src/app/build-core.js';
import { systemClock } from '../../src/core/clock.js';
import { invoke, openCore, recordingAdapter, tempWorld } from './digest-fixture.js';

const BOGOTA = 'slack:T1:CBOG';
const NEW_YORK = 'discord:9:NYC';
const HOUR = 3_600_000;
let world: ReturnType<typeof tempWorld>;
let core: Core;

async function startAt(iso: string) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date(iso));
  world = tempWorld();
  core = await openCore(world, { clock: systemClock });
}

afterEach(async () => {
  await core.close();
  for (const t of cron.getTasks().values()) await t.destroy();
  vi.useRealTimers();
  world.remove();
});

const times = (posts: { address: string; at: string }[], address: string) => posts.filter((p) => p.address === address).map((p) => p.at);

describe('digest schedule timing (node-cron v4, fake timers)', () => {
  beforeEach(() => undefined);

  it('weekdays 09:00 America/Bogota fires at 14:00Z across a month boundary and a DST change elsewhere; a New York channel follows its DST', async () => {
    await startAt('2026-02-26T12:00:00Z'); // Thursday
    const slack = recordingAdapter('slack');
    const discord = recordingAdapter('discord');
    await core.settings.update(BOGOTA, { topics: ['Freedonia'], schedule: 'weekdays 09:00', timezone: 'America/Bogota', postWhenEmpty: true }, 'chat', new Date());
    await core.settings.update(NEW_YORK, { topics: ['Sylvania'], schedule: 'daily 09:00', timezone: 'America/New_York', postWhenEmpty: true }, 'chat', new Date());
    await core.digests.start([slack, discord]);
    await core.digests.idle();
    expect(core.digests.planned()).toEqual([NEW_YORK, BOGOTA].sort());

    // Just before the first slot nothing has happened.
    await vi.advanceTimersByTimeAsync(2 * HOUR - 1000);
    expect(slack.posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(times(slack.posts, BOGOTA)).toEqual(['2026-02-26T14:00:00.000Z']);

    await vi.advanceTimersByTimeAsync(12 * 24 * HOUR); // to 2026-03-10T14:00Z
    expect(times(slack.posts, BOGOTA)).toEqual([
      '2026-02-26T14:00:00.000Z', '2026-02-27T14:00:00.000Z', // Thu, Fri; month ends Sat 28
      '2026-03-02T14:00:00.000Z', '2026-03-03T14:00:00.000Z', '2026-03-04T14:00:00.000Z', '2026-03-05T14:00:00.000Z', '2026-03-06T14:00:00.000Z',
      '2026-03-09T14:00:00.000Z', '2026-03-10T14:00:00.000Z', // US clocks moved on Sun 8 Mar; Bogota did not
    ]);
    const ny = times(discord.posts, NEW_YORK);
    expect(ny).toContain('2026-03-07T14:00:00.000Z'); // EST: 09:00 = 14:00Z
    expect(ny).toContain('2026-03-08T13:00:00.000Z'); // EDT from 8 Mar: 09:00 = 13:00Z
    expect(ny).toContain('2026-03-10T13:00:00.000Z');
    expect(ny).toHaveLength(13); // daily, 26 Feb → 10 Mar inclusive; weekends too
    // Each run is recorded exactly once in the ledger.
    expect((await core.ledger.recent(BOGOTA, 50)).filter((r) => r.status === 'sent')).toHaveLength(9);
  });

  it('a settings change re-plans the job: new time, new zone, switched off', async () => {
    await startAt('2026-03-02T12:00:00Z'); // Monday
    const slack = recordingAdapter('slack');
    await core.settings.update(BOGOTA, { topics: ['Freedonia'], schedule: 'weekdays 09:00', timezone: 'America/Bogota', postWhenEmpty: true }, 'chat', new Date());
    await core.digests.start([slack]);
    expect((await core.settings.get(BOGOTA)).nextSlot).toBe('2026-03-02T14:00:00.000Z');

    // An admin moves the digest to 08:30 through the chat command.
    const r = await invoke(core, 'schedule set daily 08:30', BOGOTA, true);
    expect(r.kind).toBe('answer');
    expect((await core.settings.get(BOGOTA)).nextSlot).toBe('2026-03-02T13:30:00.000Z');
    await vi.advanceTimersByTimeAsync(3 * HOUR);
    expect(times(slack.posts, BOGOTA)).toEqual(['2026-03-02T13:30:00.000Z']);

    // Changing the zone asks for confirmation, then moves the next run.
    const ask = await invoke(core, 'timezone Asia/Tokyo', BOGOTA, true);
    expect(ask.actions?.[0]).toMatchObject({ id: 'confirm', command: 'newsdesk timezone Asia/Tokyo confirm' });
    expect((await core.settings.get(BOGOTA)).timezone).toBe('America/Bogota');
    await invoke(core, 'timezone Asia/Tokyo confirm', BOGOTA, true);
    expect((await core.settings.get(BOGOTA)).nextSlot).toBe('2026-03-02T23:30:00.000Z'); // 08:30 JST on 3 Mar
    await vi.advanceTimersByTimeAsync(10 * HOUR);
    expect(times(slack.posts, BOGOTA)).toEqual(['2026-03-02T13:30:00.000Z', '2026-03-02T23:30:00.000Z']);

    // Switching the schedule off removes the job.
    await invoke(core, 'schedule off confirm', BOGOTA, true);
    await core.digests.idle();
    expect(core.digests.planned()).toEqual([]);
    await vi.advanceTimersByTimeAsync(48 * HOUR);
    expect(slack.posts).toHaveLength(2);
  });

  it('an every-5-minutes cron schedule fires each slot once', async () => {
    await startAt('2026-03-02T12:01:00Z');
    const slack = recordingAdapter('slack');
    await core.settings.update(BOGOTA, { topics: ['Freedonia'], schedule: '*/5 * * * *', postWhenEmpty: true }, 'chat', new Date());
    await core.digests.start([slack]);
    await vi.advanceTimersByTimeAsync(16 * 60_000);
    expect(times(slack.posts, BOGOTA)).toEqual(['2026-03-02T12:05:00.000Z', '2026-03-02T12:10:00.000Z', '2026-03-02T12:15:00.000Z']);
  });
});
