import type { FeedRecord } from '../store/feed-store.js';
import { DEFAULT_LEASE_MS, defaultLeaseOwner, withFeedLease, type LeaseSettings } from './feed-lease.js';
import { pollFeed, sendDisableNotice, type FeedPollDeps, type PollOutcome } from './poll-feed.js';
import { staggerOffset } from './poll-schedule.js';

/** Dependencies of the poller: those of a poll plus how often it looks for due feeds and how it leases them. */
export interface FeedPollerDeps extends FeedPollDeps {
  /** How often (real time) the poller checks for due feeds; default 1000 ms. */
  tickMs?: number;
  /** Polls running at once (each is bounded further by the request limiter); default 16. */
  maxConcurrentPolls?: number;
  /** This process's name in feed leases (default host/pid/random); processes sharing a database need distinct ones. */
  owner?: string;
  /** Lease length (default 2 min); a dead process's feeds are polled by another this long after its last renewal. */
  leaseMs?: number;
  /** Real-time interval between lease renewals during a poll (default a quarter of the lease). */
  renewEveryMs?: number;
  /** Called after every scheduling tick (the bot refreshes the feed list commands show). */
  afterTick?: () => Promise<void> | void;
}

/** The running feed poller the bot starts and stops. */
export interface FeedPoller {
  /** This process's lease owner name. */
  readonly owner: string;
  start(): void;
  /** Stop scheduling and wait for polls in flight (their leases are released). */
  stop(): Promise<void>;
  /**
   * Poll every due feed whose lease this process gets, and wait for them (tests, the bench and the CLI
   * drive it with an injected clock). Feeds another process is polling are left to it.
   */
  pollDue(): Promise<PollOutcome[]>;
  /** Poll every enabled feed now, due or not (`feeds poll`), still one process per feed at a time. */
  pollNow(): Promise<PollOutcome[]>;
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

/**
 * Create the poller. Nothing runs until `start()`.
 *
 * Several processes may run pollers on one database: a feed is polled only
 * under its lease (see FeedStore), renewed while the poll runs and released
 * after it. A process that takes the lease re-reads the feed first, so a
 * round another process just finished is not polled again; a process that
 * died mid-poll leaves its lease to expire, and the next process whose
 * tick finds the feed due takes it over.
 */
export function createFeedPoller(deps: FeedPollerDeps): FeedPoller {
  const startedAt = deps.clock.now();
  const owner = deps.owner ?? defaultLeaseOwner();
  const lease: LeaseSettings = {
    store: deps.feeds, owner, clock: deps.clock, leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS, renewEveryMs: deps.renewEveryMs,
    onError: (msg, fields) => deps.logger?.error(msg, fields),
  };
  const inFlight = new Map<string, Promise<PollOutcome | null>>();
  const limit = deps.maxConcurrentPolls ?? 16;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> | null = null;
  let notices: Promise<void> | null = null;
  let stopped = true;

  const isDue = (f: FeedRecord, now: number) => dueAt(f, startedAt).getTime() <= now;
  // A live lease of another process: no need to ask the store for it.
  const leasedElsewhere = (f: FeedRecord, now: number) => f.leaseOwner !== null && f.leaseOwner !== owner && f.leaseUntil !== null && new Date(f.leaseUntil).getTime() >= now;

  /** Poll one feed under its lease; null when another process has it or it is no longer due. */
  async function pollLeased(url: string, force: boolean): Promise<PollOutcome | null> {
    const r = await withFeedLease(lease, url, async (stillHeld) => {
      // Re-read under the lease: the list may predate another process's poll of this very round.
      const feed = await deps.feeds.get(url);
      if (!feed || feed.disabledReason) return null;
      if (!force && !isDue(feed, deps.clock.now().getTime())) return null;
      return pollFeed(feed, deps, { stillHeld });
    });
    return r.held ? r.value : null;
  }

  function launch(url: string, force: boolean): Promise<PollOutcome | null> {
    const p = pollLeased(url, force).finally(() => inFlight.delete(url));
    inFlight.set(url, p);
    return p;
  }

  async function candidates(force: boolean): Promise<FeedRecord[]> {
    const now = deps.clock.now().getTime();
    return (await deps.feeds.list())
      .filter((f) => !f.disabledReason && !inFlight.has(f.url) && !leasedElsewhere(f, now) && (force || isDue(f, now)))
      .sort((a, b) => dueAt(a, startedAt).getTime() - dueAt(b, startedAt).getTime());
  }

  async function pollAll(force: boolean): Promise<PollOutcome[]> {
    const queue = await candidates(force);
    const results: PollOutcome[] = [];
    // Each worker takes the next feed when its last one finishes: a slow feed occupies one worker, never the others.
    const worker = async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        const out = await launch(f.url, force);
        if (out) results.push(out);
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
    return results;
  }

  /** Tell the followers of feeds switched off before a crash, each under its lease so one process tells. */
  async function catchUpNotices(): Promise<void> {
    for (const f of await deps.feeds.pendingNotices()) {
      await withFeedLease(lease, f.url, () => sendDisableNotice(f.url, deps));
    }
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    try {
      const room = limit - inFlight.size;
      for (const f of (await candidates(false)).slice(0, Math.max(0, room))) {
        if (stopped) break;
        // pollFeed handles its own failures; this catches only a store that stopped working.
        launch(f.url, false).catch((e: Error) => deps.logger?.error('feed poll crashed', { url: f.url, error: e.message }));
      }
      await deps.afterTick?.();
    } catch (e) {
      deps.logger?.error('feed scheduling failed', { error: (e as Error).message });
    }
    if (stopped) return;
    timer = setTimeout(() => void (ticking = tick()), deps.tickMs ?? 1000);
    timer.unref();
  }

  return {
    owner,
    start() {
      if (!stopped) return;
      stopped = false;
      // Notices that a crash kept from going out are sent now, once.
      notices = catchUpNotices().catch((e: Error) => deps.logger?.error('feed notices failed', { error: e.message }));
      ticking = tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await ticking;
      await notices;
      await Promise.allSettled([...inFlight.values()]);
    },
    pollDue: () => pollAll(false),
    pollNow: () => pollAll(true),
  };
}
