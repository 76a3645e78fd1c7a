import type { Clock } from '../core/clock.js';
import { NewsdeskError } from '../core/errors.js';
import { safeHttpUrl } from '../extract/safe-url.js';
import type { FeedOrigin, FeedRecord, FeedStore } from '../store/feed-store.js';
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
  /**
   * The feeds as last read from the store: fresh after this process's own changes and after `refresh()`,
   * which the running bot calls on every poller tick (so other processes' changes show within a second or
   * so). Synchronous for the command handlers that still read it so; new code should `await refresh()`.
   */
  list(): FeedStatus[];
  /** Read the feeds and their followers from the store now; also what `list()` answers from then on. */
  refresh(): Promise<FeedStatus[]>;
  /** Follow a feed (from `channelKey`, when given). Refused URLs (scheme, private address) throw with the reason. */
  add(url: string, every: string | null, origin: FeedOrigin, channelKey?: string): Promise<FeedStatus>;
  /** Stop following a feed; false when it was not followed. */
  remove(url: string, origin: FeedOrigin): Promise<boolean>;
  /** What the next poll would bring, without storing it. */
  test(url: string): Promise<{ title: string | null; format: string; items: PreviewItem[] }>;
  exportOpml(): Promise<string>;
  importOpml(text: string, origin: FeedOrigin): Promise<{ added: string[]; refused: { url: string; reason: string }[] }>;
}

/** What {@link createFeedControl} needs. */
export interface FeedControlDeps {
  feeds: FeedStore;
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

/** The control over a feed store. `list()` is empty until the first `refresh()` (the builders do one). */
export function createFeedControl(deps: FeedControlDeps): FeedControl {
  let snapshot: FeedStatus[] = [];
  const status = (f: FeedRecord, followers: Map<string, string[]>): FeedStatus => ({ ...f, health: healthOf(f), followers: followers.get(f.url) ?? [] });

  async function refresh(): Promise<FeedStatus[]> {
    const [feeds, followers] = await Promise.all([deps.feeds.list(), deps.feeds.allFollowers()]);
    snapshot = feeds.map((f) => status(f, followers));
    return snapshot;
  }

  async function add(rawUrl: string, every: string | null, origin: FeedOrigin, channelKey?: string): Promise<FeedStatus> {
    const url = safeHttpUrl(rawUrl.trim().replace(/^<|>$/g, ''));
    if (!url) throw new NewsdeskError('bad_argument', `“${rawUrl.slice(0, 120)}” is not an http(s) URL.`);
    // Refuse private and odd targets now, so an admin learns why in chat instead of from a silent failure later.
    await checkTarget(url, deps.allowPrivate, deps.resolve);
    const everyMs = every ? parseEvery(every) : (await deps.feeds.get(url))?.everyMs ?? deps.defaultEveryMs;
    await deps.feeds.add(url, everyMs, origin, deps.clock.now());
    if (channelKey) await deps.feeds.follow(url, channelKey);
    return (await refresh()).find((f) => f.url === url)!;
  }

  return {
    list: () => snapshot,
    refresh,
    add,
    async remove(url, origin) {
      const removed = await deps.feeds.remove(safeHttpUrl(url.trim().replace(/^<|>$/g, '')) ?? url.trim(), origin);
      await refresh();
      return removed;
    },
    async test(rawUrl) {
      const url = safeHttpUrl(rawUrl.trim().replace(/^<|>$/g, ''));
      if (!url) throw new NewsdeskError('bad_argument', `“${rawUrl.slice(0, 120)}” is not an http(s) URL.`);
      await checkTarget(url, deps.allowPrivate, deps.resolve);
      return previewFeed(url, deps);
    },
    exportOpml: async () => writeOpml((await deps.feeds.list()).map((f) => ({ url: f.url, title: null })), deps.clock.now()),
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
