import { candidatePairs } from './lsh.js';
import { minhash, sharedCount, shingles, similarity } from './minhash.js';

/** A document to group. Only the body decides: a changed headline must not split a story. */
export interface StoryDoc {
  id: string;
  title: string;
  text: string;
  publishedAt: string | null;
}

/** A story: articles about the same event, representative (latest, most complete version) first. */
export interface Story {
  id: string;
  articleIds: string[];
}

/** Thresholds for "same story"; the defaults suit news (see {@link sameStory}). */
export interface GroupOptions {
  /** Jaccard similarity of the shingle sets at or above which two articles are one story (default 0.5). */
  jaccard?: number;
  /** Or: this share of the shorter article's shingles appears in the longer one (default 0.7). */
  containment?: number;
  /** Containment counts only when the shorter article has at least this many shingles (default 8). */
  minShingles?: number;
  /**
   * Under the same headline (an article updated in place), this containment
   * is enough (default 0.5): rewrites of a developing story keep the headline
   * but reword much of the body.
   */
  sameHeadlineContainment?: number;
}

/** Shingles and MinHash signature of a text; cache it per content to regroup cheaply. */
export interface StoryFingerprint {
  /** Sorted distinct shingle hashes. */
  shingles: Uint32Array;
  signature: Uint32Array;
}

/** Fingerprint of an article body. */
export function fingerprint(text: string): StoryFingerprint {
  const set = shingles(text);
  return { shingles: set, signature: minhash(set) };
}

const DEFAULTS: Required<GroupOptions> = { jaccard: 0.5, containment: 0.7, minShingles: 8, sameHeadlineContainment: 0.5 };

/**
 * Group near-duplicate articles (wire reprints, updated versions, reworded
 * ledes, changed headlines) into stories. Candidate pairs come from LSH
 * buckets over MinHash signatures, so 10,000 articles group in a fraction of
 * a second; each candidate is confirmed on its exact shingle sets. Distinct
 * stories on the same topic share words but few 5-word runs, so they stay
 * apart. Grouping is transitive (an update of an update joins the story).
 * Pass `prepared` fingerprints (same order as `docs`) to skip re-shingling.
 */
export function groupStories(docs: readonly StoryDoc[], opts: GroupOptions = {}, prepared?: readonly StoryFingerprint[]): Story[] {
  const o = { ...DEFAULTS, ...opts };
  const prints = prepared ?? docs.map((d) => fingerprint(d.text));
  const headlines = docs.map((d) => headlineKey(d.title));
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  candidatePairs(
    prints.map((p) => (p.shingles.length ? p.signature : null)),
    (a, b) => {
      const ra = find(a);
      const rb = find(b);
      const sameHeadline = headlines[a] !== '' && headlines[a] === headlines[b];
      if (ra !== rb && sameStory(prints[a], prints[b], o, sameHeadline)) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    },
  );
  const groups = new Map<number, number[]>();
  for (let i = 0; i < docs.length; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()].map((members) => {
    const ordered = orderVersions(members.map((i) => ({ doc: docs[i], size: prints[i].shingles.length, textLength: docs[i].text.length })));
    return { id: ordered[0].id, articleIds: ordered.map((d) => d.id) };
  });
}

/**
 * Are two articles the same story? Either most of their 5-word runs are
 * shared (Jaccard), or nearly all of the shorter one reappears in the longer
 * (an update with added paragraphs, a trimmed reprint), or, under the same
 * headline, half of it does. Short texts need a real amount of text in
 * common, not a lucky phrase or two.
 */
export function sameStory(a: StoryFingerprint, b: StoryFingerprint, opts: GroupOptions = {}, sameHeadline = false): boolean {
  const o = { ...DEFAULTS, ...opts };
  const shared = sharedCount(a.shingles, b.shingles);
  if (shared === 0) return false;
  const small = Math.min(a.shingles.length, b.shingles.length);
  const union = a.shingles.length + b.shingles.length - shared;
  if (shared / union >= o.jaccard) return true;
  const needed = sameHeadline ? Math.min(o.containment, o.sameHeadlineContainment) : o.containment;
  return small >= o.minShingles && shared / small >= needed;
}

/** A headline reduced to its words, for spotting the same headline with other punctuation or case; '' when there is none. */
export function headlineKey(title: string | null | undefined): string {
  return (title ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu)?.join(' ') ?? '';
}

/**
 * Same test from stored signatures and shingle counts only (no shingle sets),
 * for checking a new article against stored ones at ingest. The shared
 * count is estimated from the Jaccard estimate: |A∩B| = J·(|A|+|B|)/(1+J).
 */
export function sameStoryEstimate(
  a: { signature: Uint32Array; size: number },
  b: { signature: Uint32Array; size: number },
  opts: GroupOptions = {},
  sameHeadline = false,
): boolean {
  return sameStoryFromSimilarity(similarity(a.signature, b.signature), a.size, b.size, { ...DEFAULTS, ...opts }, sameHeadline);
}

/** {@link sameStoryEstimate} from an already computed signature similarity. */
export function sameStoryFromSimilarity(j: number, sizeA: number, sizeB: number, o: Required<GroupOptions>, sameHeadline: boolean): boolean {
  if (j >= o.jaccard) return true;
  const small = Math.min(sizeA, sizeB);
  const shared = (j * (sizeA + sizeB)) / (1 + j);
  const needed = sameHeadline ? Math.min(o.containment, o.sameHeadlineContainment) : o.containment;
  return small >= o.minShingles && shared / small >= needed;
}

/** The default thresholds, filled in. */
export function groupOptions(opts: GroupOptions = {}): Required<GroupOptions> {
  return { ...DEFAULTS, ...opts };
}

/** Versions of one story shorter than this share of the longest are partial (a teaser, a trimmed reprint). */
export const COMPLETE_SHARE = 0.8;

/**
 * Representative first: the latest of the complete versions (a trimmed
 * reprint published later does not displace the full story), then the rest
 * latest first; undated versions after dated ones, longer before shorter.
 */
export function orderVersions<D extends Pick<StoryDoc, 'publishedAt'>>(members: { doc: D; size: number; textLength: number }[]): D[] {
  let longest = 0;
  for (const m of members) if (m.size > longest) longest = m.size;
  // Dates parsed once per member, not once per comparison.
  const timed = members.map((m) => ({ ...m, t: timeOf(m.doc.publishedAt) }));
  const byRecency = (x: (typeof timed)[number], y: (typeof timed)[number]): number => {
    if (x.t !== y.t) return y.t - x.t;
    return y.size - x.size || y.textLength - x.textLength;
  };
  const complete = timed.filter((m) => m.size >= COMPLETE_SHARE * longest).sort(byRecency);
  const rest = timed.filter((m) => m !== complete[0]).sort(byRecency);
  return [complete[0], ...rest].map((m) => m.doc);
}

/** Milliseconds since the epoch, or -Infinity when unknown (undated versions sort last). */
function timeOf(iso: string | null): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}
