import type { ServerResponse } from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import type { FeedArticleSink } from '../../src/feeds/feed-article.js';
import { createFeedPoller, type FeedPoller } from '../../src/feeds/feed-poller.js';
import { createFetcher, type Fetcher } from '../../src/feeds/fetch-resource.js';
import type { PollOutcome } from '../../src/feeds/poll-feed.js';
import { createRequestLimiter } from '../../src/feeds/request-limiter.js';
import type { FeedRecord, FeedStore } from '../../src/store/feed-store.js';
import { pgliteFeedEngine, postgresFeedEngine, sqliteFeedEngine, type FeedDatabase, type FeedEngine } from '../store-contract/feed-engines.js';
import { articlePage, rss, type TestItem } from './feed-fixtures.js';
import { startLocalServer, type LocalServer } from './local-server.js';

/**
 * Two bot processes on one database, each with its own poller and lease owner, polling feeds served by a
 * real HTTP server on 127.0.0.1: every round of every feed is polled by one of them, every item is stored
 * once, and when one of them dies mid-poll the other takes its feed over once the lease has expired.
 */
const LEASE_MS = 60_000;
const EVERY_MS = 60_000;

let srv: LocalServer;
let fetcher: Fetcher;
let pglite: PGlite;
const feedItems = new Map<string, TestItem[]>();
/** Feed paths whose next request is held unanswered (a process that stalls or dies mid-poll). */
const stallNext = new Set<string>();
const stalled: { path: string; res: ServerResponse }[] = [];

beforeAll(async () => {
  srv = await startLocalServer();
  fetcher = createFetcher({ userAgent: 'newsdesk/test', allowPrivate: true, timeoutMs: 10_000 });
  for (let n = 1; n <= 40; n++) srv.route(`/story/${n}`, (_q, res) => res.end(articlePage(`Harbour story ${n}`, `Harbour plan ${n}`)));
  for (const path of ['/feed1', '/feed2', '/feed3']) {
    feedItems.set(path, []);
    srv.route(path, (_q, res) => {
      if (stallNext.delete(path)) return void stalled.push({ path, res });
      res.setHeader('content-type', 'application/rss+xml');
      res.end(rss(feedItems.get(path)!));
    });
  }
  pglite = new PGlite();
  await pglite.waitReady;
}, 120_000);
afterAll(async () => {
  await fetcher.close();
  await srv.close();
  await pglite?.close();
});

const engines: FeedEngine[] = [sqliteFeedEngine(), pgliteFeedEngine(() => pglite)];
if (process.env.NEWSDESK_TEST_DATABASE_URL) engines.push(postgresFeedEngine(process.env.NEWSDESK_TEST_DATABASE_URL));

describe.each(engines.map((e) => [e.name, e] as const))('two pollers on one database (%s)', (_name, engine) => {
  let db: FeedDatabase;
  let clock: ReturnType<typeof fixedClock>;
  /** Every upsert either process made, by source: "stored exactly once" is one upsert per item. */
  let upserts: Map<string, number>;
  let pollers: FeedPoller[];
  let next = 0;

  const sink: FeedArticleSink = {
    upsert: async (article) => {
      upserts.set(article.source, (upserts.get(article.source) ?? 0) + 1);
      return { id: article.source, outcome: 'added' };
    },
  };
  const poller = (feeds: FeedStore, owner: string) =>
    createFeedPoller({
      feeds, articles: sink, fetcher, limiter: createRequestLimiter({ maxConcurrent: 4, perHost: 4 }), clock, owner, leaseMs: LEASE_MS,
      // A dead process never renews: the background renewal is kept out of the test's few seconds.
      renewEveryMs: 3_600_000, onArticlesStored: () => undefined, notify: () => undefined,
    });
  const addItem = (path: string) => {
    next++;
    feedItems.get(path)!.push({ guid: `g-${next}`, link: `${srv.base}/story/${next}`, title: `Harbour story ${next}`, description: `Feed summary of harbour story ${next}.` });
  };

  beforeEach(async () => {
    db = await engine.open();
    clock = fixedClock('2026-03-02T12:00:00Z');
    upserts = new Map();
    next = 0;
    for (const items of feedItems.values()) items.length = 0;
    pollers = [poller(db.store, 'proc-a'), poller(await db.peer(), 'proc-b')];
  });
  afterEach(async () => {
    for (const s of stalled.splice(0)) s.res.destroy();
    await Promise.all(pollers.map((p) => p.stop()));
    await db.close();
  });

  it('each round of each feed is polled by one of them, and every item is stored exactly once', async () => {
    const paths = ['/feed1', '/feed2', '/feed3'];
    await db.store.seedFromFile(paths.map((p) => ({ url: `${srv.base}${p}`, everyMs: EVERY_MS })), clock.now());
    const pollersOf = new Map<string, Set<number>>();
    for (let round = 0; round < 4; round++) {
      for (const p of paths) addItem(p);
      clock.advance(EVERY_MS);
      const before = paths.map((p) => srv.hits(p));
      const outcomes = await Promise.all(pollers.map((p) => p.pollDue()));
      const all = outcomes.flat();
      // Each feed once this round, by either process, with its one new item.
      expect(all.map((o) => o.url).sort()).toEqual(paths.map((p) => `${srv.base}${p}`).sort());
      expect(all.every((o) => o.status === 'ok' && o.newItems === 1)).toBe(true);
      expect(paths.map((p, i) => srv.hits(p) - before[i])).toEqual([1, 1, 1]);
      outcomes.forEach((os, i) => os.forEach((o) => pollersOf.set(o.url, (pollersOf.get(o.url) ?? new Set()).add(i))));
      // Right after the round nothing is due for either.
      expect((await Promise.all(pollers.map((p) => p.pollDue()))).flat()).toEqual([]);
    }
    expect(upserts.size).toBe(12);
    expect([...upserts.values()].every((n) => n === 1)).toBe(true);
    expect((await db.store.list()).map((f) => [f.itemsSeen, f.leaseOwner])).toEqual([[4, null], [4, null], [4, null]]);
  }, 60_000);

  it('a process whose list of due feeds predates the other one\'s poll of this round does not poll it again', async () => {
    const url = `${srv.base}/feed2`;
    await db.store.add(url, EVERY_MS, 'file', clock.now());
    // Process B (started with A) reads the feed list (due) just before A polls the round and releases the lease.
    const peer = await db.peer();
    let staleList: FeedRecord[] = [];
    const stale = new Proxy(peer, { get: (t, k) => (k === 'list' ? async () => staleList : (Reflect.get(t, k) as (...a: unknown[]) => unknown).bind(t)) });
    const late = poller(stale, 'proc-late');
    pollers.push(late);
    addItem('/feed2');
    clock.advance(EVERY_MS);
    staleList = await peer.list();
    expect(await pollers[0].pollDue()).toMatchObject([{ url, status: 'ok', newItems: 1 }]);
    const hits = srv.hits('/feed2');
    expect(await late.pollDue()).toEqual([]);
    expect(srv.hits('/feed2')).toBe(hits);
  }, 60_000);

  it('a process that dies mid-poll keeps its feed until the lease expires; then the other takes it over, and the dead one stores nothing', async () => {
    const url = `${srv.base}/feed1`;
    await db.store.add(url, EVERY_MS, 'file', clock.now());
    const [a, b] = pollers;
    addItem('/feed1');
    clock.advance(EVERY_MS);
    expect((await a.pollDue()).map((o) => o.newItems)).toEqual([1]);

    // Next round: process A takes the lease and its request hangs (the process is dead or stalled).
    addItem('/feed1');
    clock.advance(EVERY_MS);
    stallNext.add('/feed1');
    const dying = a.pollDue();
    await vi.waitFor(() => expect(stalled).toHaveLength(1), { timeout: 5000, interval: 20 });
    expect((await db.store.get(url))!.leaseOwner).toBe('proc-a');
    // B leaves it alone while the lease lives…
    expect(await b.pollDue()).toEqual([]);
    clock.advance(LEASE_MS - 1000);
    expect(await b.pollDue()).toEqual([]);
    // …and takes it over once it has expired.
    clock.advance(2000);
    const taken = await b.pollDue();
    expect(taken).toMatchObject([{ url, status: 'ok', newItems: 1 }]);
    expect(upserts.get(`${srv.base}/story/2`)).toBe(1);

    // A's stalled request finally answers, with an item B has not seen: A no longer holds the lease, so it stores
    // and records nothing; the item waits for the next round.
    addItem('/feed1');
    const s = stalled.shift()!;
    s.res.setHeader('content-type', 'application/rss+xml');
    s.res.end(rss(feedItems.get('/feed1')!));
    const late: PollOutcome[] = await dying;
    expect(late).toMatchObject([{ url, status: 'lease_lost', newItems: 0 }]);
    expect(upserts.has(`${srv.base}/story/3`)).toBe(false);
    expect(await db.store.get(url)).toMatchObject({ itemsSeen: 2, failures: 0, leaseOwner: null });

    clock.advance(EVERY_MS);
    const round = (await Promise.all(pollers.map((p) => p.pollDue()))).flat();
    expect(round).toMatchObject([{ url, status: 'ok', newItems: 1 }]);
    expect([...upserts.entries()].sort()).toEqual([1, 2, 3].map((n) => [`${srv.base}/story/${n}`, 1]));
  }, 60_000);
});
