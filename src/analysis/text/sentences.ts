import type { Sentence } from '../types.js';
import {
  MAYBE_FINAL_ABBREVIATIONS as MAYBE_FINAL_ABBREVIATIONS_,
  MONTH_ABBREVIATIONS as MONTH_ABBREVIATIONS_,
  NEVER_FINAL_ABBREVIATIONS as NEVER_FINAL_ABBREVIATIONS_,
  SENTENCE_OPENERS as SENTENCE_OPENERS_,
} from './abbreviations.js';

// Module-local copies of the word lists (under tsx each imported binding is a getter call).
const MAYBE_FINAL_ABBREVIATIONS = MAYBE_FINAL_ABBREVIATIONS_;
const MONTH_ABBREVIATIONS = MONTH_ABBREVIATIONS_;
const NEVER_FINAL_ABBREVIATIONS = NEVER_FINAL_ABBREVIATIONS_;
const SENTENCE_OPENERS = SENTENCE_OPENERS_;

/** Characters that may close a sentence after its terminator ("…end.” He"). */
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);
/** Characters that may open a sentence before its first word. */
const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '«']);
const TERMINATOR = /[.!?…]+/g;

/**
 * Split `text` into sentences with character offsets.
 *
 * A sentence never crosses a newline: every non-empty line is its own
 * paragraph (`paragraph` counts non-empty lines), which matches how cleaned
 * articles store one paragraph per line and keeps headlines and datelines
 * apart. Inside a line, a boundary is a terminator (. ! ? …), optionally
 * followed by closing quotes/brackets, then whitespace and a word that can
 * open a sentence. Abbreviations (U.S., Sept., Gov., Dr.), initials and
 * decimals do not split; quotes that run over several sentences are split at
 * their inner boundaries, and "…forward,” he said." stays one sentence because
 * the next word is lower-case.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (splitLine(text, lineStart, lineEnd, paragraph, out)) paragraph++;
    lineStart = lineEnd + 1;
  }
  return out;
}

/** Split one line; returns true when it produced at least one sentence. */
function splitLine(text: string, start: number, end: number, paragraph: number, out: Sentence[]): boolean {
  const line = text.slice(start, end);
  let segStart = 0;
  let produced = false;
  const push = (a: number, b: number): void => {
    const [s, e] = trimRange(line, a, b);
    if (e > s) {
      out.push({ start: start + s, end: start + e, text: line.slice(s, e), paragraph });
      produced = true;
    }
  };
  TERMINATOR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TERMINATOR.exec(line))) {
    let q = m.index + m[0].length;
    while (q < line.length && CLOSERS.has(line[q])) q++;
    if (q >= line.length) break; // the line end closes the sentence anyway
    if (!isSpace(line[q])) continue; // "7.1", "U.S.-led", "Yahoo!Inc"
    let n = q;
    while (n < line.length && isSpace(line[n])) n++;
    if (n >= line.length) break;
    if (isBoundary(line, m.index, m[0], q, n)) {
      push(segStart, q);
      segStart = n;
    }
  }
  push(segStart, line.length);
  return produced;
}

/**
 * Decide whether the terminator `term` at `termIdx` (closers end at `closeEnd`,
 * next sentence would start at `next`) ends a sentence.
 */
function isBoundary(line: string, termIdx: number, term: string, closeEnd: number, next: number): boolean {
  let w = next;
  let openedQuote = false;
  while (w < line.length && OPENERS.has(line[w])) {
    w++;
    openedQuote = true;
  }
  const c = line[w] ?? '';
  if (isLower(c)) return false;
  const startsWord = isUpper(c) || isDigit(c) || openedQuote;
  // Caseless scripts and symbols such as "$" or bullets can open a sentence; dashes cannot.
  if (!startsWord) return isUpperish(c) || /\p{Lo}/u.test(c);
  // Only a lone period can be an abbreviation; "!" "?" "..." and quoted ends split.
  if (term !== '.' || closeEnd > termIdx + 1) return true;
  const before = wordBefore(line, termIdx);
  const key = before.toLowerCase();
  const nextWord = readWord(line, w).toLowerCase();
  const opener = openedQuote || SENTENCE_OPENERS.has(nextWord);
  if (key.length === 0) return true;
  if (/^\p{Lu}$/u.test(before)) return opener && nextWord !== 'a' && nextWord !== 'i'; // initial: "John F. Kennedy"
  if (NEVER_FINAL_ABBREVIATIONS.has(key)) return false;
  if (MONTH_ABBREVIATIONS.has(key)) return !isDigit(c) && opener;
  if (MAYBE_FINAL_ABBREVIATIONS.has(key) || /^(?:\p{L}\.)+\p{L}$/u.test(before)) return opener;
  return true;
}

/** The word ending right before `idx` without its final period ("U.S" for "U.S."). */
function wordBefore(line: string, idx: number): string {
  let s = idx;
  while (s > 0 && !isSpace(line[s - 1]) && !OPENERS.has(line[s - 1]) && line[s - 1] !== '—') s--;
  return line.slice(s, idx);
}

/** The letters starting at `idx` ("The" from "The plan"). */
function readWord(line: string, idx: number): string {
  let e = idx;
  while (e < line.length && /[\p{L}\p{N}]/u.test(line[e])) e++;
  return line.slice(idx, e);
}

function trimRange(line: string, a: number, b: number): [number, number] {
  while (a < b && isSpace(line[a])) a++;
  while (b > a && isSpace(line[b - 1])) b--;
  return [a, b];
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\u00a0' || c === '\u2009' || c === '\u202f' || c === '\f';
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
function isLower(c: string): boolean {
  return c !== '' && c !== c.toUpperCase() && c === c.toLowerCase();
}
function isUpper(c: string): boolean {
  return c !== '' && c !== c.toLowerCase() && c === c.toUpperCase();
}
/** Non-letter symbols that still open a sentence (bullets, currency, "#"). */
function isUpperish(c: string): boolean {
  return /[$€£¥#•*@&]/.test(c);
}
