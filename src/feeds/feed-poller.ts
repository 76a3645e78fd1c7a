import type { FeedRecord } from '../store/sqlite-feed-store.js';
import { pollFeed, sendDisableNotices, type FeedPollDeps, type PollOutcome } from './poll-feed.js';
import { staggerOffset } from './poll-schedule.js';

/** Dependencies of the poller: those of a poll plus how often it looks for due feeds. */
export interface FeedPollerDeps extends FeedPollDeps {
  /** How often (real time) the poller checks for due feeds; default 1000 ms. */
  tickMs?: number;
  /** Polls running at once (each is bounded further by the request limiter); default 16. */
  maxConcurrentPolls?: number;
}

/** The running feed poller the bot starts and stops. */
export interface FeedPoller {
  start(): void;
  /** Stop scheduling and wait for polls in flight. */
  stop(): Promise<void>;
  /** Poll every due feed now and wait for them (tests, the bench and the CLI drive it with an injected clock). */
  pollDue(): Promise<PollOutcome[]>;
}

/** New feeds are spread over at most this long after start-up, so a file of many feeds does not fire at once. */
const FIRST_POLL_SPREAD_MS = 60_000;

/**
 * When a feed is next due. A feed never polled is due within the first
 * minute after start-up (at a point given by a hash of its URL), so a newly
 * added feed shows its first items soon; after that the store's next attempt
 * (its own slot in its interval, or its backoff) decides.
 */
export function dueAt(feed: FeedRecord, startedAt: Date): Date {
  if (feed.nextAttemptAt) return new Date(feed.nextAttemptAt);
  return new Date(startedAt.getTime() + staggerOffset(feed.url, Math.min(feed.everyMs, FIRST_POLL_SPREAD_MS)));
}

/** Create the poller. Nothing runs until `start()`. */
export function createFeedPoller(deps: FeedPollerDeps): FeedPoller {
  const startedAt = deps.clock.now();
  const inFlight = new Map<string, Promise<PollOutcome>>();
  const limit = deps.maxConcurrentPolls ?? 16;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;

  function launch(feed: FeedRecord): Promise<PollOutcome> {
    const p = pollFeed(feed, deps).finally(() => inFlight.delete(feed.url));
    inFlight.set(feed.url, p);
    return p;
  }

  function dueFeeds(): FeedRecord[] {
    const now = deps.clock.now().getTime();
    return deps.feeds
      .list()
      .filter((f) => !f.disabledReason && !inFlight.has(f.url) && dueAt(f, startedAt).getTime() <= now)
      .sort((a, b) => dueAt(a, startedAt).getTime() - dueAt(b, startedAt).getTime());
  }

  async function pollDue(): Promise<PollOutcome[]> {
    const queue = dueFeeds();
    const results: PollOutcome[] = [];
    // Each worker takes the next feed when its last one finishes: a slow feed occupies one worker, never the others.
    const worker = async () => {
      for (let f = queue.shift(); f; f = queue.shift()) results.push(await launch(f));
    };
    await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
    return results;
  }

  function tick(): void {
    if (stopped) return;
    const room = limit - inFlight.size;
    try {
      for (const f of dueFeeds().slice(0, Math.max(0, room))) {
        // pollFeed handles its own failures; this catches only a store that stopped working.
        launch(f).catch((e: Error) => deps.logger?.error('feed poll crashed', { url: f.url, error: e.message }));
      }
    } catch (e) {
      deps.logger?.error('feed scheduling failed', { error: (e as Error).message });
    }
    timer = setTimeout(tick, deps.tickMs ?? 1000);
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      // Notices that a crash kept from going out are sent now, once.
      void sendDisableNotices(deps).catch((e: Error) => deps.logger?.error('feed notices failed', { error: e.message }));
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.allSettled([...inFlight.values()]);
    },
    pollDue,
  };
}
