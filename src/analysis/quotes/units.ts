/**
 * Clause units for attribution: sentences merged so that no quote crosses a
 * unit boundary, plus a light word tokenizer over character offsets.
 */
import type { Sentence } from '../types.js';
import type { QuoteSegment } from './quote-marks.js';

/** A stretch of text attribution is looked for in (one or more sentences). */
export interface Unit {
  start: number;
  end: number;
  paragraph: number;
}

/** A word or punctuation token with offsets. */
export interface Word {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** Index of the quote segment the word is inside, or -1. */
  quote: number;
}

/**
 * Merge sentences crossed by a quote segment, and sentences that begin with a
 * lower-case word right after a closing quote ('"Why?" he asked.').
 */
export function buildUnits(text: string, sentences: Sentence[], segments: QuoteSegment[]): Unit[] {
  const units: Unit[] = [];
  let q = 0;
  for (const s of sentences) {
    const prev = units[units.length - 1];
    if (prev && prev.paragraph === s.paragraph) {
      while (q < segments.length && segments[q].end <= prev.start) q++;
      let crossed = false;
      for (let k = q; k < segments.length && segments[k].start < s.start; k++) {
        if (segments[k].end > s.start && segments[k].start < prev.end) crossed = true;
      }
      const tail = text.slice(Math.max(prev.start, prev.end - 3), prev.end);
      const lowerStart = /^[\s]*[a-z]/.test(s.text) && /["”'’]\s*$/.test(tail);
      if (crossed || lowerStart) {
        prev.end = s.end;
        continue;
      }
    }
    units.push({ start: s.start, end: s.end, paragraph: s.paragraph });
  }
  return units;
}

const WORD_RE = /[\p{L}\p{N}]+(?:[.'’&-][\p{L}\p{N}]+)*|\S/gu;

/** Tokenize `text[s, e)` into words and single punctuation marks. */
export function tokenizeWords(text: string, s: number, e: number, segments: QuoteSegment[]): Word[] {
  const out: Word[] = [];
  const slice = text.slice(s, e);
  let q = firstSegmentEndingAfter(segments, s);
  // exec on the shared global regex (no iterator or regex clone per call, as matchAll makes); it never
  // matches the empty string, so lastIndex always advances.
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(slice)) !== null) {
    const text = m[0];
    const start = s + m.index;
    const end = start + text.length;
    while (q < segments.length && segments[q].end <= start) q++;
    const inside = q < segments.length && segments[q].innerStart <= start && end <= segments[q].innerEnd ? q : -1;
    out.push({ start, end, text, lower: text.toLowerCase(), quote: inside });
  }
  return out;
}

/** Binary search: first segment whose end is after `pos`. */
export function firstSegmentEndingAfter(segments: QuoteSegment[], pos: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when the word starts with an upper-case letter. */
export function isCapitalized(w: Word): boolean {
  const c = w.text.charCodeAt(0); // NaN for "": not capitalized, as the regex says
  if (c < 128) return c >= 65 && c <= 90;
  return CAPITALIZED_RE.test(w.text);
}

const CAPITALIZED_RE = /^\p{Lu}/u;

/** True for a quotation mark token. */
export function isQuoteMark(w: Word): boolean {
  return /^["“”„«»'‘’]$/.test(w.text);
}
