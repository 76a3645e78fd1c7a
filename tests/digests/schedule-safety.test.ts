import cron from 'node-cron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src/app/build-core.js';
import { systemClock } from '../../src/core/clock.js';
import { invoke, openCore, recordingAdapter, tempWorld } from './digest-fixture.js';

/**
 * A schedule that validates but never fires (node-cron ANDs day-of-month and
 * day-of-week, so "day 8 that is the first Monday" never happens) used to be
 * accepted and then crash every start. Now the command refuses it, and a bad
 * value already stored pauses only its channel, with the reason in `status`.
 */
const BAD = 'slack:T1:CBAD';
const ZONE = 'slack:T1:CZONE';
const GOOD = 'slack:T1:CGOOD';
const NEVER = '0 0 8 * 1#1';
let world: ReturnType<typeof tempWorld>;
let core: Core;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-03-02T12:00:00Z'));
  world = tempWorld();
  core = await openCore(world, { clock: systemClock });
  for (const ch of [BAD, ZONE, GOOD]) await core.settings.update(ch, { topics: ['Freedonia'], schedule: 'daily 09:00', timezone: 'UTC', postWhenEmpty: true }, 'chat', new Date());
});

afterEach(async () => {
  await core.close();
  for (const t of cron.getTasks().values()) await t.destroy();
  vi.useRealTimers();
  world.remove();
});

/** Overwrite one stored field behind the store's back, as a hand edit or an older version would have. */
function writeStored(address: string, field: string, value: unknown) {
  const row = core.db.prepare('SELECT settings FROM channel_settings WHERE address = ?').get(address) as { settings: string };
  const settings = { ...JSON.parse(row.settings), [field]: value };
  core.db.prepare('UPDATE channel_settings SET settings = ? WHERE address = ?').run(JSON.stringify(settings), address);
}

const statusField = async (address: string, label: string) =>
  (await invoke(core, 'status', address, false)).sections.flatMap((s) => s.fields ?? []).find((f) => f.label === label)?.value;

describe('schedules are validated as they will be used', () => {
  it('schedule set refuses an expression that never fires, and says why', async () => {
    expect(cron.validate(NEVER)).toBe(true); // the trap: node-cron's own validator accepts it
    await core.digests.start([recordingAdapter('slack')]);
    const r = await invoke(core, `schedule set ${NEVER}`, GOOD, true);
    expect(r.kind).toBe('error');
    expect(r.title).toBe('That schedule would never run');
    expect(r.intro).toMatch(/never runs in the next year in UTC .*day of the month and a day of the week must both match/);
    expect((await core.settings.get(GOOD)).schedule).toBe('daily 09:00');
    await core.digests.idle();
    expect(core.digests.planned()).toContain(GOOD);
    // A real first-Monday schedule is fine.
    expect((await invoke(core, 'schedule set 0 8 * * 1#1', GOOD, true)).title).toMatch(/^Digest scheduled/);
  });

  it('a bad stored schedule or zone pauses only that channel at start; the others are scheduled', async () => {
    writeStored(BAD, 'schedule', NEVER);
    writeStored(ZONE, 'timezone', 'EST');
    const slack = recordingAdapter('slack');
    await expect(core.digests.start([slack])).resolves.toBeUndefined();
    await core.digests.idle();
    expect(core.digests.planned()).toEqual([GOOD]);
    expect((await core.settings.get(BAD)).paused?.reason).toMatch(/^the schedule cannot run: cron “0 0 8 \* 1#1” never runs/);
    expect((await core.settings.get(ZONE)).paused?.reason).toMatch(/stored timezone "EST"/);
    expect(await statusField(BAD, 'Digest')).toMatch(/^paused — the schedule cannot run: cron “0 0 8 \* 1#1” never runs/);
    expect(await statusField(ZONE, 'Digest')).toMatch(/^paused — .*EST/);
    expect(await statusField(ZONE, 'Stored values ignored')).toMatch(/stored timezone "EST"/);
    // The healthy channel still fires at its slot.
    await vi.advanceTimersByTimeAsync(21 * 3_600_000);
    expect(slack.posts.map((p) => p.address)).toEqual([GOOD]);
  });

  it('resume is refused while the schedule is still broken; setting a working schedule lifts the pause', async () => {
    writeStored(BAD, 'schedule', NEVER);
    await core.digests.start([recordingAdapter('slack')]);
    const resume = await invoke(core, 'digest resume', BAD, true);
    expect(resume.title).toBe('Fix the schedule first');
    expect((await core.settings.get(BAD)).paused).not.toBeNull();
    expect((await invoke(core, 'digest on', BAD, true)).title).toBe('Fix the schedule first');
    const fixed = await invoke(core, 'schedule set weekdays 09:00', BAD, true);
    expect(fixed.title).toMatch(/^Digest scheduled weekdays at 09:00/);
    expect((await core.settings.get(BAD)).paused).toBeNull();
    await core.digests.idle();
    expect(core.digests.planned()).toEqual([BAD, GOOD, ZONE].sort());
  });

  it('a zone fixed in chat lifts a pause caused by a bad stored zone', async () => {
    writeStored(ZONE, 'timezone', 'EST');
    await core.digests.start([recordingAdapter('slack')]);
    await core.digests.idle();
    expect(core.digests.planned()).not.toContain(ZONE);
    const ask = await invoke(core, 'timezone America/New_York', ZONE, true);
    expect(ask.actions?.[0].command).toBe('newsdesk timezone America/New_York confirm');
    await invoke(core, 'timezone America/New_York confirm', ZONE, true);
    expect(await core.settings.get(ZONE)).toMatchObject({ timezone: 'America/New_York', paused: null, invalidStored: [] });
    await core.digests.idle();
    expect(core.digests.planned()).toContain(ZONE);
  });

  it('an unreadable stored record pauses its channel instead of crashing start', async () => {
    core.db.prepare('UPDATE channel_settings SET settings = ? WHERE address = ?').run('{not json', BAD);
    await expect(core.digests.start([recordingAdapter('slack')])).resolves.toBeUndefined();
    expect((await core.settings.get(BAD)).paused?.reason).toMatch(/not valid JSON/);
    await core.digests.idle();
    expect(core.digests.planned()).toEqual([GOOD, ZONE].sort());
  });
});
