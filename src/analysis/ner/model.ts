import { gunzipSync, gzipSync } from 'node:zlib';
import type { SentenceFeatures } from './features.js';

/** BIO tags over CoNLL's four types; index order is part of the weights file format. */
export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
/** One of TAGS. */
export type Tag = (typeof TAGS)[number];
/** Number of tags. */
export const T = TAGS.length;

/** An I- tag may only follow its own B- or I- tag: the decoder never proposes "O I-PER". */
export function allowed(prev: number, cur: number): boolean {
  const c = TAGS[cur];
  if (!c.startsWith('I-')) return true;
  if (prev < 0) return false;
  return TAGS[prev].slice(2) === c.slice(2);
}

/** `ALLOWED[(prev + 1) * T + cur]`: allowed() precomputed, row 0 for the sentence start (the decoder's inner loop). */
const ALLOWED = Uint8Array.from({ length: (T + 1) * T }, (_, i) => (allowed(Math.floor(i / T) - 1, i % T) ? 1 : 0));

/** For each tag t, the allowed previous tags in ascending order: `PREV_TAGS[PREV_FROM[t]]` up to `PREV_TAGS[PREV_FROM[t + 1]]`. */
const PREV_FROM = new Uint8Array(T + 1);
const PREV_TAGS = new Uint8Array(T * T);
for (let t = 0, j = 0; t < T; t++) {
  PREV_FROM[t] = j;
  for (let p = 0; p < T; p++) if (ALLOWED[(p + 1) * T + t]) PREV_TAGS[j++] = p;
  PREV_FROM[t + 1] = j;
}

/**
 * Feature weights behind an open-addressing hash table: `keys[slot]` is a
 * feature hash (0 = empty) and `rows[slot]` its row in the dense `w`, which
 * holds T weights per feature (dense rows keep the hot data small: most
 * lookups miss and touch only `keys`). `trans[(prev + 1) * T + cur]` scores
 * tag bigrams, row 0 being the sentence start.
 */
export interface LinearModel {
  keys: Uint32Array;
  rows: Int32Array;
  w: Float32Array;
  trans: Float32Array;
  mask: number;
}

/** Weight row of feature hash `h`, or -1. Hash 0 is stored as 1 (0 marks an empty slot). */
export function lookup(m: LinearModel, h: number): number {
  const key = h || 1;
  let s = (Math.imul(key, 0x9e3779b1) >>> 0) & m.mask;
  for (;;) {
    const k = m.keys[s];
    if (k === key) return m.rows[s];
    if (k === 0) return -1;
    s = (s + 1) & m.mask;
  }
}

/** Build a lookup table from parallel arrays of feature hashes and their T weights. */
export function buildModel(hashes: ArrayLike<number>, weights: ArrayLike<number>, trans: ArrayLike<number>): LinearModel {
  let cap = 1;
  while (cap < hashes.length * 2) cap <<= 1;
  const m: LinearModel = { keys: new Uint32Array(cap), rows: new Int32Array(cap), w: new Float32Array(hashes.length * T), trans: Float32Array.from(trans), mask: cap - 1 };
  let next = 0;
  for (let i = 0; i < hashes.length; i++) {
    const key = hashes[i] || 1;
    let s = (Math.imul(key, 0x9e3779b1) >>> 0) & m.mask;
    while (m.keys[s] !== 0 && m.keys[s] !== key) s = (s + 1) & m.mask;
    if (m.keys[s] === 0) {
      m.keys[s] = key;
      m.rows[s] = next++;
    }
    const r = m.rows[s];
    for (let t = 0; t < T; t++) m.w[r * T + t] += weights[i * T + t];
  }
  return m;
}

/** Emission scores: `out[i * T + t]` for each token i and tag t. */
export function emissions(m: LinearModel, feats: SentenceFeatures): Float32Array {
  const out = new Float32Array(feats.n * T);
  const { hashes, offsets } = feats;
  for (let i = 0; i < feats.n; i++) {
    const base = i * T;
    for (let j = offsets[i]; j < offsets[i + 1]; j++) {
      const r = lookup(m, hashes[j]);
      if (r < 0) continue;
      const o = r * T;
      for (let t = 0; t < T; t++) out[base + t] += m.w[o + t];
    }
  }
  return out;
}

let scoreBuf = new Float64Array(64 * T);
let backBuf = new Uint8Array(64 * T);

/** Best tag sequence under emission scores `em` and transitions `trans` (first-order Viterbi). */
export function viterbi(em: ArrayLike<number>, n: number, trans: ArrayLike<number>): Uint8Array {
  const path = new Uint8Array(n);
  if (n === 0) return path;
  if (scoreBuf.length < n * T) {
    scoreBuf = new Float64Array(n * T * 2);
    backBuf = new Uint8Array(n * T * 2);
  }
  // Scratch reused across calls: every cell read below is written first.
  const score = scoreBuf;
  const back = backBuf;
  for (let t = 0; t < T; t++) score[t] = ALLOWED[t] ? em[t] + trans[t] : -Infinity;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * T;
    const cur = i * T;
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let j = PREV_FROM[t], end = PREV_FROM[t + 1]; j < end; j++) {
        const p = PREV_TAGS[j];
        const v = score[prev + p] + trans[(p + 1) * T + t];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[cur + t] = best + em[cur + t];
      back[cur + t] = arg;
    }
  }
  let best = -Infinity;
  const last = (n - 1) * T;
  for (let t = 0; t < T; t++) {
    if (score[last + t] > best) {
      best = score[last + t];
      path[n - 1] = t;
    }
  }
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * T + path[i]];
  return path;
}

const MAGIC = 0x3152454e; // "NER1"

/**
 * Weights file: gzip of a little-endian header (magic, T, feature count,
 * weight scale) then the feature hashes (uint32), the weights (int16, scaled)
 * and the transitions (float32). Int16 keeps the file small at no measurable cost.
 */
export function serializeModel(hashes: Uint32Array, weights: Float32Array, trans: Float32Array): Buffer {
  let max = 0;
  for (const v of weights) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 32767 : 1;
  const n = hashes.length;
  const buf = Buffer.alloc(16 + n * 4 + n * T * 2 + trans.length * 4);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(T, 4);
  buf.writeUInt32LE(n, 8);
  buf.writeFloatLE(scale, 12);
  let o = 16;
  for (let i = 0; i < n; i++, o += 4) buf.writeUInt32LE(hashes[i], o);
  for (let i = 0; i < n * T; i++, o += 2) buf.writeInt16LE(Math.round(weights[i] / scale), o);
  for (let i = 0; i < trans.length; i++, o += 4) buf.writeFloatLE(trans[i], o);
  return gzipSync(buf, { level: 9 });
}

/** Inverse of serializeModel. */
export function deserializeModel(gz: Buffer): LinearModel {
  const buf = gunzipSync(gz);
  if (buf.readUInt32LE(0) !== MAGIC || buf.readUInt32LE(4) !== T) throw new Error('not a NER weights file for this tag set');
  const n = buf.readUInt32LE(8);
  const scale = buf.readFloatLE(12);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const hashes = new Uint32Array(ab, 16, n);
  const q = new Int16Array(ab, 16 + n * 4, n * T);
  const weights = new Float32Array(n * T);
  for (let i = 0; i < q.length; i++) weights[i] = q[i] * scale;
  // Read transitions one by one: their offset need not be 4-byte aligned.
  const trans = new Float32Array((T + 1) * T);
  for (let i = 0, o = 16 + n * 4 + n * T * 2; i < trans.length; i++, o += 4) trans[i] = buf.readFloatLE(o);
  return buildModel(hashes, weights, trans);
}
