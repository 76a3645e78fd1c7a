/**
 * What may stand between a reporting verb and its content: the verb's object
 * ("told reporters that …") and time or place modifiers ("said on Monday in a
 * statement that …"). The attribution finder skips these to reach where the
 * reported content begins.
 */
import { PRONOUNS, TIME_WORDS } from './lexicon.js';
import { isCapitalized, isQuoteMark, type Word } from './units.js';

/**
 * Words that open a prepositional or time phrase. Also used to tell a
 * modifier after an inverted speaker ('…," said X in a statement') and a
 * fronted adverbial ('During his years in office, Mr. Obama said, …') from content.
 */
export const PREP_START = /^(?:in|at|on|during|to|from|via|after|before|while|through|last|this|earlier|late|when|as|of|with|about|over|under|for|into|outside|inside|following|ahead|without|under)$/;

/** Skip the object of "told reporters", "urged Congress": returns the next index. */
export function skipObject(words: Word[], k: number, hi: number): number {
  if (k >= hi || words[k].lower === 'that') return k;
  if (PRONOUNS.has(words[k].lower) || /^(?:him|her|them|us|me)$/.test(words[k].lower)) return k + 1;
  let j = k;
  if (/^(?:the|a|an|his|her|their|its)$/.test(words[j].lower)) j++;
  if (j < hi && isCapitalized(words[j])) {
    while (j < hi && (isCapitalized(words[j]) || words[j].text === '.' || words[j].lower === 'of')) j++;
    return j;
  }
  if (j < hi && (/^[a-z]+s$/.test(words[j].lower) || /^(?:everyone|everybody|anyone|nobody|congress)$/.test(words[j].lower))) return j + 1;
  // "told the crowd that…": a short object closed by "that" or a comma.
  for (let e = j; e < hi && e - j < 4; e++) {
    if (words[e].lower === 'that' || words[e].text === ',') return e;
  }
  return k;
}

/** Skip time and place modifiers after a verb ("said on Monday in a statement"): returns the next index. */
export function skipVerbModifiers(words: Word[], k: number, hi: number): number {
  let j = k;
  while (j < hi) {
    const w = words[j];
    if (TIME_WORDS.has(w.lower) || /^(?:also|again|repeatedly|later|publicly|privately)$/.test(w.lower)) {
      j++;
      continue;
    }
    if (PREP_START.test(w.lower)) {
      // A prepositional phrase runs to the next comma or "that".
      let e = j + 1;
      while (e < hi && words[e].text !== ',' && words[e].lower !== 'that' && words[e].quote < 0 && !isQuoteMark(words[e])) e++;
      j = e;
      continue;
    }
    break;
  }
  return j;
}
