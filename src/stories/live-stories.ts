import { groupOptions, headlineKey, sameStoryFromSimilarity, type GroupOptions } from './group-stories.js';
import { BANDS as LSH_BANDS, bandKey32 } from './lsh.js';
import { NUM_HASHES as SIGNATURE_LENGTH, similarity } from './minhash.js';
import { PagedArray } from './paged-array.js';
import { concrete, StreamedArray, type Streamable } from '../core/streamed-array.js';

// Module-local copies: under tsx every use of an imported binding is a getter call, and these sit in the
// innermost loops.
const BANDS = LSH_BANDS;
const NUM_HASHES = SIGNATURE_LENGTH;

/** What story grouping keeps of one article: its MinHash signature, shingle count and headline. */
export interface StoryPrint {
  /** null for a body without shingles (never grouped). */
  signature: Uint32Array | null;
  /** Distinct shingles of the body. */
  size: number;
  title: string;
}

/** Members of one LSH bucket compared with a newcomer: a bigger bucket is shared boilerplate, not a story. */
const MAX_BUCKET_CHECKS = 200;
/** Members of a bucket already in the newcomer's story after which the rest of the bucket is not walked. */
const SAME_STORY_RUN = 4;
/** Consecutive bands that found only the newcomer's own story, after which the remaining bands are skipped. */
const QUIET_BANDS = 8;
/** Average chain length the bucket table is sized for (a longer chain costs a band key computed per entry walked). */
const LINKS_PER_SLOT = 2;

/**
 * Story grouping updated in place. Each article added is checked against the earlier articles it shares an
 * LSH band with (32 bands of 2 MinHash rows, as the batch grouping) and joins their story when the signatures
 * say "same story" (Jaccard or containment estimated from the signatures; half containment under the same
 * headline); otherwise it starts one. Memory is about 450 bytes an article in typed arrays: the signature
 * (256), one chain link per (article, band) (128; a band's key is recomputed from the signature when a chain
 * is walked, not stored), a bucket table of about one slot per two links (64) and a few per-article numbers.
 * Signatures and links sit in pages of 65,536 articles, so growing never copies them whole. A removed
 * article leaves its story (links it made stay, so a story it bridged stays one until restart).
 */
export class LiveStories {
  private readonly o: Required<GroupOptions>;
  private readonly sigs: PagedArray<Uint32Array>;
  private sizes = new Int32Array(1024);
  private flags = new Uint8Array(1024); // 1: alive, 2: has a signature
  private parent = new Int32Array(1024);
  /** Per (article, band) entry e = ord * BANDS + band: the next entry in its bucket chain (-1: none). */
  private readonly links: PagedArray<Int32Array>;
  private heads = new Int32Array(1024).fill(-1);
  /** Scratch for `add`: the newcomer's stamp on each article already compared with it (no Set per article). */
  private checkedAt = new Int32Array(1024);
  private stamp = 0;
  private headlines: string[] = [];
  private readonly members = new Map<number, number[]>();
  private entries = 0;
  private unions = 0;

  /** `pageBits` (tests): log2 of the articles a page of signatures and links holds. */
  constructor(opts: GroupOptions = {}, pageBits = 16) {
    this.o = groupOptions(opts);
    this.sigs = new PagedArray(Uint32Array, NUM_HASHES, pageBits);
    this.links = new PagedArray(Int32Array, BANDS, pageBits); // every entry is written before a chain reaches it
  }

  /** Add an article under a new ordinal and join it to a story (or start one). */
  add(ord: number, print: StoryPrint): void {
    this.ensure(ord + 1);
    this.parent[ord] = ord;
    this.sizes[ord] = print.size;
    this.headlines[ord] = headlineKey(print.title);
    // A story of one has no member list (most articles at start-up never join another): see membersOf.
    this.flags[ord] = 1;
    if (!print.signature || print.size === 0) return;
    const sigs = this.sigs;
    const page = sigs.page(ord);
    const at = sigs.offset(ord);
    page.set(print.signature.subarray(0, NUM_HASHES), at);
    this.flags[ord] |= 2;
    const mine = page.subarray(at, at + NUM_HASHES);
    const stamp = ++this.stamp;
    const checkedAt = this.checkedAt;
    const mask = this.heads.length - 1;
    let quiet = 0;
    for (let band = 0; band < BANDS && quiet < QUIET_BANDS; band++) {
      const key = bandKey32(page, at, band);
      let seen = 0;
      let joined = 0;
      const unionsBefore = this.unions;
      for (let e = this.heads[key & mask]; e >= 0 && seen < MAX_BUCKET_CHECKS; e = this.nextOf(e)) {
        if (e % BANDS !== band) continue;
        const other = (e / BANDS) | 0;
        if (other === ord || (this.flags[other] & 3) !== 3) continue;
        if (bandKey32(sigs.page(other), sigs.offset(other), band) !== key) continue;
        seen++;
        if (checkedAt[other] === stamp) continue;
        checkedAt[other] = stamp;
        // A bucket of versions of a story this article has already joined: the rest of it is that story too.
        if (this.find(other) === this.find(ord)) {
          if (++joined >= SAME_STORY_RUN) break;
          continue;
        }
        const j = similarity(mine, sigs.view(other));
        const sameHeadline = this.headlines[ord] !== '' && this.headlines[ord] === this.headlines[other];
        if (sameStoryFromSimilarity(j, print.size, this.sizes[other], this.o, sameHeadline)) this.union(ord, other);
      }
      // Bands that only lead back to the story already joined: a copy of a much-repeated text, not a bridge.
      quiet = joined > 0 && this.unions === unionsBefore ? quiet + 1 : 0;
    }
    this.linkAll(ord);
  }

  /** Take an article out of its story. */
  remove(ord: number): void {
    if (!(this.flags[ord] & 1)) return;
    this.flags[ord] &= ~1;
    const list = this.members.get(this.find(ord));
    if (list) {
      const i = list.indexOf(ord);
      if (i >= 0) list.splice(i, 1);
    }
  }

  /** Live members of the article's story (itself included), in no particular order. */
  storyOf(ord: number): readonly number[] {
    if (!(this.flags[ord] & 1)) return [];
    return this.members.get(this.find(ord)) ?? [ord];
  }

  /** A number shared by the members of one story (changes when stories merge). */
  storyKey(ord: number): number {
    return this.find(ord);
  }

  /** Shingle count the article was added with (orders versions: more complete first). */
  sizeOf(ord: number): number {
    return this.sizes[ord];
  }

  private find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }

  /** The member list of a story root (a fresh one-member list for a story of one, which keeps none). */
  private membersOf(root: number): number[] {
    return this.members.get(root) ?? (this.flags[root] & 1 ? [root] : []);
  }

  /** Merge two stories; the smaller member list moves into the larger. */
  private union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.membersOf(ra).length < this.membersOf(rb).length) [ra, rb] = [rb, ra];
    const into = this.membersOf(ra);
    for (const m of this.membersOf(rb)) into.push(m);
    this.members.set(ra, into);
    this.members.delete(rb);
    this.parent[rb] = ra;
    this.unions++;
  }

  /** The entry after `e` in its bucket chain (-1: the end). */
  private nextOf(e: number): number {
    const ord = (e / BANDS) | 0;
    return this.links.page(ord)[this.links.offset(ord) + (e - ord * BANDS)];
  }

  /** Put the article's band entries into the bucket table (newest first in each chain). */
  private linkAll(ord: number): void {
    this.entries += BANDS;
    if (this.entries > this.heads.length * LINKS_PER_SLOT * 2) {
      this.rehash(); // links `ord` with the rest
      return;
    }
    this.linkBands(ord, this.heads.length - 1);
  }

  /** Push the article's band entries onto the heads of their chains. */
  private linkBands(ord: number, mask: number): void {
    const sigPage = this.sigs.page(ord);
    const sigAt = this.sigs.offset(ord);
    const linkPage = this.links.page(ord);
    const linkAt = this.links.offset(ord);
    for (let band = 0; band < BANDS; band++) {
      const slot = bandKey32(sigPage, sigAt, band) & mask;
      linkPage[linkAt + band] = this.heads[slot];
      this.heads[slot] = ord * BANDS + band;
    }
  }

  /** Size the bucket table for the live articles (about LINKS_PER_SLOT links a slot) and relink them; removed ones drop out. */
  private rehash(): void {
    let live = 0;
    for (let ord = 0; ord < this.parent.length; ord++) if ((this.flags[ord] & 3) === 3) live++;
    let size = 1024;
    while (size * LINKS_PER_SLOT < live * BANDS) size *= 2;
    this.heads = new Int32Array(size).fill(-1);
    this.entries = live * BANDS;
    for (let ord = 0; ord < this.parent.length; ord++) if ((this.flags[ord] & 3) === 3) this.linkBands(ord, size - 1);
  }

  /**
   * The live articles' story state in a snapshot's form, renumbered by `remap` (old ordinal → new, -1 for a
   * removed one; order-preserving). Stories are kept as they are now (a story a removed article bridged stays
   * one, as in the running process); the bucket table is not saved but re-linked from the signatures by
   * `fromState`. The signatures are streamed (read when the snapshot is written, which is before the index
   * changes again), so taking the state does not copy them.
   */
  toState(remap: Int32Array): LiveStoriesState {
    let n = 0;
    for (let ord = 0; ord < remap.length; ord++) if (remap[ord] >= 0) n++;
    const sizes = new Int32Array(n);
    const signed = new Uint8Array(n);
    const headlines: string[] = new Array(n);
    for (let ord = 0; ord < remap.length; ord++) {
      const o = remap[ord];
      if (o < 0) continue;
      if (!(this.flags[ord] & 1)) throw new RangeError(`article ordinal ${ord} is live but has no story`);
      sizes[o] = this.sizes[ord];
      headlines[o] = this.headlines[ord];
      if (this.flags[ord] & 2) signed[o] = 1;
    }
    const storyLengths: number[] = [];
    const storyMembers: number[] = [];
    for (const list of this.members.values()) {
      if (list.length < 2) continue; // a story of one keeps no list
      storyLengths.push(list.length);
      for (const m of list) storyMembers.push(remap[m]);
    }
    const sigs = new StreamedArray(Uint32Array, n * NUM_HASHES, () => this.signaturePieces(remap));
    return { sigs, sizes, signed, headlines, storyLengths: Int32Array.from(storyLengths), storyMembers: Int32Array.from(storyMembers) };
  }

  /** The live articles' signatures in renumbered order (zeros for an unsigned one), a few thousand at a time. */
  private *signaturePieces(remap: Int32Array): Generator<Uint32Array> {
    const per = 16_384;
    let piece = new Uint32Array(per * NUM_HASHES);
    let filled = 0;
    for (let ord = 0; ord < remap.length; ord++) {
      if (remap[ord] < 0) continue;
      if (this.flags[ord] & 2) piece.set(this.sigs.view(ord), filled * NUM_HASHES);
      if (++filled === per) {
        yield piece;
        piece = new Uint32Array(per * NUM_HASHES);
        filled = 0;
      }
    }
    if (filled) yield piece.subarray(0, filled * NUM_HASHES);
  }

  /**
   * Stories back from `toState`: each story's first member is its root; the bucket table is re-linked. The
   * signatures are adopted, not copied (a decoded snapshot's array is this index's own from then on).
   */
  static fromState(s: LiveStoriesState, opts: GroupOptions = {}, pageBits?: number): LiveStories {
    const n = s.sizes.length;
    const sigs = concrete(s.sigs);
    if (s.signed.length !== n || s.headlines.length !== n || sigs.length !== n * NUM_HASHES) throw new RangeError('stories: lengths disagree');
    const out = new LiveStories(opts, pageBits);
    out.sigs.adopt(sigs);
    out.ensure(n);
    out.sizes.set(s.sizes);
    for (let ord = 0; ord < n; ord++) {
      out.parent[ord] = ord;
      out.flags[ord] = s.signed[ord] ? 3 : 1;
      out.headlines[ord] = s.headlines[ord];
    }
    let at = 0;
    for (const len of s.storyLengths) {
      if (len < 2 || at + len > s.storyMembers.length) throw new RangeError('stories: lengths disagree');
      const list = Array.from(s.storyMembers.subarray(at, at + len));
      at += len;
      for (const m of list) {
        if (m < 0 || m >= n || out.parent[m] !== m || out.members.has(m)) throw new RangeError('stories: a member out of range or in two stories');
        out.parent[m] = list[0];
      }
      out.members.set(list[0], list);
    }
    if (at !== s.storyMembers.length) throw new RangeError('stories: lengths disagree');
    out.rehash();
    return out;
  }

  /** Room for ordinals 0…n-1: the per-article numbers grow by a quarter (a big index never doubles at once). */
  private ensure(n: number): void {
    this.sigs.ensure(n);
    this.links.ensure(n);
    if (n <= this.parent.length) return;
    let cap = this.parent.length;
    while (cap < n) cap += Math.max(1024, cap >> 2);
    this.sizes = grow(this.sizes, cap);
    this.flags = grow(this.flags, cap);
    this.parent = grow(this.parent, cap);
    this.checkedAt = grow(this.checkedAt, cap);
  }
}

/**
 * LiveStories in a snapshot's form (see `toState`): per article its signature (zeros when unsigned; streamed
 * when taken from a live index), shingle count, whether it has a signature and its headline key; the member
 * lists of stories of two or more, one after another.
 */
export interface LiveStoriesState {
  sigs: Streamable<Uint32Array>;
  sizes: Int32Array;
  signed: Uint8Array;
  headlines: string[];
  storyLengths: Int32Array;
  storyMembers: Int32Array;
}

function grow<T extends Uint32Array | Int32Array | Uint8Array>(a: T, size: number): T {
  const out = new (a.constructor as new (n: number) => T)(size);
  out.set(a);
  return out;
}
