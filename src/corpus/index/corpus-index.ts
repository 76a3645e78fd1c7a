import { LiveEntityIndex } from '../../analysis/entity-index/live-entity-index.js';
import { type Postings, postingsTableFrom, postingsTableState } from '../../analysis/entity-index/postings.js';
import type { IndexedEntity } from '../../analysis/entity-index/types.js';
import { fold } from '../../search/fold.js';
import type { TextHit } from '../../store/article-repository.js';
import { LiveStories } from '../../stories/live-stories.js';
import type { CorpusHead, MentionCount } from '../corpus-view.js';
import { liveColumns, liveOrdinals, savedArticleCount, type CorpusIndexState } from './corpus-index-snapshot.js';
import { hashPrefix } from './hash-prefix.js';
import type { IndexData } from './index-record.js';
import { latestOrds, speakerOrds } from './latest-ords.js';
import { compactPostings, foldedName, namePostings } from './name-postings.js';
import { rankOrds, RankScratch, type RankedOrd } from './rank-ords.js';
import { orderStoryOrds } from './story-order.js';

export type { CorpusIndexState } from './corpus-index-snapshot.js';
export type { RankedOrd } from './rank-ords.js';

/** Dead ordinals tolerated in the postings before they are compacted (and at least this share of the live ones). */
const COMPACT_AFTER = 10_000;

/** Stories whose member order is remembered between index changes (a few KB each even for big stories). */
const STORY_ORDER_MAX = 4_096;

/**
 * Everything the corpus keeps in memory to answer, updated article by article: per answerable article
 * (an ordinal; a changed article gets a new one) its id, title, dates and mention total in plain and typed
 * arrays; the entity index; postings of entity names and quote speakers (ordinal, count); story groups.
 * No text, no analysis: those stay in the store.
 */
export class CorpusIndex {
  readonly entities: LiveEntityIndex;
  private readonly stories: LiveStories;
  private ids: string[] = [];
  private titles: string[] = [];
  private foldedTitles: string[] = [];
  private published: (string | null)[] = [];
  private firstSeen: string[] = [];
  private effectiveMs = new Float64Array(1024);
  private subjectMentions = new Int32Array(1024);
  private textLengths = new Int32Array(1024);
  /** First 32 bits of the content hash: enough to tell whether a change notice is news. */
  private hash32 = new Uint32Array(1024);
  private readonly byId = new Map<string, number>();
  /** Subject-entity mentions by folded name (what ranking reads). */
  private readonly names: Map<string, Postings>;
  private readonly speakers: Map<string, Postings>;
  private next = 0;
  private dead = 0;
  private readonly scratch = new RankScratch();
  /** Folded names by spelling (see foldedName). */
  private readonly foldMemo = new Map<string, string>();
  /** Spelling → postings in `names` / `speakers` (see namePostings); cleared when compaction drops postings. */
  private readonly nameMemo = new Map<string, Postings>();
  private readonly speakerMemo = new Map<string, Postings>();
  /**
   * Ordered members (ordinals) of stories asked for recently, by story key, valid while `storyOrderAt` equals
   * the entity index's revision (any add or remove clears it: a story may have gained, lost or merged members).
   * A story of hundreds of versions is ordered once, not for every query whose hits fall in it.
   */
  private readonly storyOrder = new Map<number, Int32Array>();
  private storyOrderAt = -1;

  /** An empty index, or (`state`) the one a snapshot saved: see `toState`. */
  constructor(state?: CorpusIndexState) {
    if (!state) {
      this.entities = new LiveEntityIndex();
      this.stories = new LiveStories();
      this.names = new Map();
      this.speakers = new Map();
      return;
    }
    const n = savedArticleCount(state);
    ({ ids: this.ids, titles: this.titles, foldedTitles: this.foldedTitles, published: this.published, firstSeen: this.firstSeen } = state);
    this.ensure(n);
    this.effectiveMs.set(state.effectiveMs);
    this.subjectMentions.set(state.subjectMentions);
    this.textLengths.set(state.textLengths);
    this.hash32.set(state.hash32);
    for (let ord = 0; ord < n; ord++) this.byId.set(state.ids[ord], ord);
    if (this.byId.size !== n) throw new RangeError('corpus index: an article id twice');
    this.next = n;
    this.names = postingsTableFrom(state.names, n);
    this.speakers = postingsTableFrom(state.speakers, n);
    this.entities = LiveEntityIndex.fromState(state.entities, state.ids, state.published);
    this.stories = LiveStories.fromState(state.stories);
  }

  /**
   * Everything held, as flat arrays for a snapshot: removed articles are left out and the rest renumbered
   * 0…size-1 in the same order, so a restored index answers as this one does.
   */
  toState(): CorpusIndexState {
    const { remap, live } = liveOrdinals(this.ids, this.next);
    const { ids, titles, foldedTitles, published, firstSeen, effectiveMs, subjectMentions, textLengths, hash32 } = this;
    return {
      ...liveColumns({ ids, titles, foldedTitles, published, firstSeen, effectiveMs, subjectMentions, textLengths, hash32 }, live),
      names: postingsTableState(this.names, remap),
      speakers: postingsTableState(this.speakers, remap),
      entities: this.entities.toState(remap),
      stories: this.stories.toState(remap),
    };
  }

  /** Answerable articles. */
  get size(): number {
    return this.byId.size;
  }

  has(id: string, contentHash?: string): boolean {
    const ord = this.byId.get(id);
    return ord !== undefined && (contentHash === undefined || this.hash32[ord] === hashPrefix(contentHash));
  }

  /** Index an analysed article (replacing the version held, if any). */
  add(id: string, contentHash: string, d: IndexData): void {
    this.remove(id);
    const ord = this.next++;
    this.ensure(ord + 1);
    this.byId.set(id, ord);
    this.ids[ord] = id;
    this.titles[ord] = d.title;
    this.foldedTitles[ord] = ` ${fold(d.title)} `;
    this.published[ord] = d.publishedAt;
    this.firstSeen[ord] = d.firstSeenAt;
    this.effectiveMs[ord] = Date.parse(d.publishedAt ?? d.firstSeenAt);
    this.textLengths[ord] = d.textLength;
    this.hash32[ord] = hashPrefix(contentHash);
    let subject = 0;
    for (const e of d.entities) {
      if (e.kind === 'byline') continue;
      subject += e.mentions;
      namePostings(this.names, this.nameMemo, this.foldMemo, e.name).add(ord, e.mentions);
    }
    this.subjectMentions[ord] = subject;
    for (const [speaker, n] of d.speakers) namePostings(this.speakers, this.speakerMemo, this.foldMemo, speaker).add(ord, n);
    this.entities.add(ord, id, d.publishedAt, d.entities);
    this.stories.add(ord, { signature: d.signature, size: d.shingleCount, title: d.title });
  }

  /** Forget an article (removed, pruned, or about to be replaced). */
  remove(id: string): boolean {
    const ord = this.byId.get(id);
    if (ord === undefined) return false;
    this.byId.delete(id);
    this.entities.remove(ord);
    this.stories.remove(ord);
    this.ids[ord] = '';
    this.titles[ord] = '';
    this.foldedTitles[ord] = '';
    this.firstSeen[ord] = '';
    this.published[ord] = null;
    if (++this.dead > COMPACT_AFTER && this.dead * 4 > this.byId.size) this.compact();
    return true;
  }

  head(id: string): CorpusHead | undefined {
    const ord = this.byId.get(id);
    return ord === undefined ? undefined : this.headAt(ord);
  }

  headAt(ord: number): CorpusHead {
    const publishedAt = this.published[ord];
    return {
      id: this.ids[ord], title: this.titles[ord], publishedAt, firstSeenAt: this.firstSeen[ord],
      effectiveDate: publishedAt ?? this.firstSeen[ord], effectiveMs: this.effectiveMs[ord],
    };
  }

  /**
   * The answerable articles among `ords` (ascending), latest first; ties keep ordinal order. With `max`, the
   * latest `max` are picked in one pass over the dates (a country in 300,000 articles makes 5 heads, not 300,000).
   */
  latestOf(ords: Int32Array, max?: number): { shown: CorpusHead[]; count: number } {
    const latest = latestOrds({ ids: this.ids, effectiveMs: this.effectiveMs }, ords, max);
    return { shown: latest.ords.map((o) => this.headAt(o)), count: latest.count };
  }

  /** Ids of the answerable articles. */
  allIds(): IterableIterator<string> {
    return this.byId.keys();
  }

  ordOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  /** Rank the articles the matched entities appear in, plus the text hits (see rankOrds). */
  rank(matched: readonly IndexedEntity[], text: readonly TextHit[], nowMs: number, limit: number, sinceMs = -Infinity): RankedOrd[] {
    const { ids, effectiveMs, subjectMentions, foldedTitles, byId, names, entities } = this;
    return rankOrds({ ids, effectiveMs, subjectMentions, foldedTitles, byId, names, entities }, this.scratch, matched, text, nowMs, limit, sinceMs);
  }

  /**
   * The story of an article: its id (the representative's article id) and members, representative first.
   * `memo` (one per query) spares ordering the same story again for each of its hits.
   */
  storyOf(id: string, memo?: Map<number, { id: string; members: CorpusHead[] }>): { id: string; members: CorpusHead[] } | undefined {
    const ord = this.byId.get(id);
    if (ord === undefined) return undefined;
    const key = this.stories.storyKey(ord);
    const known = memo?.get(key);
    if (known) return known;
    const story = this.orderedStory(id, ord);
    memo?.set(key, story);
    return story;
  }

  private orderedStory(id: string, ord: number): { id: string; members: CorpusHead[] } {
    const ords = this.orderedMembers(ord);
    if (ords.length <= 1) return { id, members: [this.headAt(ord)] };
    const heads = Array.from(ords, (o) => this.headAt(o));
    return { id: heads[0].id, members: heads };
  }

  /** The live members of an article's story in orderVersions' order, from the dates parsed at add (see orderStoryOrds). */
  private orderedMembers(ord: number): Int32Array {
    if (this.storyOrderAt !== this.entities.revision || this.storyOrder.size > STORY_ORDER_MAX) {
      this.storyOrder.clear();
      this.storyOrderAt = this.entities.revision;
    }
    const key = this.stories.storyKey(ord);
    const known = this.storyOrder.get(key);
    if (known) return known;
    const members = this.stories.storyOf(ord).filter((o) => !!this.ids[o]);
    const stories = this.stories;
    const ordered = Int32Array.from(members.length <= 1 ? members : orderStoryOrds(members, { effectiveMs: this.effectiveMs, sizeOf: (o) => stories.sizeOf(o), textLengths: this.textLengths }));
    this.storyOrder.set(key, ordered);
    return ordered;
  }

  /**
   * Ids of the articles quoting a speaker (folded name), newest first (ties: older ordinal first), and the
   * speaker's quote total. With `max`, only the newest `max` ids are returned, picked in one pass (every
   * article listed holds at least one of the speaker's quotes, so `max` articles give `max` quotes); the total
   * still counts them all.
   */
  speakerArticles(speaker: string, sinceMs = -Infinity, max?: number): { ids: string[]; total: number; complete: boolean } {
    const p = this.speakers.get(fold(speaker));
    if (!p) return { ids: [], total: 0, complete: true };
    const { ords, total, live } = speakerOrds({ ids: this.ids, effectiveMs: this.effectiveMs }, p, sinceMs, max);
    return { ids: ords.map((o) => this.ids[o]), total, complete: ords.length === live };
  }

  /** Subject mentions of people, places and organizations in articles dated in [fromMs, toMs). */
  mentionCounts(fromMs: number, toMs: number): MentionCount[] {
    const counts = new Map<string, MentionCount>();
    for (let ord = 0; ord < this.next; ord++) {
      const ms = this.effectiveMs[ord];
      if (!this.ids[ord] || !(ms >= fromMs && ms < toMs)) continue;
      this.entities.forEachEntityOf(ord, (name, type, mentions) => {
        if (type === 'other') return;
        const key = foldedName(this.foldMemo, name);
        const c = counts.get(key) ?? { key, name, type, mentions: 0, articles: 0 };
        c.mentions += mentions;
        c.articles += 1;
        counts.set(key, c);
      });
    }
    return [...counts.values()];
  }

  /** Drop dead ordinals from the name and speaker postings. */
  private compact(): void {
    compactPostings([this.names, this.speakers], (ord) => !!this.ids[ord]);
    this.nameMemo.clear();
    this.speakerMemo.clear();
    this.dead = 0;
  }

  private ensure(n: number): void {
    if (n <= this.effectiveMs.length) return;
    let cap = Math.max(1024, this.effectiveMs.length);
    while (cap < n) cap *= 2;
    this.effectiveMs = grow(this.effectiveMs, cap);
    this.subjectMentions = grow(this.subjectMentions, cap);
    this.textLengths = grow(this.textLengths, cap);
    this.hash32 = grow(this.hash32, cap);
    this.scratch.ensure(cap);
  }
}

function grow<T extends Float64Array | Int32Array | Uint32Array>(a: T, size: number): T {
  const out = new (a.constructor as new (n: number) => T)(size);
  out.set(a);
  return out;
}
