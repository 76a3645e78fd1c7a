import { describe, expect, it } from 'vitest';
import { FetchError } from '../../src/feeds/fetch-error.js';
import { itemKeys } from '../../src/feeds/item-identity.js';
import { parseFeedDocument } from '../../src/feeds/parse-feed.js';

describe('parseFeedDocument', () => {
  it('turns item HTML into plain text and drops script and javascript: links', () => {
    const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
      <item><title>Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;</title><link>javascript:alert(1)</link><guid>https://news.example/a?utm_source=x</guid>
      <content:encoded><![CDATA[<p>First <a href="javascript:alert(1)">para</a>.</p><script>alert("x")</script><p>Second para.</p>]]></content:encoded><dc:creator>Ann Lee</dc:creator><pubDate>Tue, 02 Jan 2024 10:00:00 +0100</pubDate></item>
    </channel></rss>`;
    const feed = parseFeedDocument(xml, 'https://news.example/rss');
    const [item] = feed.items;
    expect(item.title).toBe('Tom & Jerry bold');
    expect(item.text).toBe('First para.\n\nSecond para.');
    expect(item.link).toBe('https://news.example/a?utm_source=x');
    expect(item.authors).toEqual(['Ann Lee']);
    expect(item.publishedAt).toBe('2024-01-02T09:00:00.000Z');
  });

  it('resolves relative links against the feed URL', () => {
    const feed = parseFeedDocument(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: 1, url: '/story/1', content_text: 'Text of the first story in the feed.' }] }), 'https://news.example/feed.json');
    expect(feed.items[0]).toMatchObject({ guid: '1', link: 'https://news.example/story/1' });
  });

  it('rejects malformed XML and documents that are not feeds', () => {
    for (const bad of ['<rss><channel><item><title>x</ti', '<html><body>hello</body></html>', '{"not": "a feed"}', '']) {
      const e = (() => {
        try {
          parseFeedDocument(bad, 'https://x.example/feed');
          return null;
        } catch (err) {
          return err;
        }
      })();
      expect(e, bad).toBeInstanceOf(FetchError);
      expect((e as FetchError).failure).toBe('not_a_feed');
    }
  });

  it('keys items by GUID within their feed, URL across feeds, and content when the text says enough', () => {
    const a = itemKeys({ guid: '17', link: 'https://www.news.example/a?utm_medium=rss', title: 'T', text: 'A story long enough to be identified by its text.' }, 'https://news.example/world.rss');
    expect(a).toEqual(['guid:news.example/world.rss#17', 'url:news.example/a', expect.stringMatching(/^hash:/)]);
    expect(itemKeys({ guid: null, link: null, title: 'Live updates', text: '' }, 'https://news.example/rss')).toEqual([]);
  });
});
