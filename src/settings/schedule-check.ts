import cron from 'node-cron';
import type { ChannelSettings } from './channel-settings.js';
import { parseSchedule } from './friendly-schedule.js';
import { checkTimezone, suggestionText } from './time-zones.js';

/** A schedule must fire within this long to be accepted (so yearly digests still work). */
export const MAX_SCHEDULE_GAP_MS = 366 * 24 * 3_600_000;

/**
 * Pause reasons written by the scheduler for a schedule that cannot run
 * start with this, so a later fix (schedule set, timezone) can lift exactly
 * those pauses and leave platform-failure pauses alone.
 */
export const SCHEDULE_PAUSE_PREFIX = 'the schedule cannot run: ';

/**
 * Why `schedule` in `timezone` cannot drive a digest, or null when it can.
 * node-cron's validator accepts expressions that never match (day 8 that is
 * also the first Monday: day-of-month and day-of-week are ANDed), and then
 * its `start()` throws; so this asks node-cron's own matcher for the next
 * run. The walk is bounded by node-cron (at most ~100 years of days, a few
 * milliseconds) and reads the system clock exactly like the scheduler does.
 */
export function scheduleProblem(schedule: string | null, timezone: string): string | null {
  const zone = checkTimezone(timezone);
  if (!zone.ok) return `the time zone ${zone.reason}. ${suggestionText(zone.suggestions)}`.trim();
  if (schedule === null) return null;
  const parsed = parseSchedule(schedule);
  if (!parsed) return `“${schedule.slice(0, 60)}” is not a schedule newsdesk understands`;
  const from = Date.now();
  let next: Date | undefined;
  try {
    const task = cron.createTask(parsed.cron, () => undefined, { timezone: zone.zone });
    try {
      next = task.getNextRuns(1)[0];
    } finally {
      void task.destroy();
    }
  } catch {
    next = undefined;
  }
  if (!next || next.getTime() - from > MAX_SCHEDULE_GAP_MS) {
    const hint = /\S+ \S+ [^*\s]+ \S+ [^*\s]+$/.test(parsed.cron) ? ' (a day of the month and a day of the week must both match)' : '';
    return `${parsed.label} never runs in the next year in ${zone.zone}${hint}`;
  }
  return null;
}

/**
 * Why a channel's stored schedule cannot run, or null: a schedule or zone
 * that failed validation when read back, or one that never fires.
 */
export function channelScheduleProblem(s: Pick<ChannelSettings, 'schedule' | 'timezone' | 'invalidStored'>): string | null {
  const stored = s.invalidStored.find((p) => p.field === null || p.field === 'schedule' || p.field === 'timezone');
  if (stored) return stored.message;
  return scheduleProblem(s.schedule, s.timezone);
}

/** True when a pause was set because the schedule could not run (so fixing the schedule lifts it). */
export function isSchedulePause(reason: string | null | undefined): boolean {
  return !!reason && reason.startsWith(SCHEDULE_PAUSE_PREFIX);
}
