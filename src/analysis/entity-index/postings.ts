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
