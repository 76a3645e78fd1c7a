/**
 * The dateline that opens wire and network copy: "BOGOTA, Oct 20 (Reuters) -",
 * "WASHINGTON (AP) —", "LONDON, England (CNN) --", "Paris (CNN)The…". It
 * names the outlet and often the day; the year is rarely there, and a year
 * is never guessed (see {@link datelineDate}).
 */

/** What a dateline says. */
export interface Dateline {
  /** The place as written ("BOGOTA", "LONDON, England"), or null. */
  place: string | null;
  /** The outlet in parentheses ("Reuters", "AP", "CNN"), or null. */
  outlet: string | null;
  /** Month 1–12 and day, when the dateline gives them. */
  month: number | null;
  day: number | null;
  /** The year, only when written in the dateline. */
  year: number | null;
  /** Length of the dateline, so callers can skip it. */
  length: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
/** A capitalised place of one to four words; bounded so the pattern cannot run far. */
const PLACE = String.raw`\p{Lu}[\p{L}.'’-]{0,30}(?:\s(?:\p{Lu}[\p{L}.'’-]{0,30}|de|del|da|la|le|el|of)){0,3}`;

/** PLACE[, PLACE][, DATE] (OUTLET) [-|—|--|:] — the text after it must start like a sentence. */
const WIRE = new RegExp(
  String.raw`^\s{0,4}(?:(${PLACE}(?:,\s?${PLACE}){0,2}?)(?:,?\s(${MONTH})\s(\d{1,2})(?:,\s?(\d{4}))?)?\s?)?\((\p{Lu}[\p{L}&.'’]{0,20}(?:\s[\p{L}&.'’]{1,20}){0,4})\)\s{0,3}(?:(?:--|[-–—:])\s{0,3})?(?=["“‘']?[\p{Lu}\d])`,
  'u',
);

/** A date standing alone before the story: "March 10, 2015 . We're…" or "Oct. 20, 2014 -". */
const LEADING_DATE = new RegExp(String.raw`^\s{0,4}(${MONTH})\s(\d{1,2}),\s?(\d{4})\s{0,3}[.\-–—]\s`, 'u');

/** Month number (1–12) of a month name or abbreviation. */
function monthOf(name: string): number | null {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i === -1 ? null : i + 1;
}

/** Read the dateline at the start of `text`, or null when there is none. */
export function readDateline(text: string): Dateline | null {
  const head = text.slice(0, 300);
  const m = WIRE.exec(head);
  if (m) {
    return {
      place: m[1] ?? null,
      outlet: m[5],
      month: m[2] ? monthOf(m[2]) : null,
      day: m[3] ? Number(m[3]) : null,
      year: m[4] ? Number(m[4]) : null,
      length: m[0].length,
    };
  }
  const d = LEADING_DATE.exec(head);
  if (d) return { place: null, outlet: null, month: monthOf(d[1]), day: Number(d[2]), year: Number(d[3]), length: d[0].length };
  return null;
}

/**
 * The ISO date a dateline gives, or null. Without a year in the dateline the
 * year comes only from a justified source: a full date elsewhere in the text
 * with the same month and day ("on Oct. 20, 2014"), or a reference date the
 * caller knows the article is not later than (a feed's fetch time, a file's
 * modification time) — the latest such day on or before it, within a year.
 */
export function datelineDate(dl: Dateline, text: string, reference?: string | null): string | null {
  if (dl.month === null || dl.day === null) return null;
  let year = dl.year ?? yearFromText(text, dl.month, dl.day);
  if (year === null && reference) {
    const ref = new Date(reference);
    if (!Number.isNaN(ref.getTime())) {
      year = ref.getUTCFullYear();
      if (Date.UTC(year, dl.month - 1, dl.day) > ref.getTime()) year--;
    }
  }
  return year === null ? null : isoDay(year, dl.month, dl.day);
}

/** A year written with this month and day elsewhere in the text ("October 20, 2014", "20 Oct 2014"). */
function yearFromText(text: string, month: number, day: number): number | null {
  const re = new RegExp(String.raw`\b(?:(${MONTH})\s(\d{1,2}),?\s(\d{4})|(\d{1,2})\s(${MONTH})\s(\d{4}))\b`, 'gu');
  for (const m of text.matchAll(re)) {
    const mo = monthOf(m[1] ?? m[5]);
    const d = Number(m[2] ?? m[4]);
    if (mo === month && d === day) return Number(m[3] ?? m[6]);
  }
  return null;
}

/** "YYYY-MM-DDT00:00:00.000Z", or null for an impossible day (Feb 30). */
export function isoDay(year: number, month: number, day: number): string | null {
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || year < 1900 || year > 2200) return null;
  return d.toISOString();
}
