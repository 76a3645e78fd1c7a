/**
 * HTML → text for `.html` files given to ingest. It is a thin face over the
 * page extractor (src/extract): @mozilla/readability on linkedom picks the
 * article, with the visible text (furniture removed) when the page has none.
 * Nothing from the page is ever evaluated, and no HTML survives.
 */
import { extractPage, type ExtractedPage } from '../extract/extract-page.js';

/** Metadata found in a page. */
export interface HtmlMeta {
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  author: string | null;
  /** og:site_name, JSON-LD publisher or the host name. */
  publisher?: string | null;
}

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

/**
 * Extract one page: main text plus metadata. Callers that need both should
 * call this once rather than readHtmlMeta and htmlToText, which each parse.
 */
export function extractHtml(html: string): ExtractedPage {
  return extractPage(html);
}

/** Title, canonical URL, publication date, author and publisher of a page. */
export function readHtmlMeta(html: string): HtmlMeta {
  const p = extractHtml(html);
  return { title: p.title, url: p.canonicalUrl, publishedAt: p.publishedAt, author: p.byline, publisher: p.publisher };
}

/** Main text of an HTML page (its visible text when it has no article), one paragraph per block. */
export function htmlToText(html: string): string {
  return extractHtml(html).text;
}
