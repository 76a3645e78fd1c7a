import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { domText, removeFurniture } from './dom-text.js';
import { plainByline, plainLine, readPageMetadata, type PageMetadata } from './page-metadata.js';

/** The article read from a web page. Every field is plain text; URLs are http(s) only. */
export interface ExtractedPage extends PageMetadata {
  /** Main text, paragraphs separated by blank lines. */
  text: string;
  /**
   * `readability`: an article body was found. `visible-text`: the page has no
   * recognisable article, so `text` is its visible text minus furniture.
   */
  method: 'readability' | 'visible-text';
}

/** Options for {@link extractPage}. */
export interface ExtractOptions {
  /** The page's own URL, to resolve relative links and name the publisher. */
  url?: string | null;
  /**
   * Below this many characters a readability result is not trusted as the
   * article (a caption or a teaser), and the visible text is used instead.
   */
  minArticleChars?: number;
  /** Remove page furniture before readability (default true; off only to compare). */
  sweep?: boolean;
}

/** Parse with linkedom; a document without <html> still gets a body. */
function parseDocument(html: string): Document {
  if (!/<html[\s>]/i.test(html)) return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document as unknown as Document;
  const doc = parseHTML(html).document as unknown as Document;
  if ((doc.body?.textContent ?? '').trim().length >= 200) return doc;
  // linkedom loses the whole body when markup (a stray <style>) precedes <html>; browsers ignore that prefix.
  const blanked = html.replace(/<!--[\s\S]*?-->/g, (c) => ' '.repeat(c.length));
  const at = blanked.search(/<html[\s>]/i);
  return at > 0 ? (parseHTML(html.slice(at)).document as unknown as Document) : doc;
}

/**
 * Extract the main text and metadata of an HTML page: metadata first (the
 * sweep below removes tags it needs), then page furniture is removed and
 * @mozilla/readability picks the article; without one, the visible text.
 * Never throws on bad markup: the worst case is empty text.
 */
export function extractPage(html: string, opts: ExtractOptions = {}): ExtractedPage {
  const doc = parseDocument(html);
  const meta = readPageMetadata(doc, opts.url);
  const titleTag = plainLine(doc.querySelector('title')?.textContent);
  const h1 = headlineMatchingTitle(doc, titleTag);
  if (opts.sweep !== false) removeFurniture(doc);
  let parsed: ReturnType<Readability<Node>['parse']> = null;
  try {
    // Readability takes the document apart as it works, so it gets this one and the fallback parses afresh.
    parsed = new Readability<Node>(doc, { serializer: (n) => n }).parse();
  } catch {
    parsed = null;
  }
  const articleText = parsed?.content ? domText(parsed.content) : '';
  let useArticle = articleText.length >= (opts.minArticleChars ?? 200);
  let text = articleText;
  if (!useArticle) {
    text = visibleText(html);
    // A short story on a page with little else (a brief, a wire flash) is still the article.
    if (/[^\n]{80,}/.test(articleText) && articleText.length >= text.length * 0.5) {
      useArticle = true;
      text = articleText;
    }
  }
  return {
    ...meta,
    title: meta.title ?? h1 ?? plainLine(parsed?.title) ?? titleTag,
    byline: meta.byline ?? plainByline(parsed?.byline),
    publishedAt: meta.publishedAt,
    text,
    method: useArticle ? 'readability' : 'visible-text',
  };
}


/** The visible text of a page without its furniture: what is left when there is no article. */
export function visibleText(html: string): string {
  const doc = parseDocument(html);
  removeFurniture(doc);
  return domText(doc.body ?? doc);
}

/**
 * The page's single <h1> when it is the headline the <title> abbreviates
 * ("Bridge opens in Corvale" for "Bridge opens | Corvale Times"): the <title>
 * carries the site name, the <h1> does not. A lone <h1> that shares nothing
 * with the <title> is more often a site logo than the headline.
 */
function headlineMatchingTitle(doc: Document, titleTag: string | null): string | null {
  const h1s = doc.querySelectorAll('h1');
  if (h1s.length !== 1) return null;
  const h1 = plainLine(h1s[0].textContent);
  if (!h1 || !titleTag) return h1 && !titleTag ? h1 : null;
  const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const head = words(h1).slice(0, 2).join(' ');
  return head && words(titleTag).join(' ').includes(head) ? h1 : null;
}
