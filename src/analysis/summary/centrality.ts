/**
 * LexRank-style sentence centrality: sentences are nodes, edges are the
 * cosine similarity of their TF-IDF vectors, and a sentence is central when
 * it resembles other central sentences (stationary distribution of a random
 * walk over that graph). Callers cap the number of sentences, so the
 * O(n²) similarity matrix stays small (60 sentences → 1,800 pairs).
 */

/** Damping of the random walk (probability of following an edge rather than jumping anywhere). */
const DAMPING = 0.85;
const ITERATIONS = 30;
const EPSILON = 1e-6;

/**
 * Centrality of each bag of words, normalised so the mean is 1 (a sentence
 * scoring 2 is twice as central as the average one). `bags[i]` lists the
 * content words of sentence i, repeats included.
 */
export function lexRank(bags: readonly (readonly string[])[]): number[] {
  const n = bags.length;
  if (n === 0) return [];
  if (n === 1) return [1];
  const vectors = tfIdfVectors(bags);
  // Row-normalised similarity matrix (a stochastic matrix for the walk).
  const weights: Float64Array[] = [];
  for (let i = 0; i < n; i++) weights.push(new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = cosine(vectors[i], vectors[j]);
      weights[i][j] = s;
      weights[j][i] = s;
    }
  }
  const rowSums = weights.map((row) => row.reduce((a, b) => a + b, 0));
  let rank: Float64Array = new Float64Array(n).fill(1 / n);
  for (let it = 0; it < ITERATIONS; it++) {
    const next = new Float64Array(n).fill((1 - DAMPING) / n);
    for (let i = 0; i < n; i++) {
      // A sentence sharing nothing with the rest spreads its weight evenly (dangling node).
      if (rowSums[i] === 0) {
        for (let j = 0; j < n; j++) next[j] += (DAMPING * rank[i]) / n;
        continue;
      }
      const share = (DAMPING * rank[i]) / rowSums[i];
      const row = weights[i];
      for (let j = 0; j < n; j++) if (row[j] > 0) next[j] += share * row[j];
    }
    let delta = 0;
    for (let i = 0; i < n; i++) delta += Math.abs(next[i] - rank[i]);
    rank = next;
    if (delta < EPSILON) break;
  }
  return Array.from(rank, (r) => r * n);
}

/** A sparse vector: word → weight, with its precomputed Euclidean norm. */
interface SparseVector {
  weights: Map<string, number>;
  norm: number;
}

/** TF-IDF over the sentences of one document (a word in every sentence carries little weight). */
function tfIdfVectors(bags: readonly (readonly string[])[]): SparseVector[] {
  const df = new Map<string, number>();
  for (const bag of bags) for (const w of new Set(bag)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = bags.length;
  return bags.map((bag) => {
    const tf = new Map<string, number>();
    for (const w of bag) tf.set(w, (tf.get(w) ?? 0) + 1);
    const weights = new Map<string, number>();
    let sq = 0;
    for (const [w, f] of tf) {
      const x = f * Math.log(1 + n / df.get(w)!);
      weights.set(w, x);
      sq += x * x;
    }
    return { weights, norm: Math.sqrt(sq) };
  });
}

/** Cosine similarity of two sparse vectors. */
function cosine(a: SparseVector, b: SparseVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, big] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [w, x] of small.weights) {
    const y = big.weights.get(w);
    if (y !== undefined) dot += x * y;
  }
  return dot / (a.norm * b.norm);
}
