import { createHash } from 'node:crypto';

/** Query parameters that only track the reader; the same story with or without them is one story. */
const TRACKING = /^(utm_[a-z_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ref|ref_src|cmpid|ocid|smid|sr_share|at_medium|at_campaign|outputtype|amp)$/i;

/**
 * The canonical form of an article URL: https and http alike, no "www.",
 * "m."/"mobile."/"amp." host prefixes, AMP path variants and tracking
 * parameters removed, no fragment, no trailing slash.
 */
export function canonicalArticleUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = u.hostname.toLowerCase().replace(/^(www|m|mobile|amp)\./, '');
  let path = u.pathname
    .replace(/\/amp(\/|\.html)?$/i, '/')
    .replace(/\.amp(\.html)?$/i, '$1')
    .replace(/^\/amp\//i, '/')
    .replace(/\/+$/, '');
  if (!path) path = '';
  const params = [...u.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const port = u.port && u.port !== '80' && u.port !== '443' ? `:${u.port}` : '';
  return `${host}${port}${path}${query}`;
}

/** Hash of what a reader sees (title and text, case and spacing folded): a re-stamped item hashes the same. */
export function itemContentHash(title: string | null, text: string): string {
  const norm = `${title ?? ''}\n${text}`.toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(norm).digest('hex').slice(0, 32);
}

/** Identity keys of a feed item, strongest first: `guid:`, `url:`, `hash:`. */
export function itemKeys(item: { guid: string | null; link: string | null; title: string | null; text: string }, feedUrl: string): string[] {
  const keys: string[] = [];
  // A GUID is unique only within its feed ("1", "2"…), unless it is itself a URL.
  if (item.guid) {
    const asUrl = /^https?:\/\//i.test(item.guid) ? canonicalArticleUrl(item.guid) : null;
    keys.push(asUrl ? `url:${asUrl}` : `guid:${canonicalArticleUrl(feedUrl) ?? feedUrl}#${item.guid}`);
  }
  const link = item.link ? canonicalArticleUrl(item.link) : null;
  if (link) keys.push(`url:${link}`);
  // A bare title ("Live updates") is no identity; title plus some text is.
  if (item.text.trim().length >= 40) keys.push(`hash:${itemContentHash(item.title, item.text)}`);
  return [...new Set(keys)];
}
