/**
 * The stamp-and-credit header some outlets put before the story, fields
 * separated by stray full stops as the CNN/DailyMail release keeps them:
 * "By . Associated Press . PUBLISHED: . 14:11 EST, 25 October 2013 . | .
 * UPDATED: . 15:36 EST, 25 October 2013 . The bishop…", or "By . Jane Roe
 * . Last updated at 5:31 PM on 23rd January 2012 . …". Read field by field
 * (no backtracking regex over the whole text), so the cost is linear.
 */

/** What a header holds and where it is. */
export interface AgencyHeader {
  /** Range of the header in the text (the story starts at `end`). */
  start: number;
  end: number;
  /** Credited people ("Jane Roe"). */
  names: string[];
  /** A desk or agency credited instead of a person ("Associated Press", "Daily Mail Reporter"). */
  desks: string[];
  /** The first publication stamp as written ("14:11 EST, 25 October 2013"), else the first update stamp, or null. */
  published: string | null;
}

/** A field of the header: its text and where it starts. */
interface Field {
  text: string;
  start: number;
}

/** Where to look: headers sit at the top, or right after a short teaser block. */
const SEARCH_LIMIT = 1500;
/** Credit words that make a name a desk rather than a person ("Daily Mail Reporter", "Press Association"). */
const DESK_WORD = /\b(?:reporters?|correspondents?|staff|writers?|press|agency|wires?|news|desk|service|association|online)\b/i;
/** A time stamp field: "14:11 EST, 25 October 2013", "5:31 PM on 23rd January 2012". */
const STAMP = /^(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[AP]M)?\s*(?:[A-Z]{2,4})?\s*(?:,|on)?\s*\d{1,2}(?:st|nd|rd|th)?\s+\p{L}+\s+\d{4}$/iu;
/** A person or desk credit: one to five capitalised words, "For Outlet" allowed at the end. */
const CREDIT = /^(?:and\s+)?(\p{Lu}[\p{L}'’-]*(?:\s+(?:(?!(?:For|From)\b)\p{Lu}[\p{L}'’-]*|de|van|von|da|al)){0,4})(?:\s+(?:for|from)\s+(\p{Lu}[\p{L}'’ -]{1,40}))?$/iu;

/** Split the top of the text into " . "-separated fields with their offsets. */
function fields(text: string, from: number): Field[] {
  const out: Field[] = [];
  let pos = from;
  const limit = Math.min(text.length, from + SEARCH_LIMIT);
  while (pos < limit) {
    const sep = text.indexOf(' .', pos);
    const end = sep === -1 || sep > limit ? limit : sep;
    const raw = text.slice(pos, end);
    const lead = raw.length - raw.trimStart().length;
    out.push({ text: raw.trim(), start: pos + lead });
    if (end === limit) break;
    pos = end + 2;
  }
  return out;
}

/**
 * Read a header starting at `from` (default: the first non-blank
 * character), or return null when the text does not open with one.
 */
export function readAgencyHeader(text: string, from = text.length - text.trimStart().length): AgencyHeader | null {
  const fs = fields(text, from);
  const names: string[] = [];
  const desks: string[] = [];
  let published: string | null = null;
  let updated: string | null = null;
  let i = 0;
  let stamps = 0;
  while (i < fs.length) {
    const f = fs[i].text;
    if (/^by$/i.test(f)) {
      // "By" then one or more credits ("Jane Roe", "and John Doe", "Associated Press").
      let j = i + 1;
      while (j < fs.length) {
        const m = CREDIT.exec(fs[j].text);
        if (!m || (j > i + 1 && !/^and\s/i.test(fs[j].text))) break;
        if (m[2]) desks.push(m[2].trim());
        if (DESK_WORD.test(m[1]) || /^\p{Lu}{2,5}$/u.test(m[1])) desks.push(m[1]);
        else names.push(m[1]);
        j++;
      }
      if (j === i + 1) break;
      i = j;
      continue;
    }
    if (/^(?:published|updated|last updated)\s*:?$/i.test(f) && i + 1 < fs.length && STAMP.test(fs[i + 1].text)) {
      if (/^published/i.test(f) && !published) published = fs[i + 1].text;
      else updated ??= fs[i + 1].text;
      stamps++;
      i += 2;
      continue;
    }
    const last = /^(?:last updated|updated|published)\s*:?\s*(?:at\s+)?(.+)$/i.exec(f);
    if (last && STAMP.test(last[1])) {
      if (/^published/i.test(f)) published ??= last[1];
      else updated ??= last[1];
      stamps++;
      i++;
      continue;
    }
    if (f === '|' || f === '') {
      i++;
      continue;
    }
    break;
  }
  if (i === 0 || i >= fs.length || (names.length === 0 && desks.length === 0 && stamps === 0)) return null;
  return { start: fs[0].start, end: fs[i].start, names, desks, published: published ?? updated };
}

/** Find a header at the top of the text, or right after a sentence within the first part (a teaser block before it). */
export function findAgencyHeader(text: string): AgencyHeader | null {
  const top = readAgencyHeader(text);
  if (top) return top;
  const at = text.slice(0, SEARCH_LIMIT).search(/\s\.\s+By\s\.\s/);
  return at === -1 ? null : readAgencyHeader(text, at + 3);
}
