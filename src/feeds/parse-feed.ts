import { parseFeed as feedsmithParse } from 'feedsmith';
import { toIsoDate } from '../corpus/furniture.js';
import { visibleText } from '../extract/extract-page.js';
import { plainLine } from '../extract/page-metadata.js';
import { safeHttpUrl } from '../extract/safe-url.js';
import { FetchError } from './fetch-error.js';

/** One feed entry, normalised across RSS 2.0, Atom, RDF and JSON Feed. Text fields are plain text. */
export interface FeedItem {
  /** GUID / Atom id / JSON Feed id, as given (not necessarily a URL). */
  guid: string | null;
  /** The article link (http/https only). */
  link: string | null;
  title: string | null;
  /** The feed's own text for the item (full content when given, else the summary), as plain text. */
  text: string;
  publishedAt: string | null;
  authors: string[];
}

/** A parsed feed. */
export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  items: FeedItem[];
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
/** Atom text constructs come as `{ value }`; RSS fields as strings. */
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof obj(v).value === 'string' ? (obj(v).value as string) : null);

function htmlText(html: string | null): string {
  if (!html || !html.trim()) return '';
  // Feed text is HTML more often than not; plain text passes through the same path unharmed.
  return /<[a-z!/]/i.test(html) ? visibleText(html) : html.replace(/[ \t]+/g, ' ').trim();
}

function firstDate(...candidates: unknown[]): string | null {
  for (const c of candidates) {
    const d = typeof c === 'string' ? toIsoDate(c) : null;
    if (d) return d;
  }
  return null;
}

function names(v: unknown): string[] {
  return arr(v)
    .map((a) => (typeof a === 'string' ? a : str(obj(a).name)))
    .map((n) => plainLine(n, 120))
    .filter((n): n is string => !!n && !/^https?:/i.test(n) && !/@/.test(n));
}

function rssItem(i: Loose, base: string): FeedItem {
  const guid = obj(i.guid);
  const guidValue = typeof i.guid === 'string' ? i.guid : str(guid);
  const permalink = guid.isPermaLink !== false && guidValue && /^https?:/i.test(guidValue) ? guidValue : null;
  const rdfAbout = str(obj(i.rdf).about);
  const dc = obj(i.dc);
  return {
    guid: plainLine(guidValue ?? rdfAbout, 500),
    link: safeHttpUrl(str(i.link), base) ?? safeHttpUrl(permalink, base) ?? safeHttpUrl(rdfAbout, base),
    title: plainLine(htmlText(str(i.title))),
    text: htmlText(str(obj(i.content).encoded) ?? str(i.description)),
    publishedAt: firstDate(i.pubDate, ...arr(dc.dates), dc.date),
    authors: [...names(i.authors), ...names(i.author), ...names(dc.creators), ...names(dc.creator)],
  };
}

function atomItem(e: Loose, base: string): FeedItem {
  const links = arr(e.links).map(obj);
  const alt = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
  const content = obj(e.content);
  return {
    guid: plainLine(str(e.id), 500),
    link: safeHttpUrl(str(alt?.href), base),
    title: plainLine(htmlText(str(e.title))),
    text: htmlText(str(content.value) ?? str(e.summary)),
    publishedAt: firstDate(e.published, e.updated),
    authors: names(e.authors),
  };
}

function jsonItem(i: Loose, base: string): FeedItem {
  return {
    guid: plainLine(typeof i.id === 'number' ? String(i.id) : str(i.id), 500),
    link: safeHttpUrl(str(i.url), base) ?? safeHttpUrl(str(i.external_url), base),
    title: plainLine(str(i.title)),
    text: htmlText(str(i.content_html)) || (str(i.content_text) ?? '').trim() || htmlText(str(i.summary)),
    publishedAt: firstDate(i.date_published, i.date_modified),
    authors: [...names(i.authors), ...names(i.author)],
  };
}

/**
 * Parse a feed document (RSS 2.0, Atom, RDF or JSON Feed) with feedsmith.
 * Anything else, or broken XML, is a `not_a_feed` FetchError.
 */
export function parseFeedDocument(text: string, feedUrl: string): ParsedFeed {
  let parsed: { format: string; feed: unknown };
  try {
    parsed = feedsmithParse(text.replace(/^\uFEFF/, '')) as { format: string; feed: unknown };
  } catch (e) {
    const why = (e as Error).name === 'DetectError' ? 'is not an RSS, Atom, RDF or JSON feed' : 'is not a well-formed feed';
    throw new FetchError('not_a_feed', `${feedUrl} ${why}: ${(e as Error).message}`, { cause: e });
  }
  const feed = obj(parsed.feed);
  const format = parsed.format as ParsedFeed['format'];
  const base = feedUrl;
  const items =
    format === 'atom' ? arr(feed.entries).map((e) => atomItem(obj(e), base)) : format === 'json' ? arr(feed.items).map((i) => jsonItem(obj(i), base)) : arr(feed.items).map((i) => rssItem(obj(i), base));
  return { format, title: plainLine(str(feed.title)), items: items.filter((i) => i.guid || i.link || i.title || i.text) };
}
