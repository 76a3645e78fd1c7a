import { hostname } from 'node:os';
import type { Clock } from '../core/clock.js';
import type { FeedStore } from '../store/feed-store.js';

/**
 * Default lease length: far longer than one request may take (15 s), and
 * renewed while a poll runs, so only a process that died or stalled loses
 * it; another process polls a dead process's feed this long after the last
 * renewal.
 */
export const DEFAULT_LEASE_MS = 120_000;

/** How a process holds feed leases. */
export interface LeaseSettings {
  store: FeedStore;
  /** This process's name in leases (one per process). */
  owner: string;
  clock: Clock;
  leaseMs: number;
  /** Real-time interval between renewals while the work runs (default a quarter of the lease). */
  renewEveryMs?: number;
  onError?: (message: string, fields: Record<string, unknown>) => void;
}

/** A process's default lease owner name: host, pid and a random suffix (two processes never share one). */
export function defaultLeaseOwner(): string {
  return `${hostname()}/${process.pid}/${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Run `work` holding the feed's lease, or return `{ held: false }` at once
 * when another process holds a live lease. While `work` runs the lease is
 * renewed in the background; `stillHeld()` renews it now and says whether
 * it is still this process's (false once another process took it over
 * after this one stalled past its expiry). The lease is released when
 * `work` ends, so the next round may go to any process.
 */
export async function withFeedLease<T>(
  s: LeaseSettings, url: string, work: (stillHeld: () => Promise<boolean>) => Promise<T>,
): Promise<{ held: true; value: T } | { held: false }> {
  const until = () => new Date(s.clock.now().getTime() + s.leaseMs);
  if (!(await s.store.tryLease(url, s.owner, until(), s.clock.now()))) return { held: false };
  let lost = false;
  const renew = async (): Promise<boolean> => {
    if (lost) return false;
    lost = !(await s.store.renewLease(url, s.owner, until()));
    return !lost;
  };
  const timer = setInterval(() => {
    renew().catch((e: Error) => s.onError?.('feed lease renewal failed', { url, error: e.message }));
  }, s.renewEveryMs ?? Math.max(1000, Math.floor(s.leaseMs / 4)));
  timer.unref();
  try {
    return { held: true, value: await work(renew) };
  } finally {
    clearInterval(timer);
    // Only our own lease is released; a lease another process took over stays theirs.
    await s.store.releaseLease(url, s.owner).catch((e: Error) => s.onError?.('feed lease release failed', { url, error: e.message }));
  }
}
