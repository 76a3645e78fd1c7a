import { toIsoDate } from '../corpus/furniture.js';
import { hostLabel, safeHttpUrl } from './safe-url.js';

/** What a page says about itself, read from meta tags, JSON-LD and `<time>` elements. All plain text. */
export interface PageMetadata {
  title: string | null;
  /** Author names as written ("Jane Doe", "Jane Doe and John Roe"). */
  byline: string | null;
  /** ISO-8601, or null when the page gives no readable date. */
  publishedAt: string | null;
  /** Absolute http(s) URL the page declares as its own, or null. */
  canonicalUrl: string | null;
  /** og:site_name, JSON-LD publisher, or the host name. */
  publisher: string | null;
}

const ARTICLE_TYPES = /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|WebPage)$/;

type Json = Record<string, unknown>;

/** One line of plain text: tags, control characters and runs of whitespace removed. */
export function plainLine(s: unknown, max = 300): string | null {
  if (typeof s !== 'string') return null;
  const t = s.replace(/<[^>]*>/g, ' ').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, max) : null;
}

/** A date or time where a byline should be ("Sunday, Feb 1, 2015 11:57 AM UTC"): sites misuse author fields. */
const DATE_LIKE = /\b(1[89]|20)\d{2}\b|\b\d{1,2}:\d{2}\b|^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/i;

/** A byline as plain text, or null when it is really a date, a URL or a paragraph. */
export function plainByline(s: unknown): string | null {
  const t = plainLine(s, 200)?.replace(/^(by|written by|words by)\s+/i, '') ?? null;
  if (!t || t.length > 120 || /^https?:/i.test(t) || DATE_LIKE.test(t)) return null;
  return t;
}

function metaMap(doc: Document): Map<string, string> {
  const m = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const v = el.getAttribute('content');
    if (key && v && v.trim() && !m.has(key)) m.set(key, v.trim());
  }
  return m;
}

function first(m: Map<string, string>, keys: string[]): string | null {
  for (const k of keys) {
    const v = m.get(k);
    if (v) return v;
  }
  return null;
}

/** Every JSON-LD object on the page, with @graph and arrays flattened. Bad JSON is skipped. */
export function jsonLdObjects(doc: Document): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 4 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Json;
    out.push(o);
    if (o['@graph']) visit(o['@graph'], depth + 1);
  };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse((s.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '')), 0);
    } catch {
      // A broken JSON-LD block is common and harmless: the other sources still apply.
    }
  }
  return out;
}

function typesOf(o: Json): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function names(v: unknown): string[] {
  if (typeof v === 'string') return /^https?:/i.test(v) ? [] : [v];
  if (Array.isArray(v)) return v.flatMap(names);
  if (v && typeof v === 'object') return names((v as Json).name);
  return [];
}

/** Read a page's metadata. `pageUrl` resolves relative canonical links and supplies the host fallback. */
export function readPageMetadata(doc: Document, pageUrl?: string | null): PageMetadata {
  const meta = metaMap(doc);
  const ld = jsonLdObjects(doc);
  const article = ld.find((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t) && t !== 'WebPage')) ?? ld.find((o) => typesOf(o).includes('WebPage'));
  const ldAuthors = article ? names(article.author) : [];
  const metaAuthor = first(meta, ['author', 'article:author', 'byl', 'dc.creator', 'dc:creator', 'parsely-author', 'sailthru.author']);
  const byline = plainByline(ldAuthors.length ? ldAuthors.join(', ') : metaAuthor && !/^https?:/i.test(metaAuthor) ? metaAuthor : null);

  const timeEl = doc.querySelector('article time[datetime], time[pubdate], time[itemprop="datePublished"], [itemprop="datePublished"][content], time[datetime]');
  const dateCandidates = [
    article ? (article.datePublished as unknown) : null,
    first(meta, ['article:published_time', 'datepublished', 'og:published_time', 'published_time', 'date', 'pubdate', 'dc.date', 'dc.date.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date']),
    timeEl ? timeEl.getAttribute('datetime') ?? timeEl.getAttribute('content') : null,
    article ? (article.dateCreated as unknown) : null,
  ];
  let publishedAt: string | null = null;
  for (const c of dateCandidates) {
    publishedAt = typeof c === 'string' ? toIsoDate(c) : null;
    if (publishedAt) break;
  }

  const canonicalHref = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? null;
  const canonicalUrl = safeHttpUrl(canonicalHref, pageUrl) ?? safeHttpUrl(meta.get('og:url'), pageUrl) ?? safeHttpUrl(typeof article?.url === 'string' ? article.url : null, pageUrl);

  const ldPublisher = article ? names(article.publisher)[0] : undefined;
  const publisher = plainLine(meta.get('og:site_name') ?? ldPublisher ?? null, 120) ?? hostLabel(canonicalUrl ?? pageUrl ?? null);

  const title = plainLine(article && typeof article.headline === 'string' ? article.headline : null) ?? plainLine(first(meta, ['og:title', 'twitter:title', 'dc.title']));
  return { title, byline, publishedAt, canonicalUrl, publisher };
}
