/**
 * Safe, dependency-free HTML → text for article pages: drops non-content
 * elements (scripts, styles, navigation, forms…), turns block elements into
 * line breaks and decodes entities. It never evaluates anything from the page.
 * Real main-text extraction (readability-style) belongs to the feeds stage.
 */

/** Metadata found in a page's head. */
export interface HtmlMeta {
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  author: string | null;
}

const DROP_ELEMENTS = ['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'head', 'nav', 'footer', 'aside', 'form', 'button', 'select', 'figure'];
const BLOCK = /^(p|div|section|article|main|header|h[1-6]|li|ul|ol|blockquote|pre|tr|table|br|hr|dd|dt|dl|figcaption|address)$/i;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', eacute: 'é',
  aacute: 'á', iacute: 'í', oacute: 'ó', uacute: 'ú', ntilde: 'ñ', ccedil: 'ç', uuml: 'ü', ouml: 'ö', auml: 'ä',
};

/** Decode HTML character references. Unknown named references are left as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[2] ?? m[3] ?? m[4] ?? '') : null;
}

function metaContent(html: string, keys: string[]): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    const key = (attr(tag, 'property') ?? attr(tag, 'name') ?? attr(tag, 'itemprop') ?? '').toLowerCase();
    if (keys.includes(key)) {
      const v = attr(tag, 'content');
      if (v && v.trim()) return v.trim();
    }
  }
  return null;
}

/** Read title, canonical URL, publication date and author from the page head. */
export function readHtmlMeta(html: string): HtmlMeta {
  const titleTag = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  const strip = (s: string) => decodeEntities(s.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
  const canonical = (html.match(/<link\b[^>]*>/gi) ?? []).find((t) => /rel\s*=\s*["']?canonical/i.test(t));
  return {
    title: metaContent(html, ['og:title', 'twitter:title']) ?? (h1 ? strip(h1[1]) : null) ?? (titleTag ? strip(titleTag[1]) : null),
    url: metaContent(html, ['og:url']) ?? (canonical ? attr(canonical, 'href') : null),
    publishedAt: metaContent(html, ['article:published_time', 'datepublished', 'date', 'pubdate', 'dc.date']),
    author: metaContent(html, ['author', 'article:author', 'byl', 'dc.creator']),
  };
}

/** Visible text of an HTML document, one block per line, entities decoded. */
export function htmlToText(html: string): string {
  let s = html.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ' ');
  for (const el of DROP_ELEMENTS) {
    s = s.replace(new RegExp(`<${el}\\b[^>]*>[\\s\\S]*?<\\/${el}\\s*>`, 'gi'), '\n');
  }
  s = s.replace(/<\/?([a-z][a-z0-9]*)\b[^>]*>/gi, (_m, name: string) => (BLOCK.test(name) ? '\n' : ''));
  s = s.replace(/<[^>]*>/g, '');
  s = decodeEntities(s);
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l, i, arr) => l !== '' || (i > 0 && arr[i - 1] !== ''))
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
