import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { createFeedPoller } from '../../src/feeds/feed-poller.js';
import { createFetcher, type Fetcher } from '../../src/feeds/fetch-resource.js';
import { backoffMs, nextSlot, parseEvery, staggerOffset } from '../../src/feeds/poll-schedule.js';
import { createRequestLimiter } from '../../src/feeds/request-limiter.js';
import { canonicalArticleUrl } from '../../src/feeds/item-identity.js';
import { openDatabase, SqliteArticleStore } from '../../src/store/sqlite-article-store.js';
import { SqliteFeedStore } from '../../src/store/sqlite-feed-store.js';
import { rss } from './feed-fixtures.js';
import { startLocalServer, type LocalServer } from './local-server.js';

describe('poll schedule', () => {
  it('parses intervals with a 10 s minimum', () => {
    expect(parseEvery('30s')).toBe(30_000);
    expect(parseEvery('10m')).toBe(600_000);
    expect(parseEvery('1h')).toBe(3_600_000);
    expect(() => parseEvery('5s')).toThrow(/at most every 10s/);
    expect(() => parseEvery('soon')).toThrow(/not an interval/);
  });

  it('backs off 5 min × 2^n, capped at 6 h', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => backoffMs(n) / 60_000)).toEqual([5, 10, 20, 40, 80, 160, 320, 360, 360]);
    expect(backoffMs(0)).toBe(0);
  });

  it('staggers feeds across the interval by a hash of the URL', () => {
    const every = 600_000;
    const now = new Date('2026-01-01T00:00:00Z');
    const offsets = new Set(Array.from({ length: 50 }, (_, i) => staggerOffset(`https://site${i}.example/rss`, every)));
    expect(offsets.size).toBeGreaterThan(45);
    for (let i = 0; i < 50; i++) {
      const slot = nextSlot(`https://site${i}.example/rss`, every, now).getTime();
      expect(slot).toBeGreaterThan(now.getTime());
      expect(slot).toBeLessThanOrEqual(now.getTime() + every);
    }
  });

  it('canonicalises article URLs: tracking parameters, AMP and mobile variants removed', () => {
    const c = 'news.example/world/story-1?id=7';
    for (const u of [
      'https://www.news.example/world/story-1?id=7&utm_source=rss&utm_medium=feed',
      'http://m.news.example/world/story-1/?fbclid=abc&id=7',
      'https://amp.news.example/world/story-1?id=7&gclid=x#top',
      'https://news.example/world/story-1/amp?id=7',
      'https://news.example/amp/world/story-1?id=7',
    ]) expect(canonicalArticleUrl(u), u).toBe(c);
    expect(canonicalArticleUrl('javascript:alert(1)')).toBeNull();
  });
});

describe('request limiter', () => {
  it('keeps at most N requests in flight overall and per host', async () => {
    const limiter = createRequestLimiter({ maxConcurrent: 3, perHost: 2 });
    let peak = 0;
    const perHostPeak = new Map<string, number>();
    const running = new Map<string, number>();
    const task = (host: string) =>
      limiter.run(host, async () => {
        running.set(host, (running.get(host) ?? 0) + 1);
        perHostPeak.set(host, Math.max(perHostPeak.get(host) ?? 0, running.get(host)!));
        peak = Math.max(peak, limiter.active());
        await new Promise((r) => setImmediate(r));
        running.set(host, running.get(host)! - 1);
      });
    await Promise.all([...Array(6)].map(() => task('a')).concat([...Array(6)].map(() => task('b')), [task('c')]));
    expect(peak).toBe(3);
    expect(perHostPeak.get('a')).toBe(2);
    expect(perHostPeak.get('b')).toBe(2);
    expect(limiter.active()).toBe(0);
  });
});

describe('poller', () => {
  let srv: LocalServer;
  let fetcher: Fetcher;
  let db: Database.Database;
  beforeAll(async () => {
    srv = await startLocalServer();
    fetcher = createFetcher({ userAgent: 'newsdesk/test', allowPrivate: true, timeoutMs: 500 });
    srv.route('/slow', () => undefined);
    srv.route('/fast', (_q, res) => res.end(rss([{ guid: 'f', link: `${srv.base}/nopage`, title: 'Fast feed item', description: 'Fast feed text about the river.' }])));
    db = openDatabase(':memory:');
  });
  afterAll(async () => {
    db.close();
    await fetcher.close();
    await srv.close();
  });

  it('does not let a hanging feed delay another one, and polls a feed only when due', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const feeds = new SqliteFeedStore(db);
    for (const p of ['/slow', '/fast']) await feeds.add(`${srv.base}${p}`, 60_000, 'file', clock.now());
    const poller = createFeedPoller({
      feeds, articles: new SqliteArticleStore(db), fetcher, limiter: createRequestLimiter({ maxConcurrent: 4, perHost: 2 }), clock,
      onArticlesStored: () => undefined, notify: () => undefined,
    });
    clock.advance(60_000);
    const done = await poller.pollDue();
    expect(done.map((o) => [o.url.replace(srv.base, ''), o.status])).toEqual([['/fast', 'ok'], ['/slow', 'failed']]);
    // Right after a poll nothing is due: the fast feed waits for its next slot, the slow one for its backoff.
    expect(await poller.pollDue()).toEqual([]);
    clock.advance(60_000);
    expect((await poller.pollDue()).map((o) => o.url.replace(srv.base, ''))).toEqual(['/fast']);
  });

  it('polls on its own once started and stops cleanly', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const feeds = new SqliteFeedStore(db);
    for (const f of await feeds.list()) await feeds.remove(f.url, 'cli');
    srv.route('/ticking', (_q, res) => res.end(rss([])));
    await feeds.add(`${srv.base}/ticking`, 10_000, 'file', clock.now());
    const poller = createFeedPoller({
      feeds, articles: new SqliteArticleStore(db), fetcher, limiter: createRequestLimiter({ maxConcurrent: 2, perHost: 1 }), clock,
      onArticlesStored: () => undefined, notify: () => undefined, tickMs: 10,
    });
    clock.advance(10_000);
    poller.start();
    await vi.waitFor(async () => expect((await feeds.get(`${srv.base}/ticking`))!.lastSuccessAt).not.toBeNull(), { timeout: 5000 });
    await poller.stop();
    const hits = srv.hits('/ticking');
    expect(hits).toBe(1);
    clock.advance(60_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(srv.hits('/ticking')).toBe(hits);
  });
});
