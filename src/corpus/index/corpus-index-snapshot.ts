import type { EntityGroupsState } from '../../analysis/entity-index/entity-groups-snapshot.js';
import type { PostingsTableState } from '../../analysis/entity-index/postings.js';
import type { LiveStoriesState } from '../../stories/live-stories.js';

/*
 * The snapshot form of a CorpusIndex's own per-article arrays: which ordinals are kept, the arrays of the kept
 * ones, and the checks a restored state must pass. The postings, entity groups and stories have their own.
 */

/** The per-article arrays of a CorpusIndex, indexed by ordinal (typed ones may be longer: spare capacity). */
export interface ArticleColumns {
  ids: string[];
  titles: string[];
  foldedTitles: string[];
  published: (string | null)[];
  firstSeen: string[];
  effectiveMs: Float64Array;
  subjectMentions: Int32Array;
  textLengths: Int32Array;
  hash32: Uint32Array;
}

/**
 * A CorpusIndex as flat arrays (see `CorpusIndex.toState`): per article (ordinal) its id, title, folded title,
 * dates and numbers, every array exactly one entry an article; the name and speaker postings, entity groups
 * and stories in their own flat forms.
 */
export interface CorpusIndexState extends ArticleColumns {
  names: PostingsTableState;
  speakers: PostingsTableState;
  entities: EntityGroupsState;
  stories: LiveStoriesState;
}

/**
 * The live ordinals of 0…next-1 (those with an id), in order, and `remap`: old ordinal → new (its place among
 * the live ones), -1 for a removed article. Renumbering keeps the order, so a restored index answers alike.
 */
export function liveOrdinals(ids: readonly string[], next: number): { remap: Int32Array; live: number[] } {
  const remap = new Int32Array(next).fill(-1);
  const live: number[] = [];
  for (let ord = 0; ord < next; ord++) {
    if (!ids[ord]) continue;
    remap[ord] = live.length;
    live.push(ord);
  }
  return { remap, live };
}

/** The columns of the `live` ordinals only, one entry each, in that order. */
export function liveColumns(c: ArticleColumns, live: readonly number[]): ArticleColumns {
  // Plain loops into arrays of the final size (a mapping `from` per array cost a tenth of a second at 100k).
  const pick = <T>(a: ArrayLike<T>): T[] => {
    const out = new Array<T>(live.length);
    for (let i = 0; i < live.length; i++) out[i] = a[live[i]];
    return out;
  };
  const pickTyped = <A extends Float64Array | Int32Array | Uint32Array>(a: A): A => {
    const out = new (a.constructor as new (n: number) => A)(live.length);
    for (let i = 0; i < live.length; i++) out[i] = a[live[i]];
    return out;
  };
  return {
    ids: pick(c.ids), titles: pick(c.titles), foldedTitles: pick(c.foldedTitles), published: pick(c.published), firstSeen: pick(c.firstSeen),
    effectiveMs: pickTyped(c.effectiveMs),
    subjectMentions: pickTyped(c.subjectMentions),
    textLengths: pickTyped(c.textLengths),
    hash32: pickTyped(c.hash32),
  };
}

/** The article count of a saved state; throws RangeError when its per-article arrays disagree in length. */
export function savedArticleCount(state: CorpusIndexState): number {
  const n = state.ids.length;
  const lists = [state.titles, state.foldedTitles, state.published, state.firstSeen];
  const arrays = [state.effectiveMs, state.subjectMentions, state.textLengths, state.hash32];
  if (lists.some((l) => l.length !== n) || arrays.some((a) => a.length !== n)) throw new RangeError('corpus index: lengths disagree');
  return n;
}
