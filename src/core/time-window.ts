/**
 * Parse the optional time window people add to /brief and /topics:
 * "24h", "7d", "2w", "today", "yesterday", "since monday", "since 2021-10-01".
 * Returns the start instant, or null when the text is not a window.
 */
export interface TimeWindow {
  since: Date;
  /** Human label for footers ("last 7 days"). */
  label: string;
}

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
const UNIT_WORD: Record<string, string> = { m: 'minute', h: 'hour', d: 'day', w: 'week' };

export function parseTimeWindow(text: string, now: Date): TimeWindow | null {
  const t = text.trim().toLowerCase();
  const rel = /^(?:last\s+|past\s+)?(\d{1,4})\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)$/.exec(t);
  if (rel) {
    const n = Number(rel[1]);
    const unit = rel[2][0] === 'm' ? 'm' : rel[2][0];
    if (n <= 0) return null;
    return { since: new Date(now.getTime() - n * UNIT_MS[unit]), label: `last ${n} ${UNIT_WORD[unit]}${n === 1 ? '' : 's'}` };
  }
  if (t === 'today') return { since: startOfUtcDay(now), label: 'today' };
  if (t === 'yesterday') return { since: new Date(startOfUtcDay(now).getTime() - 86_400_000), label: 'since yesterday' };
  const since = /^since\s+(.+)$/.exec(t);
  if (since) {
    const what = since[1].trim();
    const dow = DAYS.findIndex((d) => d === what || d.slice(0, 3) === what);
    if (dow >= 0) {
      const start = startOfUtcDay(now);
      const back = (start.getUTCDay() - dow + 7) % 7 || 7;
      return { since: new Date(start.getTime() - back * 86_400_000), label: `since ${DAYS[dow][0].toUpperCase()}${DAYS[dow].slice(1)}` };
    }
    if (what === 'yesterday') return { since: new Date(startOfUtcDay(now).getTime() - 86_400_000), label: 'since yesterday' };
    // Only real dates with a year ("since 2021-10-01", "since 1 October 2021"); Date.parse would read "since 1" as 2001.
    const ms = /\b\d{4}\b/.test(what) ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(what) ? what : `${what} UTC`) : NaN;
    if (!Number.isNaN(ms) && ms <= now.getTime()) return { since: new Date(ms), label: `since ${new Date(ms).toISOString().slice(0, 10)}` };
  }
  return null;
}

/** Split "colombia peace talks 7d" into the topic and a trailing window, if any. */
export function splitTopicAndWindow(args: string, now: Date): { topic: string; window: TimeWindow | null } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  // Longest trailing window first ("last 7 days", then "since monday", then "7d"), always leaving a topic.
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const w = parseTimeWindow(words.slice(-n).join(' '), now);
    if (w) return { topic: words.slice(0, -n).join(' '), window: w };
  }
  return { topic: words.join(' '), window: null };
}

function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
