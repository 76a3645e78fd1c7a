import type { Token } from '../types.js';
import { MAYBE_FINAL_ABBREVIATIONS as MAYBE_FINAL_ABBREVIATIONS_, MONTH_ABBREVIATIONS as MONTH_ABBREVIATIONS_, NEVER_FINAL_ABBREVIATIONS as NEVER_FINAL_ABBREVIATIONS_ } from './abbreviations.js';

// Module-local copies of the word lists (under tsx each imported binding is a getter call).
const MAYBE_FINAL_ABBREVIATIONS = MAYBE_FINAL_ABBREVIATIONS_;
const MONTH_ABBREVIATIONS = MONTH_ABBREVIATIONS_;
const NEVER_FINAL_ABBREVIATIONS = NEVER_FINAL_ABBREVIATIONS_;

/**
 * One scanning pattern, tried left to right at each position:
 * dotted abbreviations (U.S., e.g.), numbers with separators (7.1, 212,326,
 * 1990s, 5th), words with inner hyphens/apostrophes (decades-long, O'Brien),
 * a detached possessive ("Trump 's" in pre-tokenized text), ellipses, then any
 * other single non-space character.
 */
const TOKEN_RE =
  /(?:\p{L}\.){2,}|\d+(?:[.,:]\d+)*(?:\p{L}+)?%?|[\p{L}\p{M}\p{N}]+(?:[-'’&][\p{L}\p{M}\p{N}]+)*|['’][sS](?![\p{L}\p{N}])|\.{3}|…|\S/gu;
const POSSESSIVE = /['’][sS]$/;

/**
 * Split `text[start, end)` into word, number and punctuation tokens with
 * absolute character offsets into `text`.
 *
 * A possessive "'s" becomes its own token ("Colombia" + "'s") so that entity
 * chunking sees the bare name; known abbreviations and initials keep their
 * period ("Dr.", "F.") so the period is not mistaken for sentence punctuation.
 */
export function tokenize(text: string, start = 0, end: number = text.length): Token[] {
  const out: Token[] = [];
  const slice = text.slice(start, end);
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(slice))) {
    const s = start + m.index;
    let word = m[0];
    const e = s + word.length;
    if (word.length > 2 && POSSESSIVE.test(word) && /\p{L}/u.test(word[0])) {
      out.push({ start: s, end: e - 2, text: word.slice(0, -2) });
      out.push({ start: e - 2, end: e, text: word.slice(-2) });
      continue;
    }
    if (slice[m.index + word.length] === '.' && takesPeriod(word)) {
      word += '.';
      TOKEN_RE.lastIndex++;
    }
    out.push({ start: s, end: s + word.length, text: word });
  }
  return out;
}

/** True when a period right after `word` belongs to it (abbreviation or initial). */
function takesPeriod(word: string): boolean {
  if (/^\p{Lu}$/u.test(word)) return true;
  const key = word.toLowerCase();
  return NEVER_FINAL_ABBREVIATIONS.has(key) || MONTH_ABBREVIATIONS.has(key) || MAYBE_FINAL_ABBREVIATIONS.has(key);
}
