import type { Clock } from '../core/clock.js';
import { extractPage, type ExtractedPage } from '../extract/extract-page.js';
import type { FeedRecord, FeedStore } from '../store/feed-store.js';
import { feedItemArticle, type FeedArticleSink } from './feed-article.js';
import { FetchError } from './fetch-error.js';
import type { Fetcher } from './fetch-resource.js';
import { canonicalArticleUrl, itemKeys } from './item-identity.js';
import { parseFeedDocument, type FeedItem } from './parse-feed.js';
import { backoffMs, nextSlot } from './poll-schedule.js';
import type { RequestLimiter } from './request-limiter.js';

/** Structured logger the poller writes to (pino-compatible subset). */
export interface FeedLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Everything polling needs; injected so tests control the clock, the network and notices. */
export interface FeedPollDeps {
  feeds: FeedStore;
  /** Where new items go: the ArticleRepository (or, until every caller has it, the synchronous ArticleStore). */
  articles: FeedArticleSink;
  fetcher: Fetcher;
  limiter: RequestLimiter;
  clock: Clock;
  /** The corpus refresh seam, called after new articles were stored (e.g. `corpus.refreshChanged()`). */
  onArticlesStored: () => void;
  /** Post a notice to a channel that follows a feed ("slack:T1:C1"). */
  notify: (channelKey: string, text: string) => Promise<void> | void;
  logger?: FeedLogger;
  /** Consecutive failures before a feed is switched off (default 10). */
  maxFailures?: number;
  backoff?: { baseMs: number; capMs: number };
  /** Page extraction; defaults to readability on linkedom. */
  extract?: (html: string, url: string) => ExtractedPage;
}

/** What one poll did. */
export interface PollOutcome {
  url: string;
  /** `lease_lost`: another process took the feed over mid-poll (this one stalled past its lease); from then on nothing was stored or recorded. */
  status: 'ok' | 'not_modified' | 'failed' | 'disabled' | 'lease_lost';
  newItems: number;
  /** Items whose page failed and that were stored from the feed's own text. */
  partialItems: number;
  error?: string;
}

/** An item as `feeds test` shows it. */
export interface PreviewItem {
  title: string | null;
  link: string | null;
  publishedAt: string | null;
  /** Already stored (by GUID, URL or content): the next poll would skip it. */
  known: boolean;
}

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const noopLogger: FeedLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function fetchPage(link: string, deps: FeedPollDeps): Promise<ExtractedPage | null> {
  try {
    const res = await deps.limiter.run(hostOf(link), () => deps.fetcher.fetch(link, { accept: PAGE_ACCEPT }));
    if (res.status !== 200 || (res.contentType && !/html|xml/i.test(res.contentType))) return null;
    return (deps.extract ?? ((h, u) => extractPage(h, { url: u })))(res.text, res.url);
  } catch (e) {
    // A page that cannot be read is not a failed poll: the feed's own text stands in for it.
    (deps.logger ?? noopLogger).warn('article page not read; using the feed text', { url: link, error: (e as Error).message });
    return null;
  }
}

/** Where an item is stored: its link, or the feed URL plus its GUID when it has none. */
function sourceFor(item: FeedItem, keys: string[], feedUrl: string): string {
  return item.link ?? `${feedUrl}#${item.guid ?? keys[keys.length - 1]}`;
}

/** Fetch and parse a feed (with validators when given). */
async function fetchFeed(feed: Pick<FeedRecord, 'url' | 'etag' | 'lastModified'>, deps: FeedPollDeps) {
  const res = await deps.limiter.run(hostOf(feed.url), () =>
    deps.fetcher.fetch(feed.url, { accept: FEED_ACCEPT, validators: { etag: feed.etag, lastModified: feed.lastModified } }),
  );
  return { res, parsed: res.status === 304 ? null : parseFeedDocument(res.text, res.url) };
}

/** Store the new items of a parsed feed. Returns counts. */
async function storeNewItems(items: FeedItem[], feedUrl: string, deps: FeedPollDeps, stillHeld: () => Promise<boolean>): Promise<{ added: number; partial: number }> {
  const now = deps.clock.now();
  const fresh: { item: FeedItem; keys: string[] }[] = [];
  const batchKeys = new Set<string>();
  for (const item of items) {
    const keys = itemKeys(item, feedUrl);
    if (keys.length === 0 || keys.some((k) => batchKeys.has(k))) continue;
    keys.forEach((k) => batchKeys.add(k));
    const known = await deps.feeds.findItem(keys);
    // A known story under a new GUID, link or feed: remember the new keys, store nothing.
    if (known) await deps.feeds.rememberItem(keys, known, feedUrl, false, now);
    else fresh.push({ item, keys });
  }
  const pages = await Promise.all(fresh.map(({ item }) => (item.link ? fetchPage(item.link, deps) : Promise.resolve(null))));
  // Fetching pages is the slow part: a process that stalled past its lease stores nothing, the taker does.
  if (fresh.length && !(await stillHeld())) throw new LeaseLost(feedUrl);
  let added = 0;
  let partial = 0;
  for (let i = 0; i < fresh.length; i++) {
    const { item, keys } = fresh[i];
    const page = pages[i];
    const pageCanonical = page?.canonicalUrl ? canonicalArticleUrl(page.canonicalUrl) : null;
    const allKeys = pageCanonical ? [...keys, `url:${pageCanonical}`] : keys;
    // The page may name a canonical URL another feed's item already used.
    const known = pageCanonical ? await deps.feeds.findItem([`url:${pageCanonical}`]) : null;
    if (known) {
      await deps.feeds.rememberItem(allKeys, known, feedUrl, false, now);
      continue;
    }
    const source = sourceFor(item, keys, feedUrl);
    const built = feedItemArticle(source, item, page);
    if (!built) continue;
    await deps.articles.upsert(built.article, now);
    await deps.feeds.rememberItem(allKeys, source, feedUrl, built.partial, now);
    added++;
    if (built.partial) partial++;
  }
  if (added > 0) deps.onArticlesStored();
  return { added, partial };
}

/**
 * Tell the followers of a disabled feed, once. Call it holding the feed's
 * lease: the lease keeps two processes from telling at the same time, and
 * the mark after posting keeps a later one from telling again (a crash
 * before the mark means the notice goes out again on the next start).
 */
export async function sendDisableNotice(url: string, deps: Pick<FeedPollDeps, 'feeds' | 'notify' | 'logger'>): Promise<boolean> {
  const log = deps.logger ?? noopLogger;
  const feed = await deps.feeds.get(url);
  if (!feed || !feed.disabledReason || feed.disabledNoticeSent) return false;
  const followers = await deps.feeds.followers(feed.url);
  const text = `The feed ${feed.url} was switched off after ${feed.failures} failed polls in a row (last error: ${feed.lastError ?? 'unknown'}). An admin can turn it back on with /newsdesk feeds add ${feed.url}.`;
  if (followers.length === 0) log.warn('feed disabled; no channel follows it', { url: feed.url, reason: feed.disabledReason });
  for (const ch of followers) {
    try {
      await deps.notify(ch, text);
    } catch (e) {
      log.error('could not post the feed-disabled notice', { url: feed.url, channel: ch, error: (e as Error).message });
    }
  }
  // Marked even when a post failed: a second try every poll would be the storm this avoids.
  return deps.feeds.claimNotice(feed.url);
}

/** Thrown inside a poll when the lease was lost; the poll then records nothing. */
class LeaseLost extends Error {
  constructor(url: string) {
    super(`lost the poll lease of ${url}`);
  }
}

/** What a caller holding the feed's lease passes, so the poll stops if the lease is lost. */
export interface PollOptions {
  /** Whether this process still holds the feed's lease (checked before storing); default: always. */
  stillHeld?: () => Promise<boolean>;
}

/**
 * Poll one feed now: conditional GET, parse, store new items (their pages
 * fetched and extracted), then record success or failure with backoff. A
 * feed failing `maxFailures` times in a row is switched off and its
 * followers get one notice. Never throws.
 */
export async function pollFeed(feed: FeedRecord, deps: FeedPollDeps, opts: PollOptions = {}): Promise<PollOutcome> {
  const log = deps.logger ?? noopLogger;
  const started = deps.clock.now();
  const stillHeld = opts.stillHeld ?? (async () => true);
  try {
    const { res, parsed } = await fetchFeed(feed, deps);
    let counts = { added: 0, partial: 0 };
    if (parsed) counts = await storeNewItems(parsed.items, feed.url, deps, stillHeld);
    // A process that stalled past its lease leaves the feed's state to the process that took it over.
    if (!(await stillHeld())) throw new LeaseLost(feed.url);
    const at = deps.clock.now();
    await deps.feeds.recordSuccess(feed.url, {
      at,
      // A 304 may omit the validators; the ones we sent are still good.
      etag: res.etag ?? feed.etag,
      lastModified: res.lastModified ?? feed.lastModified,
      nextAttemptAt: nextSlot(feed.url, feed.everyMs, at),
      newItems: counts.added,
    });
    if (counts.added) log.info('feed polled', { url: feed.url, newItems: counts.added, partial: counts.partial });
    return { url: feed.url, status: res.status === 304 ? 'not_modified' : 'ok', newItems: counts.added, partialItems: counts.partial };
  } catch (e) {
    if (e instanceof LeaseLost) {
      log.warn('feed poll abandoned: another process took the feed over', { url: feed.url });
      return { url: feed.url, status: 'lease_lost', newItems: 0, partialItems: 0, error: e.message };
    }
    const message = e instanceof FetchError ? e.message : `Unexpected error: ${(e as Error).message}`;
    const failures = feed.failures + 1;
    const b = deps.backoff;
    const wait = backoffMs(failures, b?.baseMs, b?.capMs);
    // A failed poll says nothing of the lease, but a process that lost it must not count a failure the taker did not see.
    if (!(await stillHeld())) return { url: feed.url, status: 'lease_lost', newItems: 0, partialItems: 0, error: message };
    await deps.feeds.recordFailure(feed.url, { at: started, error: message, nextAttemptAt: new Date(started.getTime() + wait) });
    log.warn('feed poll failed', { url: feed.url, failures, retryInMs: wait, error: message });
    if (failures >= (deps.maxFailures ?? 10) && (await deps.feeds.disable(feed.url, `${failures} consecutive failures`, started))) {
      log.error('feed disabled', { url: feed.url, failures, error: message });
      await sendDisableNotice(feed.url, deps);
      return { url: feed.url, status: 'disabled', newItems: 0, partialItems: 0, error: message };
    }
    return { url: feed.url, status: 'failed', newItems: 0, partialItems: 0, error: message };
  }
}

/** What the next poll of `url` would bring, without storing anything (`feeds test`). Throws FetchError. */
export async function previewFeed(url: string, deps: Pick<FeedPollDeps, 'feeds' | 'fetcher' | 'limiter'>): Promise<{ title: string | null; format: string; items: PreviewItem[] }> {
  const res = await deps.limiter.run(hostOf(url), () => deps.fetcher.fetch(url, { accept: FEED_ACCEPT }));
  const parsed = parseFeedDocument(res.text, res.url);
  return {
    title: parsed.title,
    format: parsed.format,
    items: await Promise.all(
      parsed.items.map(async (item) => ({
        title: item.title,
        link: item.link,
        publishedAt: item.publishedAt,
        known: (await deps.feeds.findItem(itemKeys(item, url))) !== null,
      })),
    ),
  };
}
