import type { Clock } from './clock.js';

/** At most `limit` commands per `windowMs`, refilled smoothly (a token bucket). */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Command rate limits: per person (across channels of a platform) and per channel. */
export interface RateLimitConfig {
  perUser: RateLimit;
  perChannel: RateLimit;
  /** Most buckets kept in memory; beyond this the least recently used are dropped. */
  maxBuckets?: number;
}

/** 10 commands / 30 s per person, 30 / 30 s per channel: far above human typing, far below a script. */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  perUser: { limit: 10, windowMs: 30_000 },
  perChannel: { limit: 30, windowMs: 30_000 },
  maxBuckets: 10_000,
};

/** Outcome of asking for one command. */
export type RateDecision = { allowed: true } | { allowed: false; scope: 'user' | 'channel'; retryAfterMs: number };

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (epoch ms). */
  at: number;
}

/** Keys are ids from the platform; cap their length so hostile ids cannot grow memory. */
const MAX_KEY_LENGTH = 200;

/**
 * Token buckets keyed by user and by channel, on the injected clock.
 * A request is refused without consuming anything, so a person who floods
 * spends at most their own allowance of the channel's bucket: other people
 * in the channel keep being answered. Memory is bounded: a bucket idle for
 * a whole window is full again, i.e. equivalent to no bucket, and is
 * dropped; a hard cap evicts the least recently used beyond `maxBuckets`.
 */
export class RateLimiter {
  private readonly users = new Map<string, Bucket>();
  private readonly channels = new Map<string, Bucket>();

  constructor(
    private readonly config: RateLimitConfig,
    private readonly clock: Clock,
  ) {}

  /** Take one command for `user` in `channel`, or say how long to wait. */
  take(user: string, channel: string): RateDecision {
    const now = this.clock.now().getTime();
    const u = this.bucket(this.users, user.slice(0, MAX_KEY_LENGTH), this.config.perUser, now);
    if (u.tokens < 1) return { allowed: false, scope: 'user', retryAfterMs: waitFor(u, this.config.perUser) };
    const c = this.bucket(this.channels, channel.slice(0, MAX_KEY_LENGTH), this.config.perChannel, now);
    if (c.tokens < 1) return { allowed: false, scope: 'channel', retryAfterMs: waitFor(c, this.config.perChannel) };
    u.tokens -= 1;
    c.tokens -= 1;
    return { allowed: true };
  }

  /** Buckets currently held (for tests and metrics). */
  size(): number {
    return this.users.size + this.channels.size;
  }

  /** The key's bucket, refilled to `now`, moved to the most-recently-used end; evicts idle and excess buckets. */
  private bucket(map: Map<string, Bucket>, key: string, rule: RateLimit, now: number): Bucket {
    let b = map.get(key);
    if (b) {
      map.delete(key);
      // A clock that steps back (NTP, tests) refills nothing rather than taking tokens away.
      const elapsed = Math.max(0, now - b.at);
      b.tokens = Math.min(rule.limit, b.tokens + (elapsed * rule.limit) / rule.windowMs);
      b.at = Math.max(b.at, now);
    } else {
      b = { tokens: rule.limit, at: now };
    }
    evictIdle(map, rule.windowMs, now);
    const max = this.config.maxBuckets ?? DEFAULT_RATE_LIMITS.maxBuckets!;
    for (const k of map.keys()) {
      if (map.size < max) break;
      map.delete(k);
    }
    map.set(key, b);
    return b;
  }
}

/** Drop buckets idle for a full window (they would be full again). Oldest first, so it stops at the first active one. */
function evictIdle(map: Map<string, Bucket>, windowMs: number, now: number): void {
  for (const [k, b] of map) {
    if (now - b.at < windowMs) break;
    map.delete(k);
  }
}

/** Milliseconds until the bucket holds one whole token again. */
function waitFor(b: Bucket, rule: RateLimit): number {
  return Math.max(1, Math.ceil(((1 - b.tokens) * rule.windowMs) / rule.limit));
}
