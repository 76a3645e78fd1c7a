import { containment, minhash, NUM_HASHES, shingles, similarity } from './minhash.js';

/** A document to group: the story text (body; headline changes should not split a story). */
export interface StoryDoc {
  id: string;
  title: string;
  text: string;
  publishedAt: string | null;
}

/** A story: articles about the same event, representative (latest, most complete) first. */
export interface Story {
  id: string;
  articleIds: string[];
}

export interface GroupOptions {
  /** Estimated Jaccard at or above which two articles are one story. */
  jaccard?: number;
  /** Or: this share of the shorter article's shingles appears in the longer one. */
  containment?: number;
}

/** Shingles and MinHash signature of a text; cache it per content to regroup cheaply. */
export interface StoryFingerprint {
  shingles: Set<number>;
  signature: Uint32Array;
}

export function fingerprint(text: string): StoryFingerprint {
  const set = shingles(text);
  return { shingles: set, signature: minhash(set) };
}

/** LSH banding: 32 bands of 2 rows finds pairs with Jaccard ≈ 0.3+ with high probability. */
const BANDS = 32;
const ROWS = NUM_HASHES / BANDS;

/**
 * Group near-duplicate articles (wire reprints, updated versions, reworded
 * ledes) into stories. Candidate pairs come from LSH buckets over MinHash
 * signatures, so 10,000 articles group in about a second; each candidate is
 * confirmed on its exact shingle sets. Distinct stories on the same topic
 * share words but few 5-word runs, so they stay apart.
 */
export function groupStories(docs: readonly StoryDoc[], opts: GroupOptions = {}, prepared?: readonly StoryFingerprint[]): Story[] {
  const jThreshold = opts.jaccard ?? 0.5;
  const cThreshold = opts.containment ?? 0.7;
  const prints = prepared ?? docs.map((d) => fingerprint(d.text));
  const sets = prints.map((p) => p.shingles);
  const sigs = prints.map((p) => p.signature);
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const tested = new Set<string>();
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < docs.length; i++) {
      if (sets[i].size === 0) continue;
      const key = Array.from(sigs[i].subarray(band * ROWS, band * ROWS + ROWS)).join(',');
      const arr = buckets.get(key);
      if (arr) arr.push(i);
      else buckets.set(key, [i]);
    }
    for (const members of buckets.values()) {
      if (members.length < 2 || members.length > 200) continue; // a huge bucket is boilerplate, not a story
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) {
          const a = members[x];
          const b = members[y];
          const key = `${a}:${b}`;
          if (tested.has(key) || find(a) === find(b)) continue;
          tested.add(key);
          if (sameStory(sets[a], sets[b], sigs[a], sigs[b], jThreshold, cThreshold)) union(a, b);
        }
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < docs.length; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()].map((members) => {
    const ordered = members.sort((a, b) => representativeOrder(docs[a], docs[b]));
    return { id: docs[ordered[0]].id, articleIds: ordered.map((i) => docs[i].id) };
  });
}

/** Are two articles the same story? Exact check on shingles after the cheap signature filter. */
export function sameStory(a: ReadonlySet<number>, b: ReadonlySet<number>, sa: Uint32Array, sb: Uint32Array, jThreshold = 0.5, cThreshold = 0.7): boolean {
  if (similarity(sa, sb) >= jThreshold) return true;
  // Short texts have few shingles: require a real share, not a lucky 2-shingle overlap.
  return Math.min(a.size, b.size) >= 8 && containment(a, b) >= cThreshold;
}

/** Latest first; for equal dates the longer (more complete) version first. */
function representativeOrder(a: StoryDoc, b: StoryDoc): number {
  const da = a.publishedAt ?? '';
  const db = b.publishedAt ?? '';
  if (da !== db) return db.localeCompare(da);
  return b.text.length - a.text.length;
}
