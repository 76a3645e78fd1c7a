/**
 * Speaker finder: the noun phrase that names who is speaking, found from the
 * reporting verb's position — the subject before it ("the group said",
 * "Paul Martin, a detective, said") or the inverted subject after it
 * ("said Paul Martin"). Works on word tokens, no parser.
 */
import { CUE_MODIFIERS, DETERMINERS, NAME_ABBREVIATIONS, NP_STOP, PRONOUNS, TIME_WORDS } from './lexicon.js';
import { isCapitalized, isQuoteMark, type Word } from './units.js';

/** Inclusive word-index range of a noun phrase. */
export interface Phrase {
  first: number;
  last: number;
}

const MAX_NP = 8;
const PUNCT = /^[^\p{L}\p{N}]$/u;

function isAbbrevDot(words: Word[], k: number): boolean {
  if (words[k].text !== '.' || k === 0) return false;
  const prev = words[k - 1];
  // "G.K." tokenises as "G.K" + "."; a run of initials ends in an abbreviation dot like a single "G.".
  return prev.end === words[k].start && (NAME_ABBREVIATIONS.has(prev.lower) || /^(?:\p{Lu}\.)*\p{Lu}$/u.test(prev.text));
}

/** Skip adverbs, auxiliaries and time phrases between a subject and its verb; returns the new index. */
export function skipModifiersBack(words: Word[], j: number, lo: number): number {
  while (j >= lo) {
    const w = words[j];
    if (CUE_MODIFIERS.has(w.lower) || (/ly$/.test(w.lower) && !isCapitalized(w) && w.lower.length > 4)) {
      j--;
      continue;
    }
    // "Rep. Jane Roe (D-Mass.) said": a short parenthetical (party, state, age) sits between name and verb.
    if (w.text === ')') {
      let k = j - 1;
      while (k >= lo && j - k <= 8 && words[k].text !== '(' && words[k].text !== ')') k--;
      if (k >= lo && words[k].text === '(' && j - k <= 8) {
        j = k - 1;
        continue;
      }
    }
    if (TIME_WORDS.has(w.lower) && j - 1 >= lo && /^(?:on|last|this|earlier|late)$/.test(words[j - 1].lower)) {
      j -= 2;
      continue;
    }
    break;
  }
  return j;
}

/** Collect a noun phrase ending at word `j`, walking back no further than `lo`. */
export function phraseEndingAt(words: Word[], j: number, lo: number): Phrase | null {
  if (j < lo) return null;
  const head = words[j];
  if (head.quote >= 0 || PUNCT.test(head.text)) return null;
  if (PRONOUNS.has(head.lower)) return { first: j, last: j };
  if (NP_STOP.has(head.lower) || DETERMINERS.has(head.lower)) return null;
  let first = j;
  let count = 1;
  for (let k = j - 1; k >= lo && count < MAX_NP; k--) {
    const w = words[k];
    if (w.quote >= 0) break;
    if (isAbbrevDot(words, k)) {
      first = k;
      continue;
    }
    if (PUNCT.test(w.text) || NP_STOP.has(w.lower) || PRONOUNS.has(w.lower)) break;
    if (TIME_WORDS.has(w.lower) && !isCapitalized(w)) break;
    first = k;
    count++;
    if (DETERMINERS.has(w.lower)) break;
  }
  // A long lower-case run with no determiner is a clause, not a name ("prices rose as experts").
  const hasCap = words.slice(first, j + 1).some((w) => isCapitalized(w));
  if (!hasCap && !DETERMINERS.has(words[first].lower) && j - first > 1) first = j - 1;
  return { first, last: j };
}

/**
 * The subject of the verb at `i`: skips modifiers, then an appositive
 * ("Hester, senior associate at X, said"), then takes the noun phrase.
 */
export function subjectBefore(words: Word[], i: number, lo: number): Phrase | null {
  const j = skipModifiersBack(words, i - 1, lo);
  if (j < lo) return null;
  // "his claims that…": the cue word is a noun after a determiner.
  if (DETERMINERS.has(words[j].lower) && !PRONOUNS.has(words[j].lower)) return null;
  if (words[j].text === ',') {
    for (let k = j - 1; k >= lo && j - k < 30; k--) {
      if (words[k].quote >= 0 || isQuoteMark(words[k])) break;
      if (words[k].text !== ',') continue;
      const np = phraseEndingAt(words, k - 1, lo);
      const app = words[k + 1];
      const looksAppositive = app && (!isCapitalized(app) || DETERMINERS.has(app.lower) || app.lower === 'who');
      if (np && looksAppositive && (isCapitalized(words[np.last]) || PRONOUNS.has(words[np.last].lower))) return np;
      // "the campaign chairman, Phil Lovas, said": the name is the part between the commas.
      const inner = phraseEndingAt(words, j - 1, k + 1);
      if (inner && inner.first === k + 1 && isCapitalized(words[inner.first]) && isCapitalized(words[inner.last])) return inner;
      // "Dianne Feinstein, Democrat of California, said": a capitalised title-like appositive.
      if (np && isCapitalized(words[np.first]) && isCapitalized(words[np.last]) && j - k <= 8) return np;
      break;
    }
    return null;
  }
  return phraseEndingAt(words, j, lo);
}

/** The inverted subject after the verb at `i` ("…," said Paul Martin, a detective). */
export function subjectAfter(words: Word[], i: number, hi: number): Phrase | null {
  const j = i + 1;
  if (j >= hi) return null;
  const w0 = words[j];
  if (w0.quote >= 0) return null;
  if (PRONOUNS.has(w0.lower) && !/^(?:who|which|it)$/.test(w0.lower)) return { first: j, last: j };
  if (!isCapitalized(w0) && !DETERMINERS.has(w0.lower)) return null;
  let last = j;
  for (let k = j + 1; k < hi && k - j < MAX_NP; k++) {
    const w = words[k];
    if (isAbbrevDot(words, k)) {
      last = k;
      continue;
    }
    if (w.quote >= 0 || PUNCT.test(w.text) || NP_STOP.has(w.lower) || PRONOUNS.has(w.lower)) break;
    if (TIME_WORDS.has(w.lower) && !/^(?:may|march)$/.test(w.lower)) break;
    last = k;
  }
  return { first: j, last };
}
