import cron, { type ScheduledTask } from 'node-cron';
import type { ChannelSettings } from '../settings/channel-settings.js';
import { parseSchedule } from '../settings/friendly-schedule.js';

const MINUTE = 60_000;

/** The cron expression a channel runs on, or null when it has no (valid) schedule. */
export function cronOf(s: Pick<ChannelSettings, 'schedule'>): string | null {
  return s.schedule ? (parseSchedule(s.schedule)?.cron ?? null) : null;
}

/** True when the scheduler should keep a job for this channel. */
export function isSchedulable(s: ChannelSettings): boolean {
  return s.enabled && !s.paused && cronOf(s) !== null;
}

/**
 * Run `fn` with a throw-away (never started) node-cron task, so slot maths
 * uses exactly node-cron's own matcher and time-zone rules; the task is
 * destroyed afterwards, which also removes it from node-cron's registry.
 */
function withMatcher<T>(expr: string, timezone: string, fn: (t: ScheduledTask) => T): T {
  const task = cron.createTask(expr, () => undefined, { timezone });
  try {
    return fn(task);
  } finally {
    void task.destroy();
  }
}

/**
 * The latest slot at or before `now` and no older than `lookbackMs`, or null.
 * Walks back minute by minute (node-cron has no "previous run"); the
 * lookback is the grace window, at most a day, so this stays cheap.
 */
export function latestSlot(expr: string, timezone: string, now: Date, lookbackMs: number): Date | null {
  const start = Math.floor(now.getTime() / MINUTE) * MINUTE;
  const end = now.getTime() - lookbackMs;
  return withMatcher(expr, timezone, (t) => {
    for (let ms = start; ms >= end; ms -= MINUTE) if (t.match(new Date(ms))) return new Date(ms);
    return null;
  });
}

/** The next `count` slots after the current system time (node-cron reads `Date`). */
export function upcomingSlots(expr: string, timezone: string, count: number): Date[] {
  return withMatcher(expr, timezone, (t) => t.getNextRuns(count));
}

/** A slot's ledger key: the minute, as an ISO string. */
export function slotKey(d: Date): string {
  return new Date(Math.floor(d.getTime() / MINUTE) * MINUTE).toISOString();
}
