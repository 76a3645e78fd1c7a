import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/app/build-core.js';
import { fixedClock } from '../../src/core/clock.js';
import { invoke, openCore, recordingAdapter, tempWorld } from '../digests/digest-fixture.js';

const CH = 'slack:T1:C1';
const clock = fixedClock('2026-03-02T12:00:00Z');
let world: ReturnType<typeof tempWorld>;
let core: Core;

beforeEach(async () => {
  world = tempWorld();
  core = await openCore(world, { clock });
  await core.settings.update(CH, { topics: ['Freedonia'], schedule: 'weekdays 09:00', timezone: 'America/Bogota' }, 'chat', clock.now());
  await core.digests.start([recordingAdapter('slack')]);
});
afterEach(async () => {
  await core.close();
  world.remove();
});

const CHANGES = [
  'topics add Sylvania',
  'topics remove Freedonia confirm',
  'schedule set daily 07:00',
  'schedule off confirm',
  'timezone Europe/Madrid confirm',
  'digest now',
  'digest off confirm',
  'digest on',
  'digest stories 9',
  'digest empty post',
  'digest resume',
];

describe('core permission rules for channel settings', () => {
  it.each(CHANGES)('a member gets a polite refusal for “%s” and nothing changes', async (line) => {
    const before = await core.settings.get(CH);
    const r = await invoke(core, line, CH, false);
    expect(r.kind).toBe('error');
    expect(r.title).toBe('Only admins can do that');
    expect(r.intro).toMatch(/limited to admins/);
    expect(await core.settings.get(CH)).toEqual(before);
    expect(await core.ledger.recent(CH)).toHaveLength(0);
  });

  it.each(['status', 'topics list', 'schedule show', 'schedule', 'timezone', 'digest preview', 'topics', 'topics 7d', 'help'])('anyone may read: “%s”', async (line) => {
    const r = await invoke(core, line, CH, false);
    expect(r.kind).not.toBe('error');
  });

  it('an admin may change settings', async () => {
    expect((await invoke(core, 'topics add Sylvania, Harbor Watch', CH, true)).title).toBe('Added Sylvania, Harbor Watch');
    expect((await invoke(core, 'digest stories 9', CH, true)).kind).toBe('answer');
    expect((await invoke(core, 'digest empty post', CH, true)).kind).toBe('answer');
    expect((await invoke(core, 'schedule set mondays 07:00', CH, true)).title).toBe('Digest scheduled Mondays at 07:00');
    const s = await core.settings.get(CH);
    expect(s).toMatchObject({ topics: ['Freedonia', 'Sylvania', 'Harbor Watch'], maxStories: 9, postWhenEmpty: true, schedule: 'mondays 07:00' });
    expect(s.sources.maxStories).toBe('chat');
  });

  it('status shows what the channel follows, next run and provenance', async () => {
    await core.settings.update(CH, { maxStories: 4 }, 'file', clock.now());
    const r = await invoke(core, 'status', CH, false);
    const f = Object.fromEntries(r.sections[0].fields!.map((x) => [x.label, x.value]));
    expect(f.Topics).toBe('Freedonia (set in chat)');
    expect(f.Schedule).toMatch(/weekdays at 09:00/);
    expect(f['Max stories']).toBe('4 (from config file)');
    expect(f['When nothing is new']).toMatch(/stay quiet \(default\)/);
    expect(f['Next run']).toMatch(/09:00 \(America\/Bogota\)/);
    expect(f['Last run']).toBe('never');
  });

  it('bad input gets a friendly error, not a crash', async () => {
    expect((await invoke(core, 'schedule set sometimes', CH, true)).title).toBe('I could not read that schedule');
    expect((await invoke(core, 'timezone Mars/Base', CH, true)).title).toBe('Unknown time zone');
    expect((await invoke(core, 'digest stories 99', CH, true)).kind).toBe('error');
    expect((await invoke(core, 'digest dance', CH, true)).kind).toBe('error');
    expect((await invoke(core, 'topics remove Atlantis', CH, true)).title).toBe('Not followed');
  });
});

describe('digest now', () => {
  it('posts for an admin and records a manual run; refuses when the channel follows nothing', async () => {
    const r = await invoke(core, 'digest now', CH, true);
    expect(r.title).toBe('Digest posted');
    expect(await core.ledger.last(CH)).toMatchObject({ reason: 'manual', status: 'sent' });
    const empty = await invoke(core, 'digest now', 'slack:T1:CEMPTY', true);
    expect(empty.title).toBe('Nothing to digest yet');
  });
});
