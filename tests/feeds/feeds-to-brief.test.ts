import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCore, type Core } from '../../src/app/build-core.js';
import { fixedClock } from '../../src/core/clock.js';
import { feedStoreFor, openFeeds, type Feeds } from '../../src/feeds/build-feeds.js';
import { renderPlainText } from '../../src/render/plain-text.js';
import { atom, rss, type TestItem } from './feed-fixtures.js';
import { startLocalServer, type LocalServer } from './local-server.js';

/** A page whose body names things the feed's one-line description does not. */
const page = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><nav>Home NAV-MARKER</nav><div class="cookie-banner">COOKIE-MARKER</div><article><h1>${title}</h1>${body}</article><footer>FOOTER-MARKER</footer></body></html>`;

let srv: LocalServer;
let core: Core;
let feeds: Feeds;
const clock = fixedClock('2026-02-01T09:00:00Z');
const rssItems: TestItem[] = [];

beforeAll(async () => {
  srv = await startLocalServer();
  srv.route('/rss', (_q, res) => res.end(rss(rssItems)));
  srv.route('/atom', (_q, res) => res.end(atom([{ guid: 'urn:a1', link: `${srv.base}/p/tram`, title: 'Marsk tram line approved', description: 'A tram line.' }])));
  srv.route('/p/harbour', (_q, res) =>
    res.end(page('Corvale harbour reopens', '<p>The harbour of Corvale reopened on Monday after repairs, harbourmaster Ilse Brandt said, and the first ferry from Ostrava docked at noon.</p><p>Brandt said the Zanzibar-class cranes would be working by March, and that fishermen had been compensated for the closure.</p>')),
  );
  srv.route('/p/tram', (_q, res) =>
    res.end(page('Marsk tram line approved', '<p>The city council of Marsk approved a new tram line on Tuesday, transport councillor Pavel Nowak said, linking the Quarry district to the railway station.</p><p>Construction of the Quarry line starts in spring and will cost 40 million euros, Nowak said.</p>')),
  );
  srv.route('/p/bridge', (_q, res) => {
    res.statusCode = 503;
    res.end();
  });
  core = await buildCore({ dbPath: ':memory:', corpusDir: null, clock });
  feeds = await openFeeds({
    feedStore: await feedStoreFor(core.storage), articles: core.repository, clock, onArticlesStored: () => void core.corpus.refreshChanged(), notify: () => undefined,
    settings: { feedsFile: null, defaultEveryMs: 10_000, allowPrivate: true, userAgent: 'newsdesk/test' },
  });
  await feeds.control.add(`${srv.base}/rss`, '10s', 'file');
  await feeds.control.add(`${srv.base}/atom`, '10s', 'file');
});
afterAll(async () => {
  await feeds.close();
  await core.close();
  await srv.close();
});

async function brief(topic: string): Promise<string> {
  const reply = await core.router.run({ name: 'brief', args: topic, actor: { id: 'u', isAdmin: false }, channel: 'console:local', platform: 'cli' });
  return renderPlainText(reply);
}

async function pollRound(): Promise<void> {
  clock.advance(10_000);
  await feeds.poller.pollDue();
  await core.corpus.refresh();
}

describe('from feed to /brief', () => {
  it('answers from the page body of RSS and Atom items, without page furniture', async () => {
    rssItems.push({ guid: 'h1', link: `${srv.base}/p/harbour`, title: 'Corvale harbour reopens', description: 'The harbour reopened.' });
    await pollRound();
    const harbour = await brief('Ilse Brandt');
    expect(harbour).toContain('Corvale harbour reopens');
    const tram = await brief('Pavel Nowak');
    expect(tram).toContain('Marsk tram line approved');
    for (const m of ['NAV-MARKER', 'COOKIE-MARKER', 'FOOTER-MARKER']) expect(harbour + tram).not.toContain(m);
  });

  it('answers about an item added later after the next poll, and from the feed text when its page fails', async () => {
    rssItems.push({ guid: 'b1', link: `${srv.base}/p/bridge`, title: 'Ostrava bridge closed', description: 'The Ostrava bridge was closed for inspection, engineer Tomas Vrana said on Friday.' });
    await pollRound();
    expect(await brief('Tomas Vrana')).toContain('Ostrava bridge closed');
    expect(await feeds.store.isPartial(`${srv.base}/p/bridge`)).toBe(true);
  });
});
