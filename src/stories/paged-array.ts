/**
 * A growable Uint32Array/Int32Array of `width` values per article ordinal, held in pages of a fixed number of
 * articles. Growing adds a page instead of copying everything into an array twice the size: at a million
 * articles the MinHash signatures are 256 MB, and a doubling copy would hold half a gigabyte more while it
 * runs. A flat array restored from a snapshot is adopted as views (no copy).
 */
export class PagedArray<T extends Uint32Array | Int32Array> {
  /** Pages of `pageArticles * width` values; the last one may be shorter (adopted) until it is grown. */
  readonly pages: T[] = [];
  /** log2 of the articles a page holds. */
  readonly shift: number;
  readonly mask: number;

  /**
   * @param make   the typed-array constructor (Uint32Array or Int32Array)
   * @param width  values per article
   * @param pageBits  log2 of the articles a page holds (16: 65,536 articles)
   */
  constructor(private readonly make: new (n: number) => T, readonly width: number, pageBits = 16) {
    this.shift = pageBits;
    this.mask = (1 << pageBits) - 1;
  }

  /** Articles the pages hold now. */
  get capacity(): number {
    let n = 0;
    for (const p of this.pages) n += p.length / this.width;
    return n;
  }

  /** Make room for ordinals 0…n-1. */
  ensure(n: number): void {
    const per = (this.mask + 1) * this.width;
    const last = this.pages.length - 1;
    if (last >= 0 && this.pages[last].length < per && n > this.capacity) {
      // A short (adopted) last page becomes a full one: one page copied, not the whole array.
      const full = this.fresh(per);
      full.set(this.pages[last]);
      this.pages[last] = full;
    }
    while (this.capacity < n) this.pages.push(this.fresh(per));
  }

  /** The page holding article `ord` (values at `offset(ord)` … + width). */
  page(ord: number): T {
    return this.pages[ord >>> this.shift];
  }

  /** Where article `ord`'s values start in its page. */
  offset(ord: number): number {
    return (ord & this.mask) * this.width;
  }

  /** Article `ord`'s values (a view). */
  view(ord: number): T {
    const at = this.offset(ord);
    return this.page(ord).subarray(at, at + this.width) as T;
  }

  /** Adopt `flat` (n articles' values one after another) as pages of views: no copy. */
  adopt(flat: T): void {
    if (this.pages.length) throw new RangeError('paged array: adopt into an empty one only');
    if (flat.length % this.width !== 0) throw new RangeError('paged array: length is not a whole number of articles');
    const per = (this.mask + 1) * this.width;
    for (let at = 0; at < flat.length; at += per) this.pages.push(flat.subarray(at, Math.min(at + per, flat.length)) as T);
  }

  private fresh(n: number): T {
    return new this.make(n);
  }
}
