import cron from 'node-cron';
import { isIanaTimezone } from './time-zones.js';

/** A digest schedule as typed by a person, normalised to a 5-field cron expression. */
export interface ParsedSchedule {
  /** 5-field cron expression node-cron runs ("30 8 * * 1-5"). */
  cron: string;
  /** Human description for replies ("weekdays at 08:30"). */
  label: string;
}

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_SETS: Record<string, { dow: string; label: string }> = {
  daily: { dow: '*', label: 'every day' },
  'every day': { dow: '*', label: 'every day' },
  everyday: { dow: '*', label: 'every day' },
  weekdays: { dow: '1-5', label: 'weekdays' },
  weekends: { dow: '0,6', label: 'weekends' },
};

/**
 * Parse "daily 08:30", "weekdays 9am", "mondays 07:00", "every 15 minutes",
 * "hourly" or any 5-field cron expression. Returns null when the text is not
 * a schedule. Six-field (seconds) expressions are refused on purpose: a
 * digest more often than once a minute would be a flood, not a digest.
 */
export function parseSchedule(text: string): ParsedSchedule | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!t) return null;
  if (/^[\d*/,\-a-z?#]+( [\d*/,\-a-z?#]+){4}$/.test(t) && !/^(daily|weekdays|weekends|every)/.test(t)) {
    return cron.validate(t) ? { cron: t, label: `cron “${t}”` } : null;
  }
  if (t === 'hourly' || t === 'every hour') return { cron: '0 * * * *', label: 'every hour' };
  const every = /^every (\d{1,2}) ?(?:minutes?|mins?|m)$/.exec(t);
  if (every) {
    const n = Number(every[1]);
    if (n < 1 || n > 59) return null;
    return { cron: `*/${n} * * * *`, label: `every ${n} minute${n === 1 ? '' : 's'}` };
  }
  const m = /^(.+?) (?:at )?(\d{1,2})(?::(\d{2}))? ?(am|pm)?$/.exec(t);
  if (!m) return null;
  const time = toHourMinute(Number(m[2]), m[3] === undefined ? 0 : Number(m[3]), m[4] as 'am' | 'pm' | undefined, m[3] !== undefined);
  if (!time) return null;
  const days = dayPart(m[1]);
  if (!days) return null;
  const hhmm = `${String(time.h).padStart(2, '0')}:${String(time.m).padStart(2, '0')}`;
  return { cron: `${time.m} ${time.h} * * ${days.dow}`, label: `${days.label} at ${hhmm}` };
}

/** True when `text` is a schedule parseSchedule accepts. */
export function isValidSchedule(text: string): boolean {
  return parseSchedule(text) !== null;
}

function toHourMinute(h: number, m: number, ampm: 'am' | 'pm' | undefined, hadMinutes: boolean): { h: number; m: number } | null {
  if (m > 59) return null;
  if (ampm) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ampm === 'pm' ? 12 : 0);
  } else if (!hadMinutes || h > 23) {
    // "daily 8" is ambiguous (08:00? 20:00?); ask for 08:00 or 8am instead.
    return null;
  }
  return { h, m };
}

/** "mondays", "monday", "mon", "mondays and thursdays", "mon,thu" → day-of-week field. */
function dayPart(text: string): { dow: string; label: string } | null {
  const set = DAY_SETS[text];
  if (set) return set;
  const words = text.split(/\s*(?:,|and|&|\s)\s*/).filter(Boolean);
  const days: number[] = [];
  for (const w of words) {
    const base = w.replace(/s$/, '');
    const idx = DAY_NAMES.findIndex((d) => d === base || (base.length >= 3 && d.startsWith(base)));
    if (idx < 0) return null;
    if (!days.includes(idx)) days.push(idx);
  }
  if (!days.length) return null;
  days.sort((a, b) => a - b);
  const names = days.map((d) => `${DAY_NAMES[d][0].toUpperCase()}${DAY_NAMES[d].slice(1)}s`);
  return { dow: days.join(','), label: names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` };
}

/** True when `tz` is a region-style IANA zone (or UTC) this runtime knows; abbreviations such as EST are refused. */
export function isValidTimezone(tz: string): boolean {
  return isIanaTimezone(tz);
}

/** Format an instant in a zone for replies: "Mon 2 Mar 2026, 09:00 (America/Bogota)". */
export function formatInZone(d: Date, tz: string): string {
  const s = new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return `${s} (${tz})`;
}
