import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { NewsdeskError } from '../core/errors.js';
import type { ArticleOrigin, Credit, ParsedArticle } from './article.js';
import { cleanText, deriveTitle } from './clean-text.js';
import { splitNames, toIsoDate } from './furniture.js';
import { extractHtml } from './html-to-text.js';
import { readArticleMetadata } from './metadata/article-metadata.js';

/** File types the corpus understands. */
export const ARTICLE_EXTENSIONS = ['.txt', '.md', '.json', '.html', '.htm'] as const;

/** Largest article we accept; anything bigger is almost certainly not an article. */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

export function isArticleFile(path: string): boolean {
  return (ARTICLE_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

export function contentHash(raw: string): string {
  return createHash('sha256').update(raw).digest('hex');
}

/** Metadata that a container format (JSON, front matter, HTML head, feed item) supplies. */
interface GivenMeta {
  title?: string | null;
  url?: string | null;
  publishedAt?: string | null;
  byline?: string[];
  /** The publisher the container names (`publisher`/`source` field, `og:site_name`). */
  publisher?: string | null;
}

/** What the caller knows about an article beyond its bytes. */
export interface ParseHints {
  /** A date the article is known not to be later than (feed fetch time, file mtime): dates a year-less dateline only. */
  referenceDate?: string | null;
}

/**
 * A parsed article with its publisher: a name a reader recognises
 * ("Reuters", "Daily Mail", "nytimes.com"), or null when nothing names one.
 * (Folds into {@link ParsedArticle} once that type carries the field.)
 */
export type ParsedArticleWithPublisher = ParsedArticle & { publisher: string | null };

/**
 * Parse raw article content by its file type. Plain text keeps offsets into
 * the input; formats whose body is not the raw input (HTML, JSON) keep
 * offsets into the cleaned text.
 */
export function parseArticle(raw: string, source: string, origin: ArticleOrigin = 'file', hints: ParseHints = {}): ParsedArticleWithPublisher {
  const ext = extname(source.split(/[?#]/)[0]).toLowerCase();
  const hash = contentHash(raw);
  if (ext === '.json') return parseJsonArticle(raw, source, origin, hash, hints);
  if (ext === '.html' || ext === '.htm') {
    // One parse of the page for both its text and its metadata.
    const page = extractHtml(raw);
    const meta = { title: page.title, url: page.canonicalUrl, publishedAt: page.publishedAt, author: page.byline, publisher: page.publisher };
    let body = page.text;
    // The page's own headline repeats its title: drop it from the body. Anything else at the top is story text.
    const firstLine = body.split('\n', 1)[0].trim();
    if (meta.title && firstLine && firstLine.toLowerCase() === meta.title.trim().toLowerCase()) body = body.slice(body.indexOf(firstLine) + firstLine.length);
    return build(body, source, origin, hash, 'text', {
      title: meta.title,
      url: meta.url,
      publishedAt: meta.publishedAt,
      byline: meta.author ? splitNames(meta.author) : [],
      publisher: meta.publisher ?? siteName(raw),
    }, !meta.title, hints);
  }
  if (ext === '.md') {
    const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(raw);
    if (fm) {
      const meta = readFrontMatter(fm[1], source);
      // Blank out the front matter instead of slicing so offsets still index the input file.
      const body = ' '.repeat(fm[0].length) + raw.slice(fm[0].length);
      return build(body, source, origin, hash, 'input', meta, !meta.title, hints);
    }
  }
  return build(raw, source, origin, hash, 'input', {}, true, hints);
}

/** `<meta property="og:site_name" content="…">`, read from the page head. */
function siteName(html: string): string | null {
  const tag = /<meta\b[^>]{0,300}?\bproperty=["']og:site_name["'][^>]{0,300}>/i.exec(html.slice(0, 100_000));
  const content = tag ? /\bcontent=["']([^"']{1,100})["']/i.exec(tag[0]) : null;
  return content ? content[1].trim() || null : null;
}

/** Blank a range out with spaces (newlines kept) so offsets into the input stay valid. */
function blankOut(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

function build(
  body: string,
  source: string,
  origin: ArticleOrigin,
  hash: string,
  offsetsInto: 'input' | 'text',
  given: GivenMeta,
  detectHeadline: boolean,
  hints: ParseHints,
): ParsedArticleWithPublisher {
  const url = given.url ?? (/^https?:\/\//.test(source) ? source : null);
  const meta = readArticleMetadata(body, { ...given, url, referenceDate: hints.referenceDate });
  // A stamp-and-credit header ("By . Associated Press . PUBLISHED: . …") is not story text: its names become credits.
  const text = meta.header ? blankOut(body, meta.header.start, meta.header.end) : body;
  const cleaned = cleanText(text, { detectHeadline });
  const creditNames = cleaned.credits.map((c) => c.name);
  const givenByline = [...(given.byline ?? []), ...(meta.header?.names ?? [])].filter(
    (n, i, all) => !creditNames.some((c) => c.toLowerCase() === n.toLowerCase()) && all.findIndex((x) => x.toLowerCase() === n.toLowerCase()) === i,
  );
  const credits: Credit[] = [...givenByline.map((name) => ({ name, role: 'reporter' })), ...cleaned.credits];
  const title = given.title?.trim() || cleaned.headline;
  return {
    source,
    origin,
    title: title || deriveTitle(cleaned.text) || 'Untitled article',
    titleDerived: !title,
    url,
    publisher: meta.publisher,
    publishedAt: toIsoDate(given.publishedAt) ?? cleaned.publishedAt ?? meta.publishedAt,
    byline: credits.map((c) => c.name),
    credits,
    text: cleaned.text,
    offsetsInto,
    offsets: cleaned.offsets,
    contentHash: hash,
  };
}

function parseJsonArticle(raw: string, source: string, origin: ArticleOrigin, hash: string, hints: ParseHints): ParsedArticleWithPublisher {
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch (e) {
    throw new NewsdeskError('ingest_failed', `${source} is not valid JSON: ${(e as Error).message}`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new NewsdeskError('ingest_failed', `${source} must contain one article object with a "text" field.`);
  }
  const a = obj as Record<string, unknown>;
  const text = typeof a.text === 'string' ? a.text : typeof a.body === 'string' ? a.body : typeof a.content === 'string' ? a.content : null;
  if (!text || !text.trim()) throw new NewsdeskError('ingest_failed', `${source} has no article "text".`);
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const byline = Array.isArray(a.byline) ? a.byline.filter((x): x is string => typeof x === 'string') : str(a.byline) ? splitNames(str(a.byline)!) : [];
  return build(text, source, origin, hash, 'text', {
    title: str(a.title),
    url: str(a.url) ?? (str(a.source)?.match(/^https?:\/\//i) ? str(a.source) : null),
    publishedAt: str(a.publishedAt) ?? str(a.published_at) ?? str(a.date),
    byline,
    publisher: namedPublisher(a.publisher, a.source, a.site_name, a.siteName, a.site),
  }, !str(a.title), hints);
}

function readFrontMatter(yamlText: string, source: string): GivenMeta {
  let meta: unknown;
  try {
    meta = parseYaml(yamlText);
  } catch {
    throw new NewsdeskError('ingest_failed', `${source}: the front matter between --- lines is not valid YAML.`);
  }
  if (!meta || typeof meta !== 'object') return {};
  const m = meta as Record<string, unknown>;
  const s = (v: unknown) => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : null);
  const by = m.byline ?? m.author;
  return {
    title: s(m.title),
    url: s(m.url),
    publishedAt: s(m.publishedAt) ?? s(m.date),
    byline: Array.isArray(by) ? by.map(String) : typeof by === 'string' ? splitNames(by) : [],
    publisher: namedPublisher(m.publisher, m.source, m.site_name, m.site),
  };
}

/** The first field that names a publisher; a URL in a `source` field names its site, not a publisher, so it is skipped here (the URL reader sees it). */
function namedPublisher(...values: unknown[]): string | null {
  for (const v of values) {
    if (typeof v === 'string' && v.trim() && !/^https?:\/\//i.test(v.trim())) return v.trim();
    if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return ((v as { name: string }).name).trim() || null;
  }
  return null;
}
