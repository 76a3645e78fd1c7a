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

/** A sparse vector: word ids in ascending order with their weights, and its Euclidean norm. */
interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
  norm: number;
}

/** TF-IDF over the sentences of one document (a word in every sentence carries little weight). */
function tfIdfVectors(bags: readonly (readonly string[])[]): SparseVector[] {
  // Words become small integers so cosine is a merge of two sorted arrays, not map lookups.
  const vocab = new Map<string, number>();
  const idBags = bags.map((bag) =>
    bag.map((w) => {
      let id = vocab.get(w);
      if (id === undefined) vocab.set(w, (id = vocab.size));
      return id;
    }),
  );
  const df = new Int32Array(vocab.size);
  for (const bag of idBags) for (const id of new Set(bag)) df[id]++;
  const n = bags.length;
  return idBags.map((bag) => {
    const tf = new Map<number, number>();
    for (const id of bag) tf.set(id, (tf.get(id) ?? 0) + 1);
    const ids = Int32Array.from(tf.keys()).sort();
    const weights = new Float64Array(ids.length);
    let sq = 0;
    ids.forEach((id, k) => {
      const x = tf.get(id)! * Math.log(1 + n / df[id]);
      weights[k] = x;
      sq += x * x;
    });
    return { ids, weights, norm: Math.sqrt(sq) };
  });
}

/** Cosine similarity of two sparse vectors. */
function cosine(a: SparseVector, b: SparseVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x === y) dot += a.weights[i++] * b.weights[j++];
    else if (x < y) i++;
    else j++;
  }
  return dot / (a.norm * b.norm);
}
