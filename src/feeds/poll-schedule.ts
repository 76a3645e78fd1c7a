import { createHash } from 'node:crypto';
import { NewsdeskError } from '../core/errors.js';

/** Shortest poll interval accepted: anything faster is unkind to publishers. */
export const MIN_EVERY_MS = 10_000;
/** First retry after a failure; doubled per consecutive failure. */
export const BACKOFF_BASE_MS = 5 * 60_000;
/** Longest wait between retries of a failing feed. */
export const BACKOFF_CAP_MS = 6 * 60 * 60_000;

/** "30s", "10m", "1h", "1d" → milliseconds. Throws `bad_argument` for anything else or below 10 s. */
export function parseEvery(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hours?|d|days?)\s*$/i.exec(text);
  if (!m) throw new NewsdeskError('bad_argument', `“${text.slice(0, 40)}” is not an interval; write it like 30s, 10m or 1h.`);
  const unit = m[2][0].toLowerCase();
  const ms = Math.round(Number(m[1]) * (unit === 's' ? 1000 : unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000));
  if (ms < MIN_EVERY_MS) throw new NewsdeskError('bad_argument', `${text.trim()} is too often: feeds are polled at most every 10s.`);
  return ms;
}

/** 600000 → "10m", 90000 → "90s". */
export function formatEvery(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}

/** Where in its interval a feed is polled, from a hash of its URL, so feeds with one interval do not all fire at once. */
export function staggerOffset(url: string, everyMs: number): number {
  const h = createHash('sha1').update(url).digest().readUInt32BE(0);
  return h % everyMs;
}

/** The feed's next slot strictly after `now`: its phase (hash of the URL) plus whole intervals. */
export function nextSlot(url: string, everyMs: number, now: Date): Date {
  const offset = staggerOffset(url, everyMs);
  const t = now.getTime();
  const k = Math.floor((t - offset) / everyMs) + 1;
  return new Date(k * everyMs + offset);
}

/** Wait after `failures` consecutive failures (1 → 5 min, 2 → 10 min, …, capped at 6 h). */
export function backoffMs(failures: number, baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS): number {
  if (failures <= 0) return 0;
  return Math.min(capMs, baseMs * 2 ** Math.min(failures - 1, 30));
}
