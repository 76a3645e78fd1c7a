/**
 * Near-duplicate detection by shingling and MinHash. A document becomes the
 * set of its 5-word shingles (hashed to 32 bits); its signature keeps, for
 * each of NUM_HASHES hash functions, the minimum hash over the set, so the
 * share of equal signature slots estimates the Jaccard similarity of two
 * documents without comparing their whole texts.
 */
export const SHINGLE_WORDS = 5;
export const NUM_HASHES = 64;

/** FNV-1a, 32 bit. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Word tokens used for shingling: lower-case letters and digits only, so punctuation and quote styles don't matter. */
export function shingleWords(text: string): string[] {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Hashed 5-word shingles (a short text yields one shingle of all its words). */
export function shingles(text: string, k = SHINGLE_WORDS): Set<number> {
  const w = shingleWords(text);
  const out = new Set<number>();
  if (w.length === 0) return out;
  if (w.length < k) {
    out.add(hash32(w.join(' ')));
    return out;
  }
  for (let i = 0; i + k <= w.length; i++) out.add(hash32(w.slice(i, i + k).join(' ')));
  return out;
}

// Fixed seeds so signatures stored today compare with signatures computed tomorrow.
const SEEDS = new Uint32Array(NUM_HASHES);
{
  let x = 0x9e3779b9;
  for (let i = 0; i < NUM_HASHES; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    SEEDS[i] = x;
  }
}

/**
 * MinHash signature of a shingle set. Each hash function is the shingle
 * hash xored with a seed and run through a 32-bit integer mixer (murmur3
 * finaliser): cheap, well spread, and all in 32-bit integer arithmetic.
 */
export function minhash(set: ReadonlySet<number>): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (const v of set) {
    for (let i = 0; i < NUM_HASHES; i++) {
      let h = (v ^ SEEDS[i]) >>> 0;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h >>>= 0;
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

/** Signature of a text (shingles → MinHash). */
export function signature(text: string): Uint32Array {
  return minhash(shingles(text));
}

/** Estimated Jaccard similarity of two signatures (0..1). */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++;
  return eq / a.length;
}

/** Exact share of the smaller set found in the larger (catches "same story plus added paragraphs"). */
export function containment(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let n = 0;
  for (const v of small) if (big.has(v)) n++;
  return n / small.size;
}
