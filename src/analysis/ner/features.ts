import { foldKey } from '../entities/fold.js';
import type { Gazetteer } from '../entities/gazetteers.js';
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
function gazetteerTags(keys: string[], words: string[], gaz: Gazetteer): string[] {
  const tags = new Array<string>(keys.length).fill('');
  for (let i = 0; i < keys.length; i++) {
    if (!/^\p{Lu}/u.test(words[i])) continue;
    for (let n = Math.min(gaz.maxPlaceTokens, keys.length - i); n >= 1; n--) {
      const k = n === 1 ? keys[i] : foldKey(words.slice(i, i + n).join(' '));
      const e = gaz.places.get(k);
      if (!e) continue;
      for (let j = i; j < i + n; j++) if (!tags[j]) tags[j] = (j === i ? 'B-' : 'I-') + e.kind;
      break;
    }
  }
  for (let i = 0; i < keys.length; i++) {
    if (tags[i] || !/^\p{Lu}/u.test(words[i])) continue;
    if (gaz.demonyms.has(keys[i])) tags[i] = 'demonym';
    else if (gaz.orgs.has(keys[i])) tags[i] = 'org';
    else if (gaz.personNames.has(keys[i])) tags[i] = 'name';
  }
  return tags;
}

/** Word-list class of a folded word: organization suffix ("network"), place keyword ("towers"), title, honorific. */
function lexClass(k: string): string {
  const b = k.endsWith('.') ? k.slice(0, -1) : k;
  if (ORG_SUFFIXES.has(b)) return 'org';
  if (PLACE_KEYWORDS.has(b)) return 'place';
  if (HONORIFICS.has(k)) return 'hon';
  if (TITLE_WORDS.has(b)) return 'title';
  return '';
}

const RUN_LINKS = new Set(['of', 'the', '&', 'and', 'de', 'for']);

/**
 * For each token in a run of capitalized words ("Open Harbor Network", "Bank of England"), the word-list
 * class of the run's last word: a name's head says what it names wherever the token sits in it.
 */
function runHeads(words: string[], keys: string[]): string[] {
  const out = new Array<string>(words.length).fill('');
  let i = 0;
  while (i < words.length) {
    if (!/^\p{Lu}/u.test(words[i])) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j < words.length && /^\p{Lu}/u.test(words[j])) j++;
      else if (j + 1 < words.length && RUN_LINKS.has(keys[j]) && /^\p{Lu}/u.test(words[j + 1])) j += 2;
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

const BOS = ['<s>', '<s2>'];
const EOS = ['</s>', '</s2>'];

/**
 * The feature hashes of every token of a sentence. `out[i]` lists token i's
 * features; the model scores each against every tag.
 */
export function sentenceFeatures(words: string[], doc: NerDocContext, gaz: Gazetteer): Uint32Array[] {
  const n = words.length;
  const keys = words.map((w) => foldKey(w));
  const shapes = words.map(wordShape);
  const gz = gazetteerTags(keys, words, gaz);
  const heads = runHeads(words, keys);
  let letters = 0;
  let upper = 0;
  for (const w of words) {
    if (!/^\p{L}{2,}/u.test(w)) continue;
    letters++;
    if (w === w.toUpperCase()) upper++;
  }
  // All-caps headlines and sports tables read differently: capitals say nothing there.
  const caps = letters >= 2 && upper / letters >= 0.8 ? 'C' : 'n';
  const kw = (i: number): string => (i < 0 ? BOS[-i - 1] ?? '<s>' : i >= n ? EOS[i - n] ?? '</s>' : keys[i]);
  const sh = (i: number): string => (i < 0 ? '<s>' : i >= n ? '</s>' : shapes[i]);
  const gzAt = (i: number): string => (i < 0 || i >= n ? '-' : gz[i] || '0');
  const out: Uint32Array[] = [];
  const f: number[] = [];
  for (let i = 0; i < n; i++) {
    f.length = 0;
    const w = words[i];
    const k = keys[i];
    const s = shapes[i];
    f.push(feat(0, ''), feat(1, k), feat(2, w), feat(3, s), feat2(4, s, caps));
    const len = k.length;
    for (let a = 1; a <= 4 && a <= len; a++) {
      f.push(feat(5 + a, k.slice(0, a)));
      f.push(feat(10 + a, k.slice(len - a)));
    }
    f.push(feat(15, kw(i - 1)), feat(16, kw(i + 1)), feat(17, kw(i - 2)), feat(18, kw(i + 2)));
    f.push(feat2(19, kw(i - 1), k), feat2(20, k, kw(i + 1)));
    f.push(feat(21, sh(i - 1)), feat(22, sh(i + 1)), feat2(23, sh(i - 1), s), feat2(24, s, sh(i + 1)));
    f.push(feat2(25, gzAt(i), caps), feat(26, gzAt(i - 1)), feat(27, gzAt(i + 1)), feat2(28, gzAt(i), s));
    const cap = /^\p{Lu}/u.test(w);
    f.push(feat2(29, i === 0 ? 'first' : i === 1 ? 'second' : 'later', cap ? s : 'lc'));
    if (cap) {
      // Document evidence: an ordinary word capitalized only for grammar, or a name capitalized everywhere.
      const lower = doc.lowerSeen.has(k) ? 'L' : 'l';
      const mid = doc.midCapSeen.has(k) ? 'M' : 'm';
      f.push(feat2(30, lower + mid, i === 0 ? 'first' : caps));
    }
    if (i > 0 && kw(i - 1).length > 0) f.push(feat2(31, kw(i - 1), s));
    f.push(feat2(32, s, kw(i + 1)));
    if (len > 4) f.push(feat2(34, k.slice(len - 3), cap ? 'C' : 'c'));
    const lc = lexClass(k);
    if (lc) f.push(feat2(35, lc, cap ? 'C' : 'c'));
    if (heads[i]) f.push(feat(36, heads[i]));
    if (i + 1 < n && heads[i + 1] === '' && i > 0 && heads[i - 1]) f.push(feat(37, 'prevrun'));
    out.push(Uint32Array.from(f));
  }
  return out;
}

/** Document facts from the sentences of one document (token texts only). */
export function docContext(sentences: string[][]): NerDocContext {
  const lowerSeen = new Set<string>();
  const midCapSeen = new Set<string>();
  for (const s of sentences) {
    let letters = 0;
    let upper = 0;
    for (const w of s) {
      if (!/^\p{L}{2,}/u.test(w)) continue;
      letters++;
      if (w === w.toUpperCase()) upper++;
    }
    const shouty = letters >= 2 && upper / letters >= 0.8;
    s.forEach((w, i) => {
      if (/^\p{Ll}/u.test(w)) lowerSeen.add(foldKey(w));
      else if (i > 0 && !shouty && /^\p{Lu}\p{Ll}/u.test(w) && !/^["'“‘(:]/.test(s[i - 1])) midCapSeen.add(foldKey(w));
    });
  }
  return { lowerSeen, midCapSeen };
}
