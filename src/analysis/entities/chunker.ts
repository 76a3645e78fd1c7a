import type { DocToken, DocTokens } from './doc-tokens.js';
import { CALENDAR_WORDS, COMMON_WORDS, HONORIFICS, NAME_PARTICLES, ORG_HEADS, PLACE_KEYWORDS, TITLE_WORDS } from './lexicon.js';

/** A run of capitalized tokens that may name something: token indices `[from, to)`. */
export interface RawChunk {
  from: number;
  to: number;
  /** An honorific ("Mr.", "Dr.") stood right before it and was removed. */
  honorific: boolean;
}

/**
 * Group capitalized tokens into candidate names, sentence by sentence.
 *
 * Inside a name we allow particles ("Pilar de la Cruz", "Mohammed bin
 * Salman"), "&" and "of (the)" after heads such as "Bank", "Secretary" or
 * "Gulf". Month/weekday words, function words and honorifics are cut off;
 * "'s" and punctuation end a chunk. Headline-case sentences are skipped here
 * (see matchKnownNames).
 */
export function findChunks(doc: DocTokens): RawChunk[] {
  const out: RawChunk[] = [];
  for (const [from, to] of doc.sentenceRanges) {
    let i = from;
    while (i < to) {
      const t = doc.tokens[i];
      if (!t.cap || t.shouty) {
        i++;
        continue;
      }
      const end = extend(doc.tokens, i, to);
      for (const c of splitChunk(doc.tokens, i, end)) out.push(c);
      i = end;
    }
  }
  return out;
}

/** Extend a chunk starting at capitalized token `i` as far as a name can go. */
function extend(tokens: DocToken[], i: number, to: number): number {
  let j = i + 1;
  while (j < to) {
    const t = tokens[j];
    if (t.cap && !isBreaker(t)) {
      j++;
      continue;
    }
    // Particles: "de la Cruz", "van der Leyen", "bin Salman" (only between capitals).
    let k = j;
    while (k < to && NAME_PARTICLES.has(tokens[k].text) && k - j < 3) k++;
    if (k > j && k < to && tokens[k].cap && !isBreaker(tokens[k])) {
      j = k + 1;
      continue;
    }
    if ((t.text === 'of' || t.text === 'for') && allowsOf(tokens, i, j)) {
      let n = j + 1;
      if (n < to && tokens[n].text === 'the') n++;
      if (n < to && tokens[n].cap && !isBreaker(tokens[n])) {
        j = n + 1;
        continue;
      }
    }
    if (t.text === '&' && j + 1 < to && tokens[j + 1].cap) {
      j += 2;
      continue;
    }
    // "Korean People's Army", "New People's Party": a possessive inside an organization's name.
    if (t.key === "'s" && POSSESSIVE_NAME_NOUNS.has(tokens[j - 1].key) && j + 1 < to && tokens[j + 1].cap) {
      j += 2;
      continue;
    }
    break;
  }
  return j;
}

const POSSESSIVE_NAME_NOUNS = new Set(['people', 'women', 'workers', 'children', 'men', 'veterans', 'farmers', 'citizens', 'students', 'nations', 'peoples']);

/** "of" joins when the name so far has an organization/place/title head ("Bank of", "Gulf of", "Secretary of"). */
function allowsOf(tokens: DocToken[], from: number, ofIdx: number): boolean {
  for (let k = from; k < ofIdx; k++) {
    const key = tokens[k].key.replace(/\.$/, '');
    if (ORG_HEADS.has(key) || PLACE_KEYWORDS.has(key) || key === 'secretary' || key === 'minister' || key === 'mission') return true;
    if (key === 'united' || key === 'republic' || key === 'kingdom' || key === 'state' || key === 'states') return true;
  }
  return tokens[ofIdx].text === 'of' && ofIdx - from === 1 && TITLE_WORDS.has(tokens[from].key);
}

/** Capitalized tokens that can never be inside a name (months, weekdays, "I"). */
function isBreaker(t: DocToken): boolean {
  return CALENDAR_WORDS.has(t.key.replace(/\.$/, '')) || t.key === 'i';
}

/**
 * Cut a capitalized run at calendar words, then drop leading function words
 * ("The", "In") and honorifics. A capitalized common word anywhere inside
 * ("Monday The") also splits the run.
 */
function splitChunk(tokens: DocToken[], from: number, to: number): RawChunk[] {
  const out: RawChunk[] = [];
  let s = from;
  for (let k = from; k <= to; k++) {
    const cut = k === to || isBreaker(tokens[k]) || (k > s && tokens[k].cap && isCommon(tokens[k]) && !HONORIFICS.has(tokens[k].key));
    if (!cut) continue;
    let a = s;
    let honorific = false;
    while (a < k && (isCommon(tokens[a]) || HONORIFICS.has(tokens[a].key) || isBreaker(tokens[a]) || !/[\p{L}\p{N}]/u.test(tokens[a].text))) {
      if (HONORIFICS.has(tokens[a].key)) honorific = true;
      a++;
    }
    let b = k;
    while (b > a && (NAME_PARTICLES.has(tokens[b - 1].text) || tokens[b - 1].text === 'of' || tokens[b - 1].text === 'the')) b--;
    if (b > a) out.push({ from: a, to: b, honorific });
    s = isBreaker(tokens[k] ?? tokens[to - 1]) ? k + 1 : k;
  }
  return out;
}

/** A function word, unless written as an acronym ("US" is not "us"). */
export function isCommon(t: DocToken): boolean {
  if (/['’](m|re|ve|ll|d|t)$/i.test(t.text)) return true; // "I'm", "We'll", "Don't"
  return COMMON_WORDS.has(t.key) && !(t.text.length > 1 && t.text === t.text.toUpperCase());
}
