import type { SentenceFeatures } from './features.js';
import { T, viterbi } from './model.js';

/** One training sentence: features per token (see sentenceFeatures) and gold tag indices. */
export interface Example {
  feats: SentenceFeatures;
  gold: Uint8Array;
}

/** Averaged weights ready for buildModel/serializeModel. */
export interface Weights {
  hashes: Uint32Array;
  weights: Float32Array;
  trans: Float32Array;
}

/** Small deterministic PRNG (mulberry32): training order depends only on the seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Averaged structured perceptron (Collins 2002) over a first-order chain.
 * Averaging uses the usual trick: besides `w` keep `u`, the sum of
 * step × update; the average after c steps is w − u / c.
 */
export class Perceptron {
  private rows = new Map<number, number>();
  private w: Float64Array<ArrayBuffer> = new Float64Array(1 << 16);
  private u: Float64Array<ArrayBuffer> = new Float64Array(1 << 16);
  private tw = new Float64Array((T + 1) * T);
  private tu = new Float64Array((T + 1) * T);
  private c = 1;

  private row(h: number): number {
    let r = this.rows.get(h);
    if (r === undefined) {
      r = this.rows.size;
      this.rows.set(h, r);
      if ((r + 1) * T > this.w.length) {
        const grow = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
          const b = new Float64Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.w = grow(this.w);
        this.u = grow(this.u);
      }
    }
    return r;
  }

  /** Current (not averaged) emission scores, for decoding during training. */
  private emissions(feats: SentenceFeatures): Float64Array {
    const out = new Float64Array(feats.n * T);
    for (let i = 0; i < feats.n; i++) {
      for (let j = feats.offsets[i]; j < feats.offsets[i + 1]; j++) {
        const r = this.rows.get(feats.hashes[j]);
        if (r === undefined) continue;
        for (let t = 0; t < T; t++) out[i * T + t] += this.w[r * T + t];
      }
    }
    return out;
  }

  /** Decode one example with the current weights and update on mistakes; returns the number of wrong tags. */
  learn(ex: Example): number {
    const n = ex.gold.length;
    const pred = viterbi(this.emissions(ex.feats), n, this.tw);
    let wrong = 0;
    for (let i = 0; i < n; i++) {
      const g = ex.gold[i];
      const p = pred[i];
      const gp = i === 0 ? 0 : ex.gold[i - 1] + 1;
      const pp = i === 0 ? 0 : pred[i - 1] + 1;
      if (g !== p) {
        wrong++;
        for (let j = ex.feats.offsets[i]; j < ex.feats.offsets[i + 1]; j++) {
          const r = this.row(ex.feats.hashes[j]) * T;
          this.w[r + g] += 1;
          this.u[r + g] += this.c;
          this.w[r + p] -= 1;
          this.u[r + p] -= this.c;
        }
      }
      if (g !== p || gp !== pp) {
        this.tw[gp * T + g] += 1;
        this.tu[gp * T + g] += this.c;
        this.tw[pp * T + p] -= 1;
        this.tu[pp * T + p] -= this.c;
      }
    }
    this.c++;
    return wrong;
  }

  /** Averaged weights; features whose weights all stay within `prune` of zero are dropped. */
  averaged(prune = 0): Weights {
    const keep: number[] = [];
    const vals: number[] = [];
    for (const [h, r] of this.rows) {
      let max = 0;
      const row: number[] = [];
      for (let t = 0; t < T; t++) {
        const v = this.w[r * T + t] - this.u[r * T + t] / this.c;
        row.push(v);
        max = Math.max(max, Math.abs(v));
      }
      if (max <= prune) continue;
      keep.push(h);
      vals.push(...row);
    }
    const trans = new Float32Array((T + 1) * T);
    for (let i = 0; i < trans.length; i++) trans[i] = this.tw[i] - this.tu[i] / this.c;
    return { hashes: Uint32Array.from(keep), weights: Float32Array.from(vals), trans };
  }
}

/**
 * Train for `epochs` passes in a seeded random order. `onEpoch` sees the
 * averaged weights after each pass (for early stopping on a dev set) and may
 * return a score; the best-scoring epoch's weights are returned.
 */
export function train(examples: Example[], opts: { epochs: number; seed: number; prune?: number; onEpoch?: (epoch: number, w: Weights, wrong: number) => number }): { weights: Weights; epoch: number } {
  const p = new Perceptron();
  const order = examples.map((_, i) => i);
  const rand = rng(opts.seed);
  let best: { weights: Weights; epoch: number; score: number } | null = null;
  for (let e = 1; e <= opts.epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let wrong = 0;
    for (const i of order) wrong += p.learn(examples[i]);
    const w = p.averaged(opts.prune ?? 0);
    const score = opts.onEpoch ? opts.onEpoch(e, w, wrong) : e;
    if (!best || score > best.score) best = { weights: w, epoch: e, score };
  }
  return { weights: best!.weights, epoch: best!.epoch };
}
