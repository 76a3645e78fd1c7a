import type { Clock } from '../core/clock.js';
import { NewsdeskError } from '../core/errors.js';
import { safeHttpUrl } from '../extract/safe-url.js';
import type { FeedOrigin, FeedRecord, SqliteFeedStore } from '../store/sqlite-feed-store.js';
import { checkTarget, type Fetcher, type FetcherOptions } from './fetch-resource.js';
import { readOpml, writeOpml } from './opml.js';
import { previewFeed, type PreviewItem } from './poll-feed.js';
import { parseEvery } from './poll-schedule.js';
import type { RequestLimiter } from './request-limiter.js';

/**
 * Health of a feed as `feeds list` and status show it:
 * `pending` (not polled yet), `ok` (last poll succeeded), `failing` (backing
 * off after failures), `disabled` (switched off after too many failures).
 */
export type FeedHealth = 'pending' | 'ok' | 'failing' | 'disabled';

/** A feed with its health, for lists. */
export interface FeedStatus extends FeedRecord {
  health: FeedHealth;
  followers: string[];
}

/** What commands and the CLI may do with feeds. */
export interface FeedControl {
  list(): FeedStatus[];
  /** Follow a feed (from `channelKey`, when given). Refused URLs (scheme, private address) throw with the reason. */
  add(url: string, every: string | null, origin: FeedOrigin, channelKey?: string): Promise<FeedStatus>;
  remove(url: string, origin: FeedOrigin): boolean;
  /** What the next poll would bring, without storing it. */
  test(url: string): Promise<{ title: string | null; format: string; items: PreviewItem[] }>;
  exportOpml(): string;
  importOpml(text: string, origin: FeedOrigin): Promise<{ added: string[]; refused: { url: string; reason: string }[] }>;
}

/** What {@link createFeedControl} needs. */
export interface FeedControlDeps {
  feeds: SqliteFeedStore;
  fetcher: Fetcher;
  limiter: RequestLimiter;
  clock: Clock;
  allowPrivate: boolean;
  defaultEveryMs: number;
  resolve?: FetcherOptions['resolve'];
}

export function healthOf(f: FeedRecord): FeedHealth {
  if (f.disabledReason) return 'disabled';
  if (f.failures > 0) return 'failing';
  return f.lastSuccessAt ? 'ok' : 'pending';
}

export function createFeedControl(deps: FeedControlDeps): FeedControl {
  const status = (f: FeedRecord): FeedStatus => ({ ...f, health: healthOf(f), followers: deps.feeds.followers(f.url) });

  async function add(rawUrl: string, every: string | null, origin: FeedOrigin, channelKey?: string): Promise<FeedStatus> {
    const url = safeHttpUrl(rawUrl.trim().replace(/^<|>$/g, ''));
    if (!url) throw new NewsdeskError('bad_argument', `“${rawUrl.slice(0, 120)}” is not an http(s) URL.`);
    // Refuse private and odd targets now, so an admin learns why in chat instead of from a silent failure later.
    await checkTarget(url, deps.allowPrivate, deps.resolve);
    const everyMs = every ? parseEvery(every) : deps.feeds.get(url)?.everyMs ?? deps.defaultEveryMs;
    deps.feeds.add(url, everyMs, origin, deps.clock.now());
    if (channelKey) deps.feeds.follow(url, channelKey);
    return status(deps.feeds.get(url)!);
  }

  return {
    list: () => deps.feeds.list().map(status),
    add,
    remove: (url, origin) => deps.feeds.remove(safeHttpUrl(url.trim().replace(/^<|>$/g, '')) ?? url.trim(), origin),
    async test(rawUrl) {
      const url = safeHttpUrl(rawUrl.trim().replace(/^<|>$/g, ''));
      if (!url) throw new NewsdeskError('bad_argument', `“${rawUrl.slice(0, 120)}” is not an http(s) URL.`);
      await checkTarget(url, deps.allowPrivate, deps.resolve);
      return previewFeed(url, deps);
    },
    exportOpml: () => writeOpml(deps.feeds.list().map((f) => ({ url: f.url, title: null })), deps.clock.now()),
    async importOpml(text, origin) {
      const added: string[] = [];
      const refused: { url: string; reason: string }[] = [];
      for (const f of readOpml(text)) {
        try {
          added.push((await add(f.url, null, origin)).url);
        } catch (e) {
          refused.push({ url: f.url, reason: (e as Error).message });
        }
      }
      return { added, refused };
    },
  };
}
