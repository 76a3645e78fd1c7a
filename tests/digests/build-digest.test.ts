import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/app/build-core.js';
import { fixedClock } from '../../src/core/clock.js';
import { openCore, recordingAdapter, storyTitles, tempWorld, writeArticle } from './digest-fixture.js';

const CH = 'slack:T1:C1';
const clock = fixedClock('2026-03-02T08:00:00Z');
let world: ReturnType<typeof tempWorld>;
let core: Core;
let adapter: ReturnType<typeof recordingAdapter>;

async function ingestAt(iso: string, name: string, title: string, text: string, date: string | null = null) {
  clock.set(iso);
  await core.ingest([writeArticle(world.corpus, name, title, date, text)]);
}

beforeEach(async () => {
  world = tempWorld();
  clock.set('2026-03-01T00:00:00Z');
  core = await openCore(world, { clock });
  adapter = recordingAdapter('slack');
  await core.settings.update(CH, { topics: ['Freedonia', 'Harbor Watch'], maxStories: 5 }, 'chat', clock.now());
  await core.digests.start([adapter]);
});
afterEach(async () => {
  await core.close();
  world.remove();
});

describe('digest content', () => {
  it('first digest covers only the 24 hours before it', async () => {
    await ingestAt('2026-02-27T10:00:00Z', 'old', 'Freedonia old budget row', 'Freedonia argued about the budget for weeks.');
    await ingestAt('2026-03-01T20:00:00Z', 'new', 'Freedonia opens new port', 'Freedonia opened a deep water port. Freedonian ships arrived.');
    clock.set('2026-03-02T08:00:00Z');
    const out = await core.digests.runNow(CH);
    expect(out.status).toBe('sent');
    expect(storyTitles(adapter.posts[0].reply)).toEqual(['Freedonia opens new port']);
    expect(adapter.posts[0].reply.visibility).toBe('channel');
  });

  it('only new stories: never repeats a story already sent, picks up what arrived since', async () => {
    await ingestAt('2026-03-01T20:00:00Z', 'a', 'Freedonia opens new port', 'Freedonia opened a deep water port.');
    clock.set('2026-03-02T08:00:00Z');
    await core.digests.runNow(CH);
    await ingestAt('2026-03-02T12:00:00Z', 'b', 'Harbor Watch criticises detentions', 'Harbor Watch said detentions rose sharply.');
    clock.set('2026-03-03T08:00:00Z');
    await core.digests.runNow(CH);
    expect(storyTitles(adapter.posts[1].reply)).toEqual(['Harbor Watch criticises detentions']);
    expect(adapter.posts[1].reply.sections.map((s) => s.heading)).toEqual(['Harbor Watch']);
  });

  it('groups reprints into one story and never shows a story under two topics', async () => {
    const body = 'Harbor Watch said Freedonia detained reporters. Freedonian officials declined to comment.';
    await ingestAt('2026-03-01T20:00:00Z', 'wire', 'Freedonia detains reporters, Harbor Watch says', body);
    await ingestAt('2026-03-01T21:00:00Z', 'reprint', 'Reporters detained in Freedonia', body);
    clock.set('2026-03-02T08:00:00Z');
    await core.digests.runNow(CH);
    const r = adapter.posts[0].reply;
    expect(storyTitles(r)).toHaveLength(1);
    const item = r.sections[0].items![0];
    expect(item.notes?.join(' ')).toMatch(/Also reported by/);
  });

  it('respects the maximum number of stories, shared across topics', async () => {
    await core.settings.update(CH, { maxStories: 3 }, 'chat', clock.now());
    for (let i = 0; i < 4; i++) await ingestAt(`2026-03-01T1${i}:00:00Z`, `f${i}`, `Freedonia story number ${i} about ${['roads', 'schools', 'ports', 'farms'][i]}`, `Freedonia announced a plan for ${['roads', 'schools', 'ports', 'farms'][i]} on day ${i}.`);
    await ingestAt('2026-03-01T18:00:00Z', 'h', 'Harbor Watch annual report', 'Harbor Watch published its annual report on prisons.');
    clock.set('2026-03-02T08:00:00Z');
    const preview = await core.digests.preview(CH);
    expect(storyTitles(preview)).toHaveLength(3);
    expect(preview.sections.map((s) => s.heading)).toEqual(['Freedonia', 'Harbor Watch']);
    expect(preview.visibility).toBe('private');
    expect(adapter.posts).toHaveLength(0);
  });

  it('stays quiet when nothing is new, unless the channel asks for "no new stories"', async () => {
    await core.settings.update(CH, { schedule: 'daily 09:00' }, 'chat', clock.now());
    clock.set('2026-03-02T09:00:00Z');
    const quiet = await core.digests.runner.run(CH, new Date('2026-03-02T09:00:00Z'), 'scheduled');
    expect(quiet.status).toBe('empty');
    expect(adapter.posts).toHaveLength(0);
    expect((await core.ledger.last(CH))?.status).toBe('empty');

    await core.settings.update(CH, { postWhenEmpty: true }, 'chat', clock.now());
    clock.set('2026-03-03T09:00:00Z');
    const posted = await core.digests.runner.run(CH, new Date('2026-03-03T09:00:00Z'), 'scheduled');
    expect(posted.status).toBe('sent');
    expect(adapter.posts[0].reply.kind).toBe('empty');
    expect(adapter.posts[0].reply.intro).toMatch(/No new stories on Freedonia, Harbor Watch/);
  });
});
