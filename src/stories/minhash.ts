/**
 * Near-duplicate detection by shingling and MinHash. A document becomes the
 * set of its 5-word shingles (hashed to 32 bits, kept as a sorted array);
 * its signature is a one-permutation MinHash: each shingle hash falls into
 * one of NUM_HASHES bins by its top bits and each bin keeps its minimum, so
 * the share of equal bins between two signatures estimates the Jaccard
 * similarity of the documents. One hash per shingle (rather than one per
 * shingle per bin) keeps signing at a few microseconds per article.
 *
 * Signatures are plain numbers computed with fixed constants, so a signature
 * stored today compares with one computed tomorrow.
 */
export const SHINGLE_WORDS = 5;
export const NUM_HASHES = 64;
/** log2(NUM_HASHES): the top bits of a shingle hash pick its bin. */
const BIN_BITS = 6;
const VALUE_MASK = (1 << (32 - BIN_BITS)) - 1;
/** Marks a bin no shingle fell into (real values fit in VALUE_MASK). */
const EMPTY = 0xffffffff;

/** murmur3 32-bit finaliser: spreads every input bit over the whole word. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hashes of the word tokens used for shingling: runs of letters and digits,
 * lower-cased and without accents, so punctuation, quote styles and "café"
 * vs "cafe" do not matter. Scans the text once without building strings
 * (FNV-1a over the folded characters).
 */
export function wordHashes(text: string): number[] {
  const out: number[] = [];
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let folded: string | null = null;
    let code = -1;
    if (c < 128) {
      if (c >= 97 && c <= 122) code = c;
      else if (c >= 65 && c <= 90) code = c + 32;
      else if (c >= 48 && c <= 57) code = c;
    } else {
      folded = foldChar(text, i);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) i++; // the low half of a surrogate pair was read with it
      if (folded === MARK) continue; // a combining accent ("e" + U+0301) neither adds to nor ends the word
    }
    if (code < 0 && !folded) {
      if (inWord) out.push(h >>> 0);
      inWord = false;
      h = FNV_OFFSET;
      continue;
    }
    inWord = true;
    if (code >= 0) h = Math.imul(h ^ code, FNV_PRIME);
    else for (let k = 0; k < folded!.length; k++) h = Math.imul(h ^ folded!.charCodeAt(k), FNV_PRIME);
  }
  if (inWord) out.push(h >>> 0);
  return out;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Non-ASCII characters folded once per process run: "É" → "e", "ß" → "ß", "—" → "" (not a word character). */
const FOLD_CACHE = new Map<string, string>();

/** What {@link foldChar} returns for a combining mark. */
const MARK = '\u0000';

/** The folded form of the (possibly astral) character at `i`: "" when it is not a letter or digit, MARK for an accent. */
function foldChar(text: string, i: number): string {
  const cp = text.codePointAt(i)!;
  const ch = String.fromCodePoint(cp);
  let f = FOLD_CACHE.get(ch);
  if (f === undefined) {
    f = /\p{M}/u.test(ch) ? MARK : /[\p{L}\p{N}]/u.test(ch) ? ch.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase() : '';
    if (FOLD_CACHE.size < 10_000) FOLD_CACHE.set(ch, f);
  }
  return f;
}

/**
 * Hashed k-word shingles as a sorted array of distinct values (a text
 * shorter than k words yields one shingle of all its words). Each word is
 * hashed once and a shingle's hash combines its words' hashes in order.
 */
export function shingles(text: string, k = SHINGLE_WORDS): Uint32Array {
  const wh = wordHashes(text);
  if (wh.length === 0) return new Uint32Array(0);
  const width = Math.min(k, wh.length);
  const out = new Uint32Array(wh.length - width + 1);
  for (let i = 0; i + width <= wh.length; i++) {
    let h = 0x9747b28c;
    for (let j = 0; j < width; j++) h = mix32((h ^ wh[i + j]) + j);
    out[i] = h;
  }
  out.sort();
  return dedupeSorted(out);
}

/** Drop repeats from a sorted array (a shingle counts once however often it recurs). */
function dedupeSorted(a: Uint32Array): Uint32Array {
  if (a.length < 2) return a;
  let w = 1;
  for (let i = 1; i < a.length; i++) if (a[i] !== a[w - 1]) a[w++] = a[i];
  return a.subarray(0, w);
}

/**
 * One-permutation MinHash signature of a shingle set. Bins left empty (short
 * texts) borrow from the next filled bin to their right, shifted by the
 * distance, so two texts with the same shingles still get equal signatures
 * and empty bins do not match by accident ("rotation" densification).
 */
export function minhash(set: Uint32Array | ReadonlySet<number>): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(EMPTY);
  for (const v of set) {
    const h = mix32(v ^ 0x5bd1e995);
    const bin = h >>> (32 - BIN_BITS);
    const value = h & VALUE_MASK;
    if (value < sig[bin]) sig[bin] = value;
  }
  densify(sig);
  return sig;
}

function densify(sig: Uint32Array): void {
  if (!sig.some((v) => v <= VALUE_MASK)) return; // no shingles at all: every bin stays EMPTY
  const real = Uint32Array.from(sig);
  for (let i = 0; i < NUM_HASHES; i++) {
    if (real[i] <= VALUE_MASK) continue;
    let d = 1;
    while (real[(i + d) % NUM_HASHES] > VALUE_MASK) d++;
    // Borrowed values live above VALUE_MASK (and below EMPTY) so they never equal a real minimum.
    sig[i] = VALUE_MASK + 1 + (mix32(real[(i + d) % NUM_HASHES] ^ Math.imul(d, 0x9e3779b9)) % (EMPTY - VALUE_MASK - 1));
  }
}

/** Signature of a text (shingles → MinHash), for storing beside an article and comparing at ingest. */
export function signature(text: string): Uint32Array {
  return minhash(shingles(text));
}

/** Estimated Jaccard similarity of two signatures (0..1). */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let eq = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i] && a[i] !== EMPTY) eq++;
  return eq / n;
}

/** Size of the intersection of two sorted shingle arrays. */
export function sharedCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

/** Exact Jaccard similarity of two sorted shingle arrays. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const shared = sharedCount(a, b);
  const union = a.length + b.length - shared;
  return union ? shared / union : 0;
}

/** Exact share of the smaller set found in the larger (catches "same story plus added paragraphs"). */
export function containment(a: Uint32Array, b: Uint32Array): number {
  const small = Math.min(a.length, b.length);
  return small ? sharedCount(a, b) / small : 0;
}
