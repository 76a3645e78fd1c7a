import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/app/build-core.js';
import { fixedClock } from '../../src/core/clock.js';
import type { CommandInvocation, Platform } from '../../src/core/invocation.js';
import { RateLimiter } from '../../src/core/rate-limiter.js';
import { openCore, tempWorld, writeArticle } from '../digests/digest-fixture.js';

/**
 * Rate limits as an attacker meets them: a real core (SQLite file, real
 * commands, the registry's default limits of 10 commands / 30 s per person
 * and 30 / 30 s per channel) on an injected clock.
 */
const CH = 'slack:T1:CNEWS';
const clock = fixedClock('2026-03-02T12:00:00Z');
let world: ReturnType<typeof tempWorld>;
let core: Core;

beforeEach(async () => {
  clock.set('2026-03-02T12:00:00Z');
  world = tempWorld();
  core = await openCore(world, { clock });
  await core.ingest([writeArticle(world.corpus, 'port', 'Freedonia opens new port', '2026-03-01T10:00:00Z', 'Freedonia opened a deep water port. Freedonian ships arrived.')]);
});
afterEach(async () => {
  await core.close();
  world.remove();
});

const brief = (user: string, channel = CH, platform: Platform = 'slack'): CommandInvocation => ({ name: 'brief', args: 'Freedonia', actor: { id: user, isAdmin: false }, channel, platform });
const limited = (title: string) => /^You're sending commands quickly — try again in \d+ s\.$/.test(title);

describe('per-user rate limit (the flood)', () => {
  it('one user floods 60 commands: limited after 10, privately and politely; a calm user in the same channel is still answered', async () => {
    const flood = [];
    const calm = [];
    for (let i = 0; i < 60; i++) {
      flood.push(await core.router.run(brief('U_FLOOD')));
      if (i % 20 === 10) calm.push(await core.router.run(brief('U_CALM')));
    }
    expect(flood.slice(0, 10).every((r) => r.title === 'Briefing: Freedonia')).toBe(true);
    const refused = flood.slice(10);
    expect(refused.every((r) => limited(r.title) && r.visibility === 'private' && r.kind === 'error')).toBe(true);
    expect(calm.map((r) => r.title)).toEqual(['Briefing: Freedonia', 'Briefing: Freedonia', 'Briefing: Freedonia']);
    // The wait is what one token takes to come back (30 s / 10), not a made-up number.
    expect(refused[0].title).toContain('try again in 3 s');
    clock.advance(3_000);
    expect((await core.router.run(brief('U_FLOOD'))).title).toBe('Briefing: Freedonia');
    expect(limited((await core.router.run(brief('U_FLOOD'))).title)).toBe(true);
  });

  it('the limit is per person: the same user is limited in every channel, other users are not', async () => {
    for (let i = 0; i < 10; i++) await core.router.run(brief('U_FLOOD', `slack:T1:C${i}`));
    expect(limited((await core.router.run(brief('U_FLOOD', 'slack:T1:COTHER'))).title)).toBe(true);
    expect((await core.router.run(brief('U_OTHER', 'slack:T1:COTHER'))).title).toBe('Briefing: Freedonia');
  });

  it('many users together hit the channel limit, which says so; the local console is never limited', async () => {
    const titles: string[] = [];
    for (let u = 0; u < 4; u++) for (let i = 0; i < 10; i++) titles.push((await core.router.run(brief(`U${u}`))).title);
    expect(titles.filter((t) => t === 'Briefing: Freedonia')).toHaveLength(30);
    expect(titles[30]).toMatch(/^This channel is sending a lot of commands right now — try again in \d+ s\.$/);
    for (let i = 0; i < 40; i++) expect((await core.router.run(brief('local', 'console:local', 'console'))).title).toBe('Briefing: Freedonia');
  });
});

describe('RateLimiter memory', () => {
  it('evicts idle buckets and never holds more than its cap', () => {
    const c = fixedClock('2026-03-02T12:00:00Z');
    const rl = new RateLimiter({ perUser: { limit: 2, windowMs: 1_000 }, perChannel: { limit: 10_000, windowMs: 1_000 }, maxBuckets: 50 }, c);
    for (let i = 0; i < 5_000; i++) expect(rl.take(`user-${i}`, 'chan').allowed).toBe(true);
    expect(rl.size()).toBeLessThanOrEqual(51);
    c.advance(1_000);
    rl.take('late', 'chan2');
    // Everyone else was idle for a full window (their buckets would be full again), so they are gone.
    expect(rl.size()).toBe(2);
  });

  it('a refused request consumes nothing, so the flooder cannot drain the channel for others', () => {
    const c = fixedClock('2026-03-02T12:00:00Z');
    const rl = new RateLimiter({ perUser: { limit: 2, windowMs: 10_000 }, perChannel: { limit: 3, windowMs: 10_000 } }, c);
    const flood = Array.from({ length: 20 }, () => rl.take('flooder', 'chan').allowed);
    expect(flood.filter(Boolean)).toHaveLength(2);
    expect(rl.take('calm', 'chan').allowed).toBe(true);
    expect(rl.take('calm', 'chan')).toMatchObject({ allowed: false, scope: 'channel' });
  });
});
