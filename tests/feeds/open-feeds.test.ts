import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { openFeeds, type Feeds } from '../../src/feeds/build-feeds.js';
import type { FeedStore } from '../../src/store/feed-store.js';
import { pgliteFeedEngine, sqliteFeedEngine, type FeedDatabase, type FeedEngine } from '../store-contract/feed-engines.js';

/** Several processes starting at once on one database, each seeding the same feeds file and channels' feeds. */
let pglite: PGlite;
let dir: string;
beforeAll(async () => {
  pglite = new PGlite();
  await pglite.waitReady;
}, 120_000);
afterAll(() => pglite?.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-open-feeds-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const engines: FeedEngine[] = [sqliteFeedEngine(), pgliteFeedEngine(() => pglite)];

describe.each(engines.map((e) => [e.name, e] as const))('openFeeds on %s', (_name, engine) => {
  let db: FeedDatabase;
  const opened: Feeds[] = [];
  beforeEach(async () => {
    db = await engine.open();
  });
  afterEach(async () => {
    for (const f of opened.splice(0)) await f.close();
    await db.close();
  });

  it('three processes seeding at once end with one copy of each feed, followed by its channels', async () => {
    const file = join(dir, 'feeds.yaml');
    writeFileSync(file, 'feeds:\n  - url: https://news.example.org/rss.xml\n    every: 30m\n  - url: https://wire.example.net/atom.xml\n');
    const clock = fixedClock('2026-03-02T12:00:00Z');
    const channelFeeds = [
      { url: 'https://news.example.org/rss.xml', channelKey: 'slack:T1:C1' },
      { url: 'https://local.example.com/feed.json', channelKey: 'discord:G1:C2' },
    ];
    const open = (feedStore: FeedStore, owner: string) =>
      openFeeds({
        feedStore, articles: { upsert: async (a) => ({ id: a.source, outcome: 'added' as const }) }, clock, owner, channelFeeds,
        onArticlesStored: () => undefined, notify: () => undefined,
        settings: { feedsFile: file, defaultEveryMs: 600_000, allowPrivate: false, userAgent: 'newsdesk/test' },
      });
    opened.push(...(await Promise.all([open(db.store, 'proc-a'), open(await db.peer(), 'proc-b'), open(await db.peer(), 'proc-c')])));
    for (const f of opened) {
      const list = f.control.list().map((s) => [s.url, s.everyMs, s.origin, s.followers]);
      expect(list.sort()).toEqual([
        ['https://local.example.com/feed.json', 600_000, 'file', ['discord:G1:C2']],
        ['https://news.example.org/rss.xml', 1_800_000, 'file', ['slack:T1:C1']],
        ['https://wire.example.net/atom.xml', 600_000, 'file', []],
      ]);
    }
    expect(new Set(opened.map((f) => f.poller.owner))).toEqual(new Set(['proc-a', 'proc-b', 'proc-c']));
  });

  it('a broken feeds file stops start-up with its message', async () => {
    const file = join(dir, 'feeds.yaml');
    writeFileSync(file, 'feeds:\n  - url: javascript:alert(1)\n');
    await expect(
      openFeeds({
        feedStore: db.store, articles: { upsert: async (a) => ({ id: a.source, outcome: 'added' as const }) }, clock: fixedClock('2026-03-02T12:00:00Z'),
        onArticlesStored: () => undefined, notify: () => undefined, settings: { feedsFile: file, defaultEveryMs: 600_000, allowPrivate: false, userAgent: 'newsdesk/test' },
      }),
    ).rejects.toThrow(/feeds\[0\] needs an http\(s\) "url"/);
  });
});
