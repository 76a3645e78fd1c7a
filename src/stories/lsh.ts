import { NUM_HASHES } from './minhash.js';

/**
 * LSH banding over MinHash signatures: the signature is cut into BANDS
 * bands of ROWS values, and two documents become a candidate pair when any
 * band is identical. With 32 bands of 2 rows, a pair with Jaccard 0.5 is a
 * candidate with probability ≈ 1, 0.3 ≈ 0.95, 0.2 ≈ 0.73, while unrelated
 * articles (Jaccard near 0) almost never meet. Only candidates are checked
 * exactly, so grouping stays near-linear in the number of documents.
 */
export const BANDS = 32;
export const ROWS = NUM_HASHES / BANDS;

/**
 * A bucket this large is shared boilerplate ("for more information visit…"),
 * not a story: its members are compared with its first member only, which
 * keeps the work linear while real near-duplicates still meet in other bands.
 */
const MAX_BUCKET_PAIRS = 200;

/**
 * Calls `visit(a, b)` (a < b) once for every candidate pair of documents.
 * `null` signatures (empty texts) never pair.
 */
export function candidatePairs(signatures: readonly (Uint32Array | null)[], visit: (a: number, b: number) => void): void {
  const n = signatures.length;
  const seen = new Set<number>();
  const buckets = new Map<number, number[]>();
  for (let band = 0; band < BANDS; band++) {
    buckets.clear();
    for (let i = 0; i < n; i++) {
      const sig = signatures[i];
      if (!sig) continue;
      const key = bandKey(sig, band);
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
    for (const members of buckets.values()) {
      if (members.length < 2) continue;
      const wide = members.length > MAX_BUCKET_PAIRS;
      for (let x = 0; x < (wide ? 1 : members.length); x++) {
        for (let y = x + 1; y < members.length; y++) {
          const a = members[x];
          const b = members[y];
          const pair = a * n + b;
          if (seen.has(pair)) continue;
          seen.add(pair);
          visit(a, b);
        }
      }
    }
  }
}

/**
 * The LSH keys of a signature, one per band. Store them in an indexed column
 * to find an incoming article's candidates at ingest: two articles are
 * candidates when they share any key (the band number is part of the key).
 */
export function bandKeys(signature: Uint32Array): number[] {
  return Array.from({ length: BANDS }, (_, band) => bandKey(signature, band));
}

/**
 * A 32-bit key for band `band` of the signature stored at `sigs[at … at + NUM_HASHES)` (the live story
 * index keeps every signature in one pool and recomputes keys instead of storing them).
 */
export function bandKey32(sigs: Uint32Array, at: number, band: number): number {
  const from = at + band * ROWS;
  let h = Math.imul(band + 1, 0x27d4eb2d);
  for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ sigs[from + r], 0x9e3779b1) + r;
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}

/** One number for the ROWS values of a band (a collision only costs an extra exact check). */
function bandKey(sig: Uint32Array, band: number): number {
  const from = band * ROWS;
  let h = Math.imul(band + 1, 0x27d4eb2d);
  for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ sig[from + r], 0x9e3779b1) + r;
  // 52 bits, all exact in a double: the mixed word plus 20 bits of the first value.
  return (h >>> 0) + (sig[from] & 0xfffff) * 0x100000000;
}
