import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/app/build-core.js';
import { fixedClock } from '../../src/core/clock.js';
import { invoke, openCore, recordingAdapter, tempWorld } from '../digests/digest-fixture.js';

const CH = 'slack:T1:CZONE';
const clock = fixedClock('2026-03-02T12:00:00Z');
let world: ReturnType<typeof tempWorld>;
let core: Core;

beforeEach(async () => {
  world = tempWorld();
  core = await openCore(world, { clock });
  await core.settings.update(CH, { topics: ['Freedonia'], schedule: 'daily 09:00', timezone: 'UTC' }, 'chat', clock.now());
  await core.digests.start([recordingAdapter('slack')]);
});
afterEach(async () => {
  await core.close();
  world.remove();
});

describe('/newsdesk timezone takes IANA names only', () => {
  it('`timezone EST` is refused with a suggestion instead of silently becoming America/Panama', async () => {
    const r = await invoke(core, 'timezone EST confirm', CH, true);
    expect(r.kind).toBe('error');
    expect(r.text).toMatch(/abbreviation/);
    expect(r.text).toContain('Did you mean America/New_York or America/Toronto?');
    expect((await core.settings.get(CH)).timezone).toBe('UTC');
  });

  it('the suggested zone, confirmed, is applied', async () => {
    const ask = await invoke(core, 'timezone america/new_york', CH, true);
    expect(ask.title).toBe('Change the time zone to America/New_York?');
    expect((await core.settings.get(CH)).timezone).toBe('UTC');
    await invoke(core, ask.actions![0].command.replace(/^newsdesk /, ''), CH, true);
    expect((await core.settings.get(CH)).timezone).toBe('America/New_York');
  });
});
