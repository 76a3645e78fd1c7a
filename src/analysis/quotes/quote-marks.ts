/**
 * Direct-quote scanner: finds top-level quoted stretches over character
 * offsets. Handles curly and straight double marks, doubled apostrophes
 * ('' as some wire feeds print “), guillemets, nested single quotes (ignored)
 * and quotes left open at the end of a paragraph (they end there; the next
 * paragraph usually reopens them).
 */

/** One quoted stretch, marks included in `[start, end)`. */
export interface QuoteSegment {
  start: number;
  end: number;
  /** The words inside the marks. */
  innerStart: number;
  innerEnd: number;
  /** false when the paragraph ended before a closing mark. */
  closed: boolean;
}

const OPEN_ONLY = new Set(['“', '«', '„']);
const CLOSE_ONLY = new Set(['”', '»']);

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\u00a0';
}

/** Length of the quotation mark at `i` (1 or 2 for ''), or 0 when there is none. */
function markAt(text: string, i: number): number {
  const ch = text[i];
  if (ch === '"' || OPEN_ONLY.has(ch) || CLOSE_ONLY.has(ch)) return 1;
  if ((ch === "'" || ch === '’' || ch === '‘') && text[i + 1] === ch) return 2;
  return 0;
}

/** Trim whitespace inside `[s, e)`. */
function trimRange(text: string, s: number, e: number): [number, number] {
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  return [s, e];
}

/** Find every top-level quoted stretch in `text`, in order. */
export function scanQuoteSegments(text: string): QuoteSegment[] {
  const out: QuoteSegment[] = [];
  let openAt = -1;
  let openLen = 0;
  const closeOpen = (end: number, closed: boolean, markLen: number): void => {
    const [innerStart, innerEnd] = trimRange(text, openAt + openLen, closed ? end - markLen : end);
    if (innerEnd > innerStart) out.push({ start: openAt, end: closed ? end : innerEnd, innerStart, innerEnd, closed });
    openAt = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      if (openAt >= 0) closeOpen(i, false, 0);
      continue;
    }
    const len = markAt(text, i);
    if (!len) continue;
    const before = text[i - 1];
    const after = text[i + len];
    if (openAt < 0) {
      // An opening mark is followed by a word, never by a space ("…me," a stunned…).
      if (CLOSE_ONLY.has(ch) || isSpace(after)) {
        i += len - 1;
        continue;
      }
      // A straight mark glued to a preceding word is a stray closer or an inch sign.
      if (!OPEN_ONLY.has(ch) && before !== undefined && /[\p{L}\p{N}]/u.test(before)) {
        i += len - 1;
        continue;
      }
      openAt = i;
      openLen = len;
      i += len - 1;
      continue;
    }
    if (OPEN_ONLY.has(ch) && text[openAt] === ch && isSpace(before) === true) {
      // A second opening curly mark before any closer: the first was never closed.
      closeOpen(i, false, 0);
      openAt = i;
      openLen = len;
      continue;
    }
    // A closing mark follows a word or punctuation, not a space.
    if (isSpace(before) && !isSpace(after)) {
      i += len - 1;
      continue;
    }
    closeOpen(i + len, true, len);
    i += len - 1;
  }
  if (openAt >= 0) closeOpen(text.length, false, 0);
  return out;
}

/** Number of words in `text[s, e)`. */
export function wordCount(text: string, s: number, e: number): number {
  const m = text.slice(s, e).match(/[\p{L}\p{N}]+/gu);
  return m ? m.length : 0;
}
