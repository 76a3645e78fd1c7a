import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/app/build-core.js';
import { fixedClock } from '../../src/core/clock.js';
import { invoke, openCore, recordingAdapter, tempWorld } from '../digests/digest-fixture.js';

const CH = 'discord:10:20';
const clock = fixedClock('2026-03-02T12:00:00Z');
let world: ReturnType<typeof tempWorld>;
let core: Core;

beforeEach(async () => {
  world = tempWorld();
  core = await openCore(world, { clock });
  await core.settings.update(CH, { topics: ['Freedonia', 'Sylvania'], schedule: 'daily 09:00', timezone: 'UTC' }, 'chat', clock.now());
  await core.digests.start([recordingAdapter('discord')]);
});
afterEach(async () => {
  await core.close();
  world.remove();
});

/** Press the reply's Confirm button: run the command line it carries. */
async function press(r: Awaited<ReturnType<typeof invoke>>, isAdmin = true) {
  const action = r.actions?.find((a) => a.id === 'confirm');
  expect(action).toBeDefined();
  expect(action!.style).toBe('danger');
  const line = action!.command.replace(/^newsdesk\s+/, '');
  return invoke(core, line, CH, isAdmin);
}

describe('destructive changes need confirmation', () => {
  it('topics remove: describes the change, applies only on confirm', async () => {
    const ask = await invoke(core, 'topics remove Sylvania', CH, true);
    expect(ask.title).toBe('Remove Sylvania?');
    expect(ask.intro).toMatch(/Remaining topics: Freedonia/);
    expect(ask.actions?.[0].command).toBe('newsdesk topics remove Sylvania confirm');
    expect((await core.settings.get(CH)).topics).toEqual(['Freedonia', 'Sylvania']);
    const done = await press(ask);
    expect(done.title).toBe('Removed Sylvania');
    expect((await core.settings.get(CH)).topics).toEqual(['Freedonia']);
  });

  it('schedule off: asks first, then removes the job', async () => {
    await core.digests.idle();
    expect(core.digests.planned()).toEqual([CH]);
    const ask = await invoke(core, 'schedule off', CH, true);
    expect(ask.actions?.[0].command).toBe('newsdesk schedule off confirm');
    expect((await core.settings.get(CH)).schedule).toBe('daily 09:00');
    await press(ask);
    expect((await core.settings.get(CH)).schedule).toBeNull();
    await core.digests.idle();
    expect(core.digests.planned()).toEqual([]);
  });

  it('timezone: every change asks first and says whether the next run moves', async () => {
    const ask = await invoke(core, 'timezone America/Bogota', CH, true);
    expect(ask.intro).toMatch(/next digest moves from .*09:00 \(UTC\) to .*09:00 \(America\/Bogota\)/);
    expect((await core.settings.get(CH)).timezone).toBe('UTC');
    await press(ask);
    expect((await core.settings.get(CH)).timezone).toBe('America/Bogota');
    // Without a schedule nothing moves, but the change is still shown first (README: zone changes need confirmation).
    await core.settings.update(CH, { schedule: null }, 'chat', clock.now());
    const again = await invoke(core, 'timezone europe/madrid', CH, true);
    expect(again.intro).toMatch(/no active digest schedule, so no run moves/);
    expect((await core.settings.get(CH)).timezone).toBe('America/Bogota');
    await press(again);
    expect((await core.settings.get(CH)).timezone).toBe('Europe/Madrid');
  });

  it('digest off: asks first', async () => {
    const ask = await invoke(core, 'digest off', CH, true);
    expect((await core.settings.get(CH)).enabled).toBe(true);
    await press(ask);
    expect((await core.settings.get(CH)).enabled).toBe(false);
    await core.digests.idle();
    expect(core.digests.planned()).toEqual([]);
  });

  it('a member pressing an admin’s Confirm button is still refused', async () => {
    const ask = await invoke(core, 'topics remove Freedonia', CH, true);
    const r = await press(ask, false);
    expect(r.title).toBe('Only admins can do that');
    expect((await core.settings.get(CH)).topics).toEqual(['Freedonia', 'Sylvania']);
  });
});
