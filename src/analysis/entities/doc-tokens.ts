import { tagDocument, type DocNerSpan } from '../ner/tag-doc.js';
import { startsLower, startsTwoLetters, startsUpper } from '../text/char-class.js';
import { tokenize } from '../text/tokenize.js';
import type { Sentence } from '../types.js';
import { fold } from './fold.js';
import { COMMON_WORDS } from './lexicon.js';

/** A token with the facts every entity rule needs about it. */
export interface DocToken {
  text: string;
  start: number;
  end: number;
  /** Folded form ("ivan" for "Iván"). */
  key: string;
  /** Index of its sentence. */
  sent: number;
  /** Starts with an upper-case letter (or is an acronym such as "U.S."). */
  cap: boolean;
  /** First word of its sentence, or right after an opening quote/colon: capitalized for grammar, not meaning. */
  initial: boolean;
  /**
   * In a headline-case or all-caps sentence that only names known elsewhere may be read in (see
   * addShoutyMentions). With the NER model only headline case is: the model reads all-caps lines in context
   * (CoNLL's headlines are all capitals) but not title case.
   */
  shouty: boolean;
  /** In a headline-case or all-caps sentence, where capitals say nothing to the hand-written chunker. */
  caseless: boolean;
}

/** The tokens of an article plus document-wide word statistics. */
export interface DocTokens {
  tokens: DocToken[];
  /** Token index range `[from, to)` of each sentence. */
  sentenceRanges: [number, number][];
  /** Folded words seen in lower case somewhere in the text ("human" in "human rights"). */
  lowerSeen: ReadonlySet<string>;
  /** Entity spans from the learned tagger (token indices), in document order; empty when `useModel` is off. */
  ner: DocNerSpan[];
}

// Module-local copies of hot imports (under tsx each imported binding is a getter call).
const upperStart = startsUpper;
const lowerStart = startsLower;
const twoLetters = startsTwoLetters;
const foldText = fold;
const COMMON = COMMON_WORDS;

const INITIAL_TRIGGERS = new Set(['"', '“', '‘', "'", ':', '—', '–', '-', '•', '*', '(', '[', '«', '…']);

/** Tokenize every sentence and gather the statistics used to read capitals. */
export function buildDocTokens(text: string, sentences: Sentence[], useModel = true): DocTokens {
  const tokens: DocToken[] = [];
  const sentenceRanges: [number, number][] = [];
  const lowerSeen = new Set<string>();
  sentences.forEach((s, si) => {
    const from = tokens.length;
    let prevText = '';
    let sawWord = false;
    for (const t of tokenize(text, s.start, s.end)) {
      const cap = upperStart(t.text);
      const initial = cap && (!sawWord || INITIAL_TRIGGERS.has(prevText));
      if (!sawWord && /[\p{L}\p{N}]/u.test(t.text)) sawWord = true;
      const key = foldText(t.text);
      if (lowerStart(t.text)) lowerSeen.add(key);
      tokens.push({ text: t.text, start: t.start, end: t.end, key, sent: si, cap, initial, shouty: false, caseless: false });
      prevText = t.text;
    }
    sentenceRanges.push([from, tokens.length]);
  });
  for (const [from, to] of sentenceRanges) markShouty(tokens, from, to, lowerSeen, !useModel);
  const ner = useModel ? tagDocument(tokens.map((t) => t.text), sentenceRanges, undefined, tokens.map((t) => t.key)) : [];
  return { tokens, sentenceRanges, lowerSeen, ner };
}

/**
 * Headline case ("Hackers Attack Church Website") and all-caps lines make
 * every word look like a name. Mark them so the chunker only accepts names
 * it can confirm from the rest of the document or the gazetteers.
 */
function markShouty(tokens: DocToken[], from: number, to: number, lowerSeen: ReadonlySet<string>, shouty: boolean): void {
  let words = 0;
  let upperWords = 0;
  let ordinary = 0;
  let ordinaryCap = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (!twoLetters(t.text)) continue;
    words++;
    if (t.text === t.text.toUpperCase()) upperWords++;
    // Ordinary words (seen in lower case elsewhere) capitalized mid-sentence give headline case away;
    // a sentence full of names ("Mayor of London Ken Livingstone spoke") does not count.
    if (t.text.length >= 3 && t.key !== 'the' && (COMMON.has(t.key) || lowerSeen.has(t.key))) {
      ordinary++;
      if (t.cap && !t.initial) ordinaryCap++;
    }
  }
  const allCaps = words >= 3 && upperWords / words >= 0.8;
  const headline = ordinaryCap >= 2 && ordinaryCap / ordinary >= 0.75;
  if (!allCaps && !headline) return;
  for (let i = from; i < to; i++) {
    tokens[i].caseless = true;
    tokens[i].shouty = shouty || !allCaps;
  }
}
