/** Feed and page documents for the feed tests and the bench. */

export const storyParagraphs = (topic: string, n = 5): string =>
  Array.from({ length: n }, (_, i) => `<p>${topic} paragraph ${i + 1}: officials in Corvale said on Monday that the ${topic.toLowerCase()} would be reviewed by the regional council, and residents were invited to comment before the vote next month.</p>`).join('\n');

export function articlePage(title: string, topic: string, opts: { canonical?: string; author?: string } = {}): string {
  return `<!doctype html><html><head><title>${title} | Corvale Times</title>
<meta property="og:site_name" content="Corvale Times">
${opts.canonical ? `<link rel="canonical" href="${opts.canonical}">` : ''}
${opts.author ? `<meta name="author" content="${opts.author}">` : ''}
<script>window.track = "PAGE-SCRIPT-MARKER";</script></head><body>
<div class="cookie-consent">We use cookies. COOKIE-MARKER Accept all</div>
<nav>Home World NAV-MARKER</nav>
<article><h1>${title}</h1>${storyParagraphs(topic)}
<div class="newsletter">Get the NEWSLETTER-MARKER every morning</div></article>
<aside class="most-read">Most read: MOST-READ-MARKER</aside>
<footer>FOOTER-MARKER © Corvale Times</footer></body></html>`;
}

export interface TestItem {
  guid?: string;
  link: string;
  title: string;
  description: string;
  date?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rss(items: TestItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Corvale Times</title><link>http://corvale.test/</link>
${items.map((i) => `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link>${i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : ''}<pubDate>${i.date ?? 'Mon, 01 Jan 2024 10:00:00 GMT'}</pubDate><description>${esc(i.description)}</description></item>`).join('\n')}
</channel></rss>`;
}

export function atom(items: TestItem[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Corvale Atom</title><id>urn:corvale</id><updated>2024-01-01T00:00:00Z</updated>
${items.map((i) => `<entry><title>${esc(i.title)}</title><id>${esc(i.guid ?? i.link)}</id><link rel="alternate" href="${esc(i.link)}"/><updated>${i.date ?? '2024-01-01T10:00:00Z'}</updated><summary type="html">${esc(`<p>${i.description}</p>`)}</summary><author><name>Ann Lee</name></author></entry>`).join('\n')}
</feed>`;
}

export function rdf(items: TestItem[]): string {
  return `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://corvale.test/"><title>Corvale RDF</title><link>http://corvale.test/</link></channel>
${items.map((i) => `<item rdf:about="${esc(i.link)}"><title>${esc(i.title)}</title><link>${esc(i.link)}</link><description>${esc(i.description)}</description><dc:date>${i.date ?? '2024-01-01T10:00:00Z'}</dc:date></item>`).join('\n')}
</rdf:RDF>`;
}

export function jsonFeed(items: TestItem[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Corvale JSON',
    items: items.map((i) => ({ id: i.guid ?? i.link, url: i.link, title: i.title, content_text: i.description, date_published: i.date ?? '2024-01-01T10:00:00Z' })),
  });
}
