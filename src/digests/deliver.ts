import type { PlatformAdapter } from '../core/adapter.js';
import { type ErrorCode, isNewsdeskError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';

/** How hard to try before giving up on one delivery. */
export interface RetryPolicy {
  maxAttempts: number;
  /** First backoff for 5xx/network errors; doubles each attempt. */
  baseDelayMs: number;
  /** Longest single wait, including a platform's retry-after. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 2_000, maxDelayMs: 120_000 };

/** Outcome of a delivery attempt series. */
export type DeliveryResult =
  | { ok: true; attempts: number }
  | { ok: false; attempts: number; code: ErrorCode; message: string; permanent: boolean };

/** Codes that mean "this channel cannot receive digests" — retrying will not help, pausing will. */
const CHANNEL_FATAL: ReadonlySet<ErrorCode> = new Set(['channel_gone', 'not_in_channel']);
/** Codes worth retrying after a wait. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['rate_limited', 'platform_unavailable']);

/** True when a failure means the channel itself is unusable (it should be paused). */
export function isChannelFatal(code: ErrorCode): boolean {
  return CHANNEL_FATAL.has(code);
}

/**
 * Post a reply through an adapter, retrying rate limits (honouring
 * retry-after) and platform outages with exponential backoff. Other errors
 * (channel gone, bot removed, bad token) are not retried. Never throws.
 */
export async function deliverWithRetry(
  adapter: Pick<PlatformAdapter, 'post'>,
  address: string,
  reply: Reply,
  policy: RetryPolicy = DEFAULT_RETRY,
  sleep: (ms: number) => Promise<void> = defaultSleep,
): Promise<DeliveryResult> {
  let attempt = 0;
  for (;;) {
    attempt++;
    try {
      await adapter.post(address, reply);
      return { ok: true, attempts: attempt };
    } catch (e) {
      // Errors that are not NewsdeskErrors come from bugs or raw network failures: treat as an outage.
      const code: ErrorCode = isNewsdeskError(e) ? e.code : 'platform_unavailable';
      const message = (e as Error)?.message ?? String(e);
      if (!RETRYABLE.has(code) || attempt >= policy.maxAttempts) {
        return { ok: false, attempts: attempt, code, message, permanent: isChannelFatal(code) };
      }
      const retryAfter = isNewsdeskError(e) ? e.retryAfterMs : undefined;
      const backoff = code === 'rate_limited' && retryAfter !== undefined ? retryAfter : policy.baseDelayMs * 2 ** (attempt - 1);
      await sleep(Math.min(Math.max(backoff, 0), policy.maxDelayMs));
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
