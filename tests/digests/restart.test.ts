import cron from 'node-cron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src/app/build-core.js';
import { systemClock } from '../../src/core/clock.js';
import { openCore, recordingAdapter, tempWorld, writeArticle } from './digest-fixture.js';

/**
 * Restarts on a real SQLite file: each "process" is a fresh buildCore on
 * the same database path; fake timers stand in for wall-clock time.
 */
const CH = 'slack:T1:CBOG';
const SLOT = '2026-03-02T14:00:00.000Z'; // Monday 09:00 America/Bogota
const MIN = 60_000;
let world: ReturnType<typeof tempWorld>;
const open: Core[] = [];
let slack: ReturnType<typeof recordingAdapter>;
const warnings: string[] = [];

async function boot(): Promise<Core> {
  const core = await openCore(world, {
    clock: systemClock,
    logger: { error: () => undefined, ...{ info: () => undefined, warn: (m: string) => warnings.push(m) } } as never,
    digest: { graceMinutes: 120, defaultTimezone: 'UTC', maxStories: 5 },
  });
  open.push(core);
  await core.digests.start([slack]);
  return core;
}

async function shutdown(core: Core): Promise<void> {
  await core.close();
  open.splice(open.indexOf(core), 1);
}

/** Move wall-clock time while no process is running. */
function downtime(ms: number) {
  vi.setSystemTime(new Date(Date.now() + ms));
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-03-02T13:00:00Z'));
  world = tempWorld();
  slack = recordingAdapter('slack');
  warnings.length = 0;
  const first = await openCore(world, { clock: systemClock });
  // postWhenEmpty: a second run of a slot would post ("no new stories"), so only the ledger can prevent doubles.
  await first.settings.update(CH, { topics: ['Freedonia'], schedule: 'weekdays 09:00', timezone: 'America/Bogota', postWhenEmpty: true }, 'chat', new Date());
  await first.ingest([writeArticle(world.corpus, 'news', 'Freedonia opens new port', null, 'Freedonia opened a deep water port. Freedonian ships arrived.')]);
  await first.close();
});

afterEach(async () => {
  for (const c of [...open]) await shutdown(c);
  for (const t of cron.getTasks().values()) await t.destroy();
  vi.useRealTimers();
  world.remove();
});

describe('exactly once across restarts', () => {
  it('stop just before the slot, start just after it: one (late) post', async () => {
    const a = await boot();
    await vi.advanceTimersByTimeAsync(59 * MIN); // 13:59Z
    await shutdown(a);
    downtime(90_000); // back at 14:00:30Z
    const b = await boot();
    expect(slack.posts.map((p) => p.at)).toEqual(['2026-03-02T14:00:30.000Z']);
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(slack.posts).toHaveLength(1);
    expect(await b.ledger.get(CH, SLOT)).toMatchObject({ status: 'sent', reason: 'scheduled' });
  });

  it('a restart in the scheduled minute, after the post, does not post twice', async () => {
    const a = await boot();
    await vi.advanceTimersByTimeAsync(60 * MIN + 5_000); // fired at 14:00:00
    expect(slack.posts).toHaveLength(1);
    await shutdown(a);
    downtime(10_000);
    const b = await boot();
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(slack.posts).toHaveLength(1);
    expect(await b.ledger.recent(CH, 10)).toHaveLength(1);
  });

  it('two processes on the same database claim the slot once', async () => {
    await boot();
    await boot();
    await vi.advanceTimersByTimeAsync(61 * MIN);
    expect(slack.posts).toHaveLength(1);
  });

  it('downtime across the slot, back inside the grace window: posted late, once', async () => {
    const a = await boot();
    await vi.advanceTimersByTimeAsync(50 * MIN); // 13:50Z
    await shutdown(a);
    downtime(100 * MIN); // back at 15:30Z, 90 min after the slot
    const b = await boot();
    expect(slack.posts.map((p) => p.at)).toEqual(['2026-03-02T15:30:00.000Z']);
    expect(await b.ledger.get(CH, SLOT)).toMatchObject({ status: 'sent', reason: 'late' });
    // A second restart soon after changes nothing.
    await shutdown(b);
    downtime(MIN);
    await boot();
    expect(slack.posts).toHaveLength(1);
  });

  it('downtime across the slot, back outside the grace window: skipped and logged, not posted', async () => {
    const a = await boot();
    await vi.advanceTimersByTimeAsync(50 * MIN);
    await shutdown(a);
    downtime(3 * 60 * MIN); // back at 16:50Z, 170 min after the slot
    const b = await boot();
    expect(slack.posts).toHaveLength(0);
    expect(await b.ledger.get(CH, SLOT)).toMatchObject({ status: 'skipped' });
    expect((await b.ledger.get(CH, SLOT))?.detail).toMatch(/grace window/);
    expect(warnings).toContain('digest slot skipped after downtime');
    // The next day's slot runs normally with what arrived since.
    await vi.advanceTimersByTimeAsync(17 * 60 * MIN); // 3 Mar 09:50Z
    await b.ingest([writeArticle(world.corpus, 'later', 'Freedonia rail strike ends', null, 'Freedonia rail workers ended their strike.')]);
    await vi.advanceTimersByTimeAsync(5 * 60 * MIN);
    expect(slack.posts.map((p) => p.at)).toEqual(['2026-03-03T14:00:00.000Z']);
    expect(slack.posts[0].reply.sections[0].items?.map((i) => i.title)).toEqual(['Freedonia rail strike ends']);
  });

  it('days of downtime never produce a flood: at most one catch-up post', async () => {
    const a = await boot();
    await a.settings.update(CH, { postWhenEmpty: true }, 'chat', new Date());
    await shutdown(a);
    downtime(3 * 24 * 60 * MIN + 90 * MIN); // Thursday 14:30Z: Mon, Tue, Wed missed; Thu slot 30 min ago
    const b = await boot();
    expect(slack.posts).toHaveLength(1);
    const runs = await b.ledger.recent(CH, 10);
    expect(runs.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(runs.find((r) => r.slot === SLOT)?.status).toBe('skipped');
    expect(runs.find((r) => r.status === 'sent')).toMatchObject({ slot: '2026-03-05T14:00:00.000Z', reason: 'late' });
  });
});
