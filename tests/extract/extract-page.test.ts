import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/extract-page.js';
import { safeHttpUrl } from '../../src/extract/safe-url.js';

const para = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} of the story: the council voted on the harbour plan after a long debate, officials said on Tuesday, and the mayor promised a second vote.</p>`).join('\n');

const FURNISHED = `<!doctype html><html><head>
<title>Harbour plan approved – Port Gazette</title>
<meta property="og:site_name" content="Port Gazette">
<link rel="canonical" href="/news/harbour-plan?utm_source=x">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Port Gazette"},
 {"@type":"NewsArticle","headline":"Harbour plan approved","datePublished":"2024-05-02T08:30:00+02:00","author":[{"@type":"Person","name":"Mara Quint"}],"publisher":{"@type":"Organization","name":"Port Gazette Ltd"}}]}</script>
<script>document.write('tracking pixel')</script>
</head><body>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Harbour plan approved</h1>
<p class="byline">By Mara Quint</p>
${para(6)}
<div class="newsletter-signup">Sign up for the morning briefing newsletter</div>
<p>Read the <a href="javascript:alert(1)">full minutes</a> here.</p>
</article></main>
<aside class="most-read"><h2>Most read</h2><ol><li>Celebrity chef opens bakery</li><li>Storm warning for weekend</li></ol></aside>
<footer class="site-footer">Copyright 2024 Port Gazette. Terms. Privacy.</footer>
</body></html>`;

describe('article pages', () => {
  const page = extractPage(FURNISHED, { url: 'https://port.example/news/harbour-plan' });

  it('keeps the story and drops cookie banners, navigation, newsletter boxes, most-read lists, footers and scripts', () => {
    expect(page.method).toBe('readability');
    expect(page.text).toContain('Paragraph 1 of the story');
    expect(page.text).toContain('Paragraph 6 of the story');
    for (const junk of ['cookies', 'Home', 'Sport', 'newsletter', 'Most read', 'Celebrity chef', 'Copyright 2024', 'tracking pixel', '<', 'javascript']) {
      expect(page.text, junk).not.toContain(junk);
    }
  });

  it('reads title, byline, date, canonical URL and publisher, as plain text and http(s) only', () => {
    expect(page.title).toBe('Harbour plan approved');
    expect(page.byline).toBe('Mara Quint');
    expect(page.publishedAt).toBe('2024-05-02T06:30:00.000Z');
    expect(page.canonicalUrl).toBe('https://port.example/news/harbour-plan?utm_source=x');
    expect(page.publisher).toBe('Port Gazette');
  });

  it('falls back to meta tags, <time> and the host when there is no JSON-LD', () => {
    const p = extractPage(`<html><head><title>Quiet day</title><meta name="author" content="Lee Park"></head><body><article>
      <time datetime="2023-11-05T10:00:00Z">5 November</time>${para(4)}</article></body></html>`, { url: 'https://www.example.org/a' });
    expect(p.byline).toBe('Lee Park');
    expect(p.publishedAt).toBe('2023-11-05T10:00:00.000Z');
    expect(p.publisher).toBe('example.org');
    expect(p.canonicalUrl).toBeNull();
  });

  it('gives the visible text without furniture when the page has no article', () => {
    const p = extractPage(`<html><head><title>Index</title></head><body><nav>Home World</nav><ul><li><a href="/a">Ferry strike ends</a></li><li><a href="/b">Budget vote delayed</a></li></ul><footer class="site-footer">Contact us</footer></body></html>`);
    expect(p.method).toBe('visible-text');
    expect(p.text).toContain('Ferry strike ends');
    expect(p.text).not.toContain('Contact us');
    expect(p.text).not.toContain('Home World');
  });

  it('keeps a short article on a page with little else as the article', () => {
    const p = extractPage('<html><head><title>Brief</title></head><body><nav>Home World Sport</nav><article><h1>Ferry resumes</h1><p>The Corvale ferry resumed service on Monday after a two-day strike, the operator said.</p></article><footer>Contact</footer></body></html>');
    expect(p.method).toBe('readability');
    expect(p.text).toContain('The Corvale ferry resumed service on Monday after a two-day strike, the operator said.');
    expect(p.text).not.toMatch(/Home|Contact/);
  });

  it('never throws on junk and never lets script, data or credential links through', () => {
    expect(() => extractPage('<<<>>> <p unclosed')).not.toThrow();
    expect(extractPage('').text).toBe('');
    const hostile = extractPage(`<html><head><link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="data:text/html,x"><meta property="og:title" content="<b>Bold</b> claim"></head><body>${para(3)}</body></html>`);
    expect(hostile.canonicalUrl).toBeNull();
    expect(hostile.title).toBe('Bold claim');
    for (const u of ['javascript:alert(1)', 'JaVa\tScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'https://u:p@x.example/']) expect(safeHttpUrl(u), u).toBeNull();
    expect(safeHttpUrl('/a#frag', 'https://x.example/b')).toBe('https://x.example/a');
  });
});
