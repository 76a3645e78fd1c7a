import { foldKey } from '../entities/fold.js';
import type { Gazetteer } from '../entities/gazetteers.js';
import { startsLower, startsTwoLetters, startsUpper, startsUpperLower } from '../text/char-class.js';
import { HONORIFICS, ORG_SUFFIXES, PLACE_KEYWORDS, TITLE_WORDS } from '../entities/lexicon.js';

/**
 * Token features for the NER sequence model, as 32-bit hashes.
 *
 * Features are never materialised as strings: each one is an FNV-1a hash of a
 * template number and one or two strings, so extraction allocates almost
 * nothing and the weights file stores hashes instead of feature names.
 */

/** One sentence to tag: token texts plus the document facts the features read. */
export interface NerSentence {
  words: string[];
}

/** Document-wide facts shared by every sentence of one article. */
export interface NerDocContext {
  /** Folded words seen in lower case somewhere in the document ("human" in "human rights"). */
  lowerSeen: ReadonlySet<string>;
  /** Folded words seen capitalized away from the start of a sentence somewhere in the document. */
  midCapSeen: ReadonlySet<string>;
}

// Module-local copies of hot imports (under tsx each imported binding is a getter call).
const ORG = ORG_SUFFIXES;
const PLACE = PLACE_KEYWORDS;
const HON = HONORIFICS;
const TITLE = TITLE_WORDS;
const upperStart = startsUpper;
const lowerStart = startsLower;
const twoLetters = startsTwoLetters;
const upperLower = startsUpperLower;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over a string, continuing from `h`. */
function mix(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Hash of template `t` with one value. */
export function feat(t: number, a: string): number {
  return mix(Math.imul(FNV_OFFSET ^ t, FNV_PRIME) >>> 0, a);
}

/** feat(t, a.slice(from, to)) without the slice. */
function featRange(t: number, a: string, from: number, to: number): number {
  let h = Math.imul(FNV_OFFSET ^ t, FNV_PRIME) >>> 0;
  for (let i = from; i < to; i++) {
    h ^= a.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}


/** Hash of template `t` with two values (a conjunction). */
function feat2(t: number, a: string, b: string): number {
  return mix(mix(Math.imul(FNV_OFFSET ^ t, FNV_PRIME) >>> 0, a) ^ 0x1f, b);
}

/** "Xxxx" → "Xx", "U.S." → "X.X.", "1996-08-22" → "d-d-d": character classes with runs collapsed. */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  for (const ch of w) {
    let c: string;
    if (ch >= 'a' && ch <= 'z') c = 'x';
    else if (ch >= 'A' && ch <= 'Z') c = 'X';
    else if (ch >= '0' && ch <= '9') c = 'd';
    else if (/\p{Lu}/u.test(ch)) c = 'X';
    else if (/\p{Ll}/u.test(ch)) c = 'x';
    else c = ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** Per-token gazetteer tags: "B-country", "I-city", "demonym", "first"… ("" when none). */
/** Every word-prefix of a place name ("new", "new york"), so n-gram lookups stop as soon as nothing can match. */
const prefixCache = new WeakMap<Gazetteer, Set<string>>();
function placePrefixes(gaz: Gazetteer): Set<string> {
  let p = prefixCache.get(gaz);
  if (!p) {
    p = new Set();
    for (const k of gaz.places.keys()) {
      const w = k.split(' ');
      for (let i = 1; i < w.length; i++) p.add(w.slice(0, i).join(' '));
    }
    prefixCache.set(gaz, p);
  }
  return p;
}

function gazetteerTags(keys: string[], caps: boolean[], gaz: Gazetteer): string[] {
  const tags = new Array<string>(keys.length).fill('');
  const prefixes = placePrefixes(gaz);
  for (let i = 0; i < keys.length; i++) {
    if (!caps[i]) continue;
    // Longest place starting here; the key grows word by word instead of re-joining every n-gram.
    let key = '';
    let kind = '';
    let len = 0;
    for (let n = 1; n <= gaz.maxPlaceTokens && i + n <= keys.length; n++) {
      key = n === 1 ? keys[i] : key + ' ' + keys[i + n - 1];
      const e = gaz.places.get(key);
      if (e) [kind, len] = [e.kind, n];
      if (!prefixes.has(key)) break;
    }
    for (let j = i; j < i + len; j++) if (!tags[j]) tags[j] = (j === i ? 'B-' : 'I-') + kind;
  }
  for (let i = 0; i < keys.length; i++) {
    if (tags[i] || !caps[i]) continue;
    if (gaz.demonyms.has(keys[i])) tags[i] = 'demonym';
    else if (gaz.orgs.has(keys[i])) tags[i] = 'org';
    else if (gaz.personNames.has(keys[i])) tags[i] = 'name';
  }
  return tags;
}

/** Word-list class of a folded word: organization suffix ("network"), place keyword ("towers"), title, honorific. */
function lexClass(k: string): string {
  const b = k.endsWith('.') ? k.slice(0, -1) : k;
  if (ORG.has(b)) return 'org';
  if (PLACE.has(b)) return 'place';
  if (HON.has(k)) return 'hon';
  if (TITLE.has(b)) return 'title';
  return '';
}

const RUN_LINKS = new Set(['of', 'the', '&', 'and', 'de', 'for']);

/**
 * For each token in a run of capitalized words ("Open Harbor Network", "Bank of England"), the word-list
 * class of the run's last word: a name's head says what it names wherever the token sits in it.
 */
function runHeads(caps: boolean[], keys: string[]): string[] {
  const out = new Array<string>(keys.length).fill('');
  let i = 0;
  while (i < keys.length) {
    if (!caps[i]) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j < keys.length && caps[j]) j++;
      else if (j + 1 < keys.length && RUN_LINKS.has(keys[j]) && caps[j + 1]) j += 2;
      else break;
    }
    if (j - i > 1) {
      const head = lexClass(keys[j - 1]) || 'none';
      for (let k = i; k < j; k++) out[k] = head + (k === j - 1 ? '$' : '');
    }
    i = j;
  }
  return out;
}

/** 'C' for an all-caps line (headlines, sports tables: capitals say nothing there), else 'n'. */
export function capsFlag(words: string[]): string {
  let letters = 0;
  let upper = 0;
  for (const w of words) {
    if (w.length < 2 || !twoLetters(w)) continue;
    letters++;
    if (w === w.toUpperCase()) upper++;
  }
  return letters >= 2 && upper / letters >= 0.8 ? 'C' : 'n';
}

/**
 * The features that depend only on the word and the line's caps flag (identity, shape, affixes, word-list
 * class). They are pushed with the others in training; the tagger caches their summed weights per word.
 */
export function pushWordFeatures(f: number[], w: string, k: string, s: string, caps: string, cap: boolean): void {
  f.push(feat(0, ''), feat(1, k), feat(2, w), feat(3, s), feat2(4, s, caps));
  const len = k.length;
  for (let a = 1; a <= 4 && a <= len; a++) f.push(featRange(5 + a, k, 0, a), featRange(10 + a, k, len - a, len));
  if (len > 4) f.push(feat2(34, k.slice(len - 3), cap ? 'C' : 'c'));
  const lc = lexClass(k);
  if (lc) f.push(feat2(35, lc, cap ? 'C' : 'c'));
}

/** The feature hashes of a sentence's tokens: token i's are `hashes[offsets[i]]` up to `hashes[offsets[i + 1]]`. */
export interface SentenceFeatures {
  n: number;
  hashes: Uint32Array;
  offsets: Uint32Array;
}

/**
 * The feature hashes of every token of a sentence; the model scores each
 * against every tag. `keys` (foldKey of each word) may be passed when the
 * caller already has them; `withWord` false leaves out pushWordFeatures'
 * share (the tagger adds it from its per-word cache); tokens whose `active`
 * entry is 0 get no features (the tagger forces them to O).
 */
export function sentenceFeatures(
  words: string[],
  doc: NerDocContext,
  gaz: Gazetteer,
  keys: string[] = words.map((w) => foldKey(w)),
  withWord = true,
  active?: Uint8Array,
  caps: string = capsFlag(words),
): SentenceFeatures {
  const n = words.length;
  const capsAt = new Array<boolean>(n);
  for (let i = 0; i < n; i++) capsAt[i] = upperStart(words[i]);
  // Shapes are read for scored tokens and their neighbours only.
  const shapes = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    if (!active || active[i] || (i > 0 && active[i - 1]) || (i + 1 < n && active[i + 1])) shapes[i] = wordShape(words[i]);
    else shapes[i] = '';
  }
  const gz = gazetteerTags(keys, capsAt, gaz);
  const heads = runHeads(capsAt, keys);
  const offsets = new Uint32Array(n + 1);
  const f = FEATS;
  f.length = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = f.length;
    if (active && !active[i]) continue;
    const w = words[i];
    const k = keys[i];
    const s = shapes[i];
    const kp1 = i - 1 >= 0 ? keys[i - 1] : '<s>';
    const kn1 = i + 1 < n ? keys[i + 1] : '</s>';
    const kp2 = i - 2 >= 0 ? keys[i - 2] : i - 2 === -1 ? '<s>' : '<s2>';
    const kn2 = i + 2 < n ? keys[i + 2] : i + 2 === n ? '</s>' : '</s2>';
    const sp = i > 0 ? shapes[i - 1] : '<s>';
    const sn = i + 1 < n ? shapes[i + 1] : '</s>';
    const g = gz[i] || '0';
    const gp = i > 0 ? gz[i - 1] || '0' : '-';
    const gn = i + 1 < n ? gz[i + 1] || '0' : '-';
    if (withWord) pushWordFeatures(f, w, k, s, caps, capsAt[i]);
    f.push(feat(15, kp1), feat(16, kn1), feat(17, kp2), feat(18, kn2));
    f.push(feat2(19, kp1, k), feat2(20, k, kn1));
    f.push(feat(21, sp), feat(22, sn), feat2(23, sp, s), feat2(24, s, sn));
    f.push(feat2(25, g, caps), feat(26, gp), feat(27, gn), feat2(28, g, s));
    const cap = capsAt[i];
    f.push(feat2(29, i === 0 ? 'first' : i === 1 ? 'second' : 'later', cap ? s : 'lc'));
    if (cap) {
      // Document evidence: an ordinary word capitalized only for grammar, or a name capitalized everywhere.
      const lm = doc.lowerSeen.has(k) ? (doc.midCapSeen.has(k) ? 'LM' : 'Lm') : doc.midCapSeen.has(k) ? 'lM' : 'lm';
      f.push(feat2(30, lm, i === 0 ? 'first' : caps));
    }
    if (i > 0 && kp1.length > 0) f.push(feat2(31, kp1, s));
    f.push(feat2(32, s, kn1));
    if (heads[i]) f.push(feat(36, heads[i]));
    if (i + 1 < n && heads[i + 1] === '' && i > 0 && heads[i - 1]) f.push(feat(37, 'prevrun'));
  }
  offsets[n] = f.length;
  return { n, hashes: Uint32Array.from(f), offsets };
}

/** Scratch list of feature hashes, reused by every sentenceFeatures call (the hashes are copied out). */
const FEATS: number[] = [];


/** Document facts from the sentences of one document (token texts only). */
export function docContext(sentences: string[][], keys?: string[][]): NerDocContext {
  const lowerSeen = new Set<string>();
  const midCapSeen = new Set<string>();
  sentences.forEach((s, si) => {
    let letters = 0;
    let upper = 0;
    for (const w of s) {
      if (!twoLetters(w)) continue;
      letters++;
      if (w === w.toUpperCase()) upper++;
    }
    const shouty = letters >= 2 && upper / letters >= 0.8;
    const k = keys?.[si];
    s.forEach((w, i) => {
      if (lowerStart(w)) lowerSeen.add(k ? k[i] : foldKey(w));
      else if (i > 0 && !shouty && upperLower(w) && !/^["'“‘(:]/.test(s[i - 1])) midCapSeen.add(k ? k[i] : foldKey(w));
    });
  });
  return { lowerSeen, midCapSeen };
}
