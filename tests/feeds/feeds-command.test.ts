import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { feedsCommand } from '../../src/commands/feeds.js';
import { renderPlainText } from '../../src/render/plain-text.js';
import { fixedClock } from '../../src/core/clock.js';
import type { CommandInvocation } from '../../src/core/invocation.js';
import type { CoreServices } from '../../src/core/services.js';
import { createFeedControl, type FeedControl } from '../../src/feeds/feed-control.js';
import { createFetcher, type Fetcher } from '../../src/feeds/fetch-resource.js';
import { loadFeedsFile } from '../../src/feeds/load-feeds-file.js';
import { createRequestLimiter } from '../../src/feeds/request-limiter.js';
import { openDatabase } from '../../src/store/sqlite-article-store.js';
import { SqliteFeedStore } from '../../src/store/sqlite-feed-store.js';
import { rss } from './feed-fixtures.js';
import { startLocalServer, type LocalServer } from './local-server.js';

let srv: LocalServer;
let fetcher: Fetcher;
let db: Database.Database;
let store: SqliteFeedStore;
const clock = fixedClock('2024-03-01T12:00:00Z');

beforeAll(async () => {
  srv = await startLocalServer();
  fetcher = createFetcher({ userAgent: 'newsdesk/test', allowPrivate: true, timeoutMs: 2000 });
  srv.route('/rss', (_q, res) => res.end(rss([{ guid: '1', link: `${srv.base}/one`, title: 'Ferry strike ends', description: 'The strike ended.' }])));
});
afterAll(async () => {
  await fetcher.close();
  await srv.close();
});
beforeEach(() => {
  db = openDatabase(':memory:');
  store = new SqliteFeedStore(db);
});
afterEach(() => db.close());

function services(allowPrivate: boolean): CoreServices & { feeds: FeedControl } {
  const feeds = createFeedControl({ feeds: store, fetcher, limiter: createRequestLimiter({ maxConcurrent: 2, perHost: 1 }), clock, allowPrivate, defaultEveryMs: 600_000 });
  return { clock, commandPrefix: '', specs: () => [], corpus: undefined as never, feeds };
}

const inv = (args: string, isAdmin = true): CommandInvocation => ({ name: 'feeds', args, actor: { id: 'u1', isAdmin }, channel: 'slack:T1:C1', platform: 'slack' });

describe('/newsdesk feeds', () => {
  it('lets admins add, test and remove (with confirmation) and anyone list', async () => {
    const s = services(true);
    const url = `${srv.base}/rss`;
    expect((await feedsCommand.handle(inv(`add ${url}`, false), s)).title).toBe('Only admins can do that');
    expect((await feedsCommand.handle(inv(`test ${url}`, false), s)).kind).toBe('error');
    const added = await feedsCommand.handle(inv(`add ${url} 15m`), s);
    expect(added.title).toBe('Feed added');
    expect(added.intro).toContain('every 15m');
    expect(await store.followers(url)).toEqual(['slack:T1:C1']);
    const list = await feedsCommand.handle(inv('list', false), s);
    expect(renderPlainText(list)).toContain(url);
    expect(renderPlainText(list)).toContain('waiting for its first poll');
    const test = await feedsCommand.handle(inv(`test ${url}`), s);
    expect(test.title).toContain('1 new of 1');
    expect(renderPlainText(test)).toContain('Ferry strike ends');
    const ask = await feedsCommand.handle(inv(`remove ${url}`), s);
    expect(ask.actions?.[0].command).toContain('confirm');
    expect(await store.list()).toHaveLength(1);
    expect((await feedsCommand.handle(inv(`remove ${url} confirm`), s)).title).toBe('Feed removed');
    expect(await store.list()).toHaveLength(0);
  });

  it('refuses loopback and non-http feeds in chat with the reason, without a request', async () => {
    const s = services(false);
    const before = srv.seen.length;
    const byIp = await feedsCommand.handle(inv(`add ${srv.base}/rss`), s);
    expect(byIp.kind).toBe('error');
    expect(byIp.intro).toContain(`127.0.0.1:${srv.port}`);
    expect(byIp.intro).toContain('loopback');
    const byName = await feedsCommand.handle(inv(`test http://localhost:${srv.port}/rss`), s);
    expect(byName.intro).toMatch(/Refused localhost:\d+/);
    expect((await feedsCommand.handle(inv('add file:///etc/passwd'), s)).intro).toMatch(/not an http\(s\) URL/);
    expect(srv.seen.length).toBe(before);
    expect(await store.list()).toHaveLength(0);
  });

  it('shows health and the last error of a failing feed', async () => {
    const s = services(true);
    await store.add('https://news.example/rss', 600_000, 'file', clock.now());
    await store.recordFailure('https://news.example/rss', { at: clock.now(), error: 'news.example answered HTTP 503 for /rss.', nextAttemptAt: new Date(clock.now().getTime() + 300_000) });
    // Written behind the control's back (as another process would): the list shows it after a refresh (each poller tick in the bot).
    await s.feeds.refresh();
    const list = await feedsCommand.handle(inv('list', false), s);
    expect(renderPlainText(list)).toContain('failing, retrying with backoff');
    expect(renderPlainText(list)).toContain('last error: news.example answered HTTP 503');
  });
});

describe('feeds file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-feeds-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads url and every with the default interval, and refuses bad entries with their index', () => {
    const f = join(dir, 'feeds.yaml');
    writeFileSync(f, 'feeds:\n  - url: https://a.example/rss\n    every: 30s\n  - url: https://b.example/atom\n  - https://c.example/feed.json\n');
    expect(loadFeedsFile(f, 600_000)).toEqual([
      { url: 'https://a.example/rss', everyMs: 30_000 },
      { url: 'https://b.example/atom', everyMs: 600_000 },
      { url: 'https://c.example/feed.json', everyMs: 600_000 },
    ]);
    expect(loadFeedsFile(join(dir, 'missing.yaml'), 600_000)).toEqual([]);
    writeFileSync(f, 'feeds:\n  - url: https://a.example/rss\n    every: 5s\n');
    expect(() => loadFeedsFile(f, 600_000)).toThrow(/feeds\[0\].*too often/);
    writeFileSync(f, 'feeds:\n  - url: javascript:alert(1)\n');
    expect(() => loadFeedsFile(f, 600_000)).toThrow(/feeds\[0\] needs an http\(s\) "url"/);
  });

  it('seeds the store, and a chat removal wins over the file', async () => {
    await store.seedFromFile([{ url: 'https://a.example/rss', everyMs: 30_000 }], clock.now());
    expect((await store.list()).map((f) => [f.url, f.origin])).toEqual([['https://a.example/rss', 'file']]);
    await store.remove('https://a.example/rss', 'chat');
    await store.seedFromFile([{ url: 'https://a.example/rss', everyMs: 60_000 }], clock.now());
    expect(await store.list()).toEqual([]);
    await store.seedFromFile([{ url: 'https://b.example/rss', everyMs: 60_000 }, { url: 'https://c.example/rss', everyMs: 60_000 }], clock.now());
    await store.seedFromFile([{ url: 'https://c.example/rss', everyMs: 120_000 }], clock.now());
    expect((await store.list()).map((f) => [f.url, f.everyMs])).toEqual([['https://c.example/rss', 120_000]]);
    await store.seedFromFile([{ url: 'https://b.example/rss', everyMs: 60_000 }, { url: 'https://c.example/rss', everyMs: 120_000 }], clock.now());
    expect((await store.list()).map((f) => f.url).sort()).toEqual(['https://b.example/rss', 'https://c.example/rss']);
  });
});
