import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src/app/build-core.js';
import { fixedClock } from '../../src/core/clock.js';
import { NewsdeskError } from '../../src/core/errors.js';
import { makeReply } from '../../src/core/reply.js';
import { deliverWithRetry } from '../../src/digests/deliver.js';
import { invoke, openCore, recordingAdapter, tempWorld, writeArticle } from './digest-fixture.js';

const POLICY = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 };
const reply = makeReply({ title: 'x', sections: [] });

function flaky(errors: (Error | null)[]) {
  let i = 0;
  return { post: vi.fn(async () => { const e = errors[i++]; if (e) throw e; }) };
}

describe('deliverWithRetry', () => {
  it('waits as long as a 429 asks, then succeeds', async () => {
    const sleeps: number[] = [];
    const a = flaky([new NewsdeskError('rate_limited', 'ratelimited', { retryAfterMs: 7000 }), null]);
    const r = await deliverWithRetry(a, 'slack:T:C', reply, POLICY, async (ms) => void sleeps.push(ms));
    expect(r).toEqual({ ok: true, attempts: 2 });
    expect(sleeps).toEqual([7000]);
  });

  it('backs off exponentially on 5xx and gives up after maxAttempts', async () => {
    const sleeps: number[] = [];
    const err = () => new NewsdeskError('platform_unavailable', '503 Service Unavailable');
    const a = flaky([err(), err(), err(), err(), err()]);
    const r = await deliverWithRetry(a, 'slack:T:C', reply, POLICY, async (ms) => void sleeps.push(ms));
    expect(r).toMatchObject({ ok: false, attempts: 4, code: 'platform_unavailable', permanent: false });
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  it('does not retry a channel that is gone, and marks it permanent', async () => {
    const sleep = vi.fn(async () => undefined);
    const a = flaky([new NewsdeskError('channel_gone', 'channel_not_found')]);
    const r = await deliverWithRetry(a, 'slack:T:C', reply, POLICY, sleep);
    expect(r).toMatchObject({ ok: false, attempts: 1, code: 'channel_gone', permanent: true });
    expect(sleep).not.toHaveBeenCalled();
  });

  it('caps an absurd retry-after', async () => {
    const sleeps: number[] = [];
    const a = flaky([new NewsdeskError('rate_limited', 'slow down', { retryAfterMs: 3_600_000 }), null]);
    await deliverWithRetry(a, 'slack:T:C', reply, POLICY, async (ms) => void sleeps.push(ms));
    expect(sleeps).toEqual([30_000]);
  });
});

describe('failing channels', () => {
  const CH = 'discord:1:2';
  const clock = fixedClock('2026-03-02T12:00:00Z');
  let world: ReturnType<typeof tempWorld>;
  let core: Core;
  let adapter: ReturnType<typeof recordingAdapter>;

  beforeEach(async () => {
    world = tempWorld();
    core = await openCore(world, { clock });
    adapter = recordingAdapter('discord');
    await core.ingest([writeArticle(world.corpus, 'n', 'Sylvania elects a mayor', null, 'Sylvania elected a new mayor on Sunday.')]);
    await core.settings.update(CH, { topics: ['Sylvania'], schedule: 'daily 09:00' }, 'chat', clock.now());
    await core.digests.start([adapter]);
  });
  afterEach(async () => {
    await core.close();
    world.remove();
  });

  it('a bot removed from the channel pauses it, and status says why; resume un-pauses', async () => {
    adapter.fail = () => new NewsdeskError('not_in_channel', 'Missing Access');
    const out = await core.digests.runner.run(CH, new Date('2026-03-02T09:00:00Z'), 'scheduled');
    expect(out.status).toBe('failed');
    expect((await core.settings.get(CH)).paused?.reason).toMatch(/not_in_channel: Missing Access/);
    await core.digests.idle();
    expect(core.digests.planned()).toEqual([]);
    const status = await invoke(core, 'status', CH, false);
    const text = status.sections[0].fields!.map((f) => `${f.label}: ${f.value}`).join('\n');
    expect(text).toMatch(/Digest: paused — .*not_in_channel/);
    expect(text).toMatch(/Last run: .*failed: not_in_channel: Missing Access/);
    // Paused channels are not run on schedule.
    expect((await core.digests.runner.run(CH, new Date('2026-03-03T09:00:00Z'), 'scheduled')).status).toBe('inactive');
    adapter.fail = null;
    await invoke(core, 'digest resume', CH, true);
    expect((await core.settings.get(CH)).paused).toBeNull();
    await core.digests.idle();
    expect(core.digests.planned()).toEqual([CH]);
  });

  it('a 429 is retried and recorded with its attempts', async () => {
    let n = 0;
    adapter.fail = () => (n++ === 0 ? new NewsdeskError('rate_limited', 'ratelimited', { retryAfterMs: 1 }) : null);
    const out = await core.digests.runner.run(CH, new Date('2026-03-02T09:00:00Z'), 'scheduled');
    expect(out.status).toBe('sent');
    expect(await core.ledger.last(CH)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('three failed digests in a row pause the channel', async () => {
    adapter.fail = () => new NewsdeskError('platform_unavailable', '502 Bad Gateway');
    for (const day of ['02', '03']) await core.digests.runner.run(CH, new Date(`2026-03-${day}T09:00:00Z`), 'scheduled');
    expect((await core.settings.get(CH)).paused).toBeNull();
    await core.digests.runner.run(CH, new Date('2026-03-04T09:00:00Z'), 'scheduled');
    expect((await core.settings.get(CH)).paused?.reason).toMatch(/3 digests in a row failed/);
  });

  it('a failed digest does not lose its stories: the next one carries them', async () => {
    adapter.fail = () => new NewsdeskError('platform_unavailable', '500');
    await core.digests.runner.run(CH, new Date('2026-03-02T09:00:00Z'), 'scheduled');
    adapter.fail = null;
    clock.set('2026-03-03T09:00:00Z');
    await core.digests.runner.run(CH, new Date('2026-03-03T09:00:00Z'), 'scheduled');
    expect(adapter.posts).toHaveLength(1);
    expect(adapter.posts[0].reply.sections[0].items?.[0].title).toBe('Sylvania elects a mayor');
    clock.set('2026-03-02T12:00:00Z');
  });
});
