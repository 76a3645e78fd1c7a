import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { fixedClock } from '../../src/core/clock.js';
import { createFeedPoller } from '../../src/feeds/feed-poller.js';
import { createFetcher, type Fetcher } from '../../src/feeds/fetch-resource.js';
import { pollFeed, previewFeed, type FeedPollDeps } from '../../src/feeds/poll-feed.js';
import { createRequestLimiter } from '../../src/feeds/request-limiter.js';
import type { StoredArticle } from '../../src/store/article-repository.js';
import { openDatabase } from '../../src/store/sqlite-article-store.js';
import { SqliteArticleRepository } from '../../src/store/sqlite-article-repository.js';
import { SqliteFeedStore } from '../../src/store/sqlite-feed-store.js';
import { articlePage, atom, jsonFeed, rdf, rss, type TestItem } from './feed-fixtures.js';
import { startLocalServer, type LocalServer } from './local-server.js';

let srv: LocalServer;
let fetcher: Fetcher;
let db: Database.Database;
let deps: FeedPollDeps;
let articles: SqliteArticleRepository;
/** The current articles, read through the repository the feeds store into. */
const stored = async (): Promise<StoredArticle[]> => articles.getMany((await articles.currentHeads()).map((h) => h.id));
let notices: { channel: string; text: string }[];
let refreshes: number;
const clock = fixedClock('2024-03-01T12:00:00Z');

const item = (n: number, extra: Partial<TestItem> = {}): TestItem => ({
  guid: `g-${n}`, link: `${srv.base}/story/${n}`, title: `Harbour story ${n}`, description: `Feed summary of harbour story ${n}.`, ...extra,
});

beforeAll(async () => {
  srv = await startLocalServer();
  fetcher = createFetcher({ userAgent: 'newsdesk/test', allowPrivate: true, timeoutMs: 300 });
  for (let n = 1; n <= 9; n++) srv.route(`/story/${n}`, (_q, res) => res.end(articlePage(`Harbour story ${n}`, `Harbour plan ${n}`, { author: 'Mara Quint' })));
  srv.route('/story/broken', (_q, res) => {
    res.statusCode = 500;
    res.end();
  });
  srv.route('/story/index', (_q, res) => res.end('<html><body><ul><li><a href="/a">One</a></li></ul></body></html>'));
});
afterAll(async () => {
  await fetcher.close();
  await srv.close();
});

beforeEach(() => {
  clock.set('2024-03-01T12:00:00Z');
  db = openDatabase(':memory:');
  notices = [];
  refreshes = 0;
  articles = new SqliteArticleRepository(db);
  deps = {
    feeds: new SqliteFeedStore(db), articles, fetcher, limiter: createRequestLimiter({ maxConcurrent: 4, perHost: 2 }), clock,
    onArticlesStored: () => void refreshes++, notify: (channel, text) => void notices.push({ channel, text }), maxFailures: 3,
  };
});
afterEach(() => db.close());

function serve(path: string, body: () => string, type = 'application/xml'): void {
  srv.route(path, (_q, res) => {
    res.setHeader('content-type', type);
    res.end(body());
  });
}

async function pollPath(path: string) {
  const url = `${srv.base}${path}`;
  const feed = (await deps.feeds.get(url)) ?? (await deps.feeds.add(url, 600_000, 'cli', clock.now()));
  return pollFeed((await deps.feeds.get(feed.url))!, deps);
}

describe('feed formats', () => {
  it.each([
    ['rss', rss], ['atom', atom], ['rdf', rdf], ['json', jsonFeed],
  ] as const)('%s: stores each new item with its page text, not only the feed summary', async (name, make) => {
    serve(`/${name}`, () => make([item(1), item(2)]), name === 'json' ? 'application/feed+json' : 'application/xml');
    const out = await pollPath(`/${name}`);
    expect(out).toMatchObject({ status: 'ok', newItems: 2, partialItems: 0 });
    const current = await stored();
    expect(current.map((a) => a.title).sort()).toEqual(['Harbour story 1', 'Harbour story 2']);
    const a = current.find((x) => x.title === 'Harbour story 1')!;
    expect(a.origin).toBe('feed');
    expect(a.text).toContain('Harbour plan 1 paragraph 3');
    for (const m of ['PAGE-SCRIPT-MARKER', 'COOKIE-MARKER', 'NAV-MARKER', 'NEWSLETTER-MARKER', 'MOST-READ-MARKER', 'FOOTER-MARKER']) expect(a.text, m).not.toContain(m);
    expect(a.byline).toEqual(['Mara Quint']);
    expect(refreshes).toBe(1);
    // Polling again brings nothing new.
    expect((await pollPath(`/${name}`)).newItems).toBe(0);
  });
});

describe('conditional GET', () => {
  it('sends the validators back and treats 304 as success', async () => {
    srv.route('/cond', (q, res) => {
      if (q.headers['if-none-match'] === '"e1"') {
        res.statusCode = 304;
        return void res.end();
      }
      res.setHeader('etag', '"e1"');
      res.setHeader('last-modified', 'Fri, 01 Mar 2024 11:00:00 GMT');
      res.end(rss([item(3)]));
    });
    expect((await pollPath('/cond')).status).toBe('ok');
    const second = await pollPath('/cond');
    expect(second.status).toBe('not_modified');
    const seen = srv.seen.filter((s) => s.path === '/cond').at(-1)!;
    expect(seen.headers['if-none-match']).toBe('"e1"');
    expect(seen.headers['if-modified-since']).toBe('Fri, 01 Mar 2024 11:00:00 GMT');
    const state = (await deps.feeds.get(`${srv.base}/cond`))!;
    expect(state.failures).toBe(0);
    expect(state.etag).toBe('"e1"');
  });

  it('keeps poll state across a restart (a new store on the same database)', async () => {
    serve('/persist', () => rss([item(4)]));
    await pollPath('/persist');
    const again = (await new SqliteFeedStore(db).get(`${srv.base}/persist`))!;
    expect(again.lastSuccessAt).toBe('2024-03-01T12:00:00.000Z');
    expect(new Date(again.nextAttemptAt!).getTime()).toBeGreaterThan(clock.now().getTime());
  });
});

describe('failures and backoff', () => {
  it('backs off 5, 10, 20 minutes on 500s and timeouts, disables after N with one notice to followers', async () => {
    let mode: 'error' | 'hang' = 'error';
    srv.route('/flaky', (_q, res) => {
      if (mode === 'hang') return;
      res.statusCode = 500;
      res.end('no');
    });
    const url = `${srv.base}/flaky`;
    await deps.feeds.add(url, 600_000, 'chat', clock.now());
    await deps.feeds.follow(url, 'slack:T1:C1');
    await deps.feeds.follow(url, 'discord:G1:C2');
    const waits: number[] = [];
    for (const m of ['error', 'hang', 'error'] as const) {
      mode = m;
      const t0 = clock.now().getTime();
      const out = await pollFeed((await deps.feeds.get(url))!, deps);
      const state = (await deps.feeds.get(url))!;
      waits.push((new Date(state.nextAttemptAt!).getTime() - t0) / 60_000);
      if (m === 'hang') expect(state.lastError).toMatch(/did not answer/);
      if (waits.length < 3) expect(out.status).toBe('failed');
      else expect(out.status).toBe('disabled');
      clock.set(state.nextAttemptAt!);
    }
    expect(waits).toEqual([5, 10, 20]);
    expect(notices.map((n) => n.channel)).toEqual(['discord:G1:C2', 'slack:T1:C1']);
    expect(notices[0].text).toContain(url);
    // A disabled feed is not polled again and no second notice ever goes out.
    const poller = createFeedPoller(deps);
    clock.advance(24 * 3600_000);
    expect(await poller.pollDue()).toEqual([]);
    expect(notices).toHaveLength(2);
    expect((await deps.feeds.get(url))!.disabledReason).toMatch(/3 consecutive failures/);
  });

  it('counts malformed XML and a non-feed as failures, while other feeds keep working', async () => {
    serve('/malformed', () => '<rss><channel><item><title>broken</ti');
    serve('/html', () => '<html><body>not a feed</body></html>', 'text/html');
    serve('/good', () => rss([item(5)]));
    for (const p of ['/malformed', '/html', '/good']) await deps.feeds.add(`${srv.base}${p}`, 60_000, 'cli', clock.now());
    const poller = createFeedPoller(deps);
    clock.advance(120_000);
    const outcomes = await poller.pollDue();
    const by = Object.fromEntries(outcomes.map((o) => [o.url.replace(srv.base, ''), o]));
    expect(by['/malformed'].status).toBe('failed');
    expect(by['/malformed'].error).toMatch(/not a well-formed feed/);
    expect(by['/html'].error).toMatch(/not an RSS, Atom, RDF or JSON feed/);
    expect(by['/good']).toMatchObject({ status: 'ok', newItems: 1 });
  });
});

describe('one story, once', () => {
  it('stores an item once across two feeds and after its GUID and date are re-stamped', async () => {
    let guid = 'first-guid';
    let date = 'Mon, 01 Jan 2024 10:00:00 GMT';
    serve('/section-a', () => rss([item(6, { guid, date })]));
    serve('/section-b', () => atom([item(6, { guid: 'urn:other:6', link: `${srv.base}/story/6?utm_source=rss&utm_medium=feed` })]));
    expect((await pollPath('/section-a')).newItems).toBe(1);
    expect((await pollPath('/section-b')).newItems).toBe(0);
    guid = 'restamped-guid';
    date = 'Tue, 02 Jan 2024 10:00:00 GMT';
    expect((await pollPath('/section-a')).newItems).toBe(0);
    expect(await stored()).toHaveLength(1);
  });

  it('uses the feed text, marked partial, when the page fails or has no article', async () => {
    serve('/partial', () => rss([
      item(7, { link: `${srv.base}/story/broken`, description: 'The ferry strike ended on Friday after talks, the union said.' }),
      item(8, { link: `${srv.base}/story/index`, description: 'Budget vote delayed until spring, the council said.' }),
    ]));
    const out = await pollPath('/partial');
    expect(out).toMatchObject({ newItems: 2, partialItems: 2 });
    const texts = (await stored()).map((a) => a.text).sort();
    expect(texts).toEqual(['Budget vote delayed until spring, the council said.', 'The ferry strike ended on Friday after talks, the union said.']);
    expect(await deps.feeds.isPartial(`${srv.base}/story/broken`)).toBe(true);
  });

  it('previews what the next poll would bring without storing it', async () => {
    serve('/preview', () => jsonFeed([item(9), item(1)]));
    await pollPath('/preview');
    serve('/preview2', () => jsonFeed([item(9), { ...item(2), link: `${srv.base}/story/2`, guid: 'new' }]));
    const p = await previewFeed(`${srv.base}/preview2`, deps);
    expect(p.items.map((i) => [i.title, i.known])).toEqual([['Harbour story 9', true], ['Harbour story 2', false]]);
    expect(await stored()).toHaveLength(2);
  });
});
