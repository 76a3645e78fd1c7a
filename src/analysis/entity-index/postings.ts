import { concrete, StreamedArray, type Streamable } from '../../core/streamed-array.js';

/**
 * A growable list of (article ordinal, count) pairs in typed arrays, appended in ordinal order (ordinals
 * only grow: a changed article gets a new one), so membership is a binary search and memory is eight
 * bytes a posting instead of an object or Map entry each.
 */
export class Postings {
  ords: Int32Array;
  counts: Int32Array;
  n = 0;

  constructor(capacity = 2) {
    this.ords = new Int32Array(capacity);
    this.counts = new Int32Array(capacity);
  }

  /** Add `count` for `ord`; an ordinal equal to the last one adds to it. */
  add(ord: number, count: number): void {
    if (this.n > 0 && this.ords[this.n - 1] === ord) {
      this.counts[this.n - 1] += count;
      return;
    }
    if (this.n > 0 && ord < this.ords[this.n - 1]) throw new RangeError(`postings must be appended in ordinal order (${ord} after ${this.ords[this.n - 1]})`);
    if (this.n === this.ords.length) {
      const cap = Math.max(4, this.n * 2);
      const o = new Int32Array(cap);
      o.set(this.ords);
      this.ords = o;
      const c = new Int32Array(cap);
      c.set(this.counts);
      this.counts = c;
    }
    this.ords[this.n] = ord;
    this.counts[this.n] = count;
    this.n++;
  }

  /** Position of `ord`, or -1. */
  indexOf(ord: number): number {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.ords[mid];
      if (v === ord) return mid;
      if (v < ord) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Drop postings of ordinals that are no longer alive (called when many are dead). */
  compact(alive: (ord: number) => boolean): void {
    let w = 0;
    for (let r = 0; r < this.n; r++) {
      if (!alive(this.ords[r])) continue;
      this.ords[w] = this.ords[r];
      this.counts[w] = this.counts[r];
      w++;
    }
    this.n = w;
  }
}

/**
 * A table of postings by key as flat arrays (a snapshot's form): per key, in map order, its number of
 * postings; the ordinals and counts of all keys one after another (streamed when taken from a live table).
 */
export interface PostingsTableState {
  keys: string[];
  lengths: Int32Array;
  ords: Streamable<Int32Array>;
  counts: Streamable<Int32Array>;
}

/**
 * The live postings of a table, renumbered by `remap` (old ordinal → new, -1 for a dead one; order-preserving,
 * so each list stays ascending). Keys left with no live posting are dropped. The ordinals and counts are
 * streamed list by list when the snapshot is written (before the table changes again), not copied here.
 */
export function postingsTableState(m: ReadonlyMap<string, Postings>, remap: Int32Array): PostingsTableState {
  const keys: string[] = [];
  const lists: Postings[] = [];
  const lengths: number[] = [];
  let total = 0;
  for (const [k, p] of m) {
    let live = 0;
    for (let i = 0; i < p.n; i++) if (remap[p.ords[i]] >= 0) live++;
    if (!live) continue;
    keys.push(k);
    lists.push(p);
    lengths.push(live);
    total += live;
  }
  return {
    keys, lengths: Int32Array.from(lengths),
    ords: new StreamedArray(Int32Array, total, () => livePostings(lists, remap, 'ords')),
    counts: new StreamedArray(Int32Array, total, () => livePostings(lists, remap, 'counts')),
  };
}

/**
 * The live postings' ordinals (renumbered by `remap`) or counts of `lists`, one piece a list: the lists' own
 * arrays when nothing was removed (views, read before the lists change), else a renumbered copy of each.
 */
export function* livePostings(lists: Iterable<Postings>, remap: Int32Array, which: 'ords' | 'counts'): Generator<Int32Array> {
  const identity = isIdentity(remap);
  for (const p of lists) {
    if (identity) {
      yield p[which].subarray(0, p.n);
      continue;
    }
    const out: number[] = [];
    for (let i = 0; i < p.n; i++) {
      const o = remap[p.ords[i]];
      if (o >= 0) out.push(which === 'ords' ? o : p.counts[i]);
    }
    yield Int32Array.from(out);
  }
}

/** Whether `remap` renumbers nothing (no article removed). */
function isIdentity(remap: Int32Array): boolean {
  for (let i = 0; i < remap.length; i++) if (remap[i] !== i) return false;
  return true;
}

/**
 * The table back from its flat form; each list is a view into the flat arrays until it grows (adopted: a
 * decoded snapshot's arrays are allocated one by one, so nothing bigger is kept alive by them).
 */
export function postingsTableFrom(s: PostingsTableState, ordLimit: number): Map<string, Postings> {
  const ords = concrete(s.ords);
  const counts = concrete(s.counts);
  if (s.keys.length !== s.lengths.length || ords.length !== counts.length) throw new RangeError('postings table: lengths disagree');
  const m = new Map<string, Postings>();
  let at = 0;
  for (let i = 0; i < s.keys.length; i++) {
    const p = postingsView(ords, counts, at, s.lengths[i], ordLimit);
    at += s.lengths[i];
    m.set(s.keys[i], p);
  }
  if (at !== ords.length) throw new RangeError('postings table: lengths disagree');
  return m;
}

/** Postings over `[at, at + n)` of flat arrays, checked: ascending ordinals below `ordLimit`. */
export function postingsView(ords: Int32Array, counts: Int32Array, at: number, n: number, ordLimit: number): Postings {
  if (n < 0 || at + n > ords.length) throw new RangeError('postings: out of range');
  const p = new Postings(0);
  p.ords = ords.subarray(at, at + n);
  p.counts = counts.subarray(at, at + n);
  p.n = n;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const o = p.ords[i];
    if (o <= last || o >= ordLimit) throw new RangeError('postings: ordinals out of order or range');
    last = o;
  }
  return p;
}
