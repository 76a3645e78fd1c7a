import type { Postings } from '../../analysis/entity-index/postings.js';
import { NewestFirst } from './newest-first.js';

/*
 * The date selections of the corpus index: the newest answerable ordinals among many, picked in one pass over
 * their dates. Kept apart from CorpusIndex because they read only two of its columns and return ordinals;
 * the index turns those into heads or ids.
 */

/** The per-ordinal columns the selections read: an ordinal is answerable while its id is non-empty. */
export interface DatedColumns {
  readonly ids: readonly string[];
  /** Effective date (published, else first seen) in ms since the epoch. */
  readonly effectiveMs: Float64Array;
}

/**
 * The answerable ordinals among `ords` (ascending), latest first; ties keep ordinal order; `count` is how many
 * are answerable. With `max`, only the latest `max` are returned (a country in 300,000 articles makes 5, not 300,000).
 */
export function latestOrds({ ids, effectiveMs }: DatedColumns, ords: Int32Array, max?: number): { ords: number[]; count: number } {
  const top = new NewestFirst((o) => effectiveMs[o] || 0, max || undefined);
  let count = 0;
  for (const o of ords) {
    if (!ids[o]) continue;
    count++;
    top.offer(o);
  }
  return { ords: top.result(), count };
}

/**
 * The answerable ordinals of a speaker's postings dated `sinceMs` or later, newest first (ties: older ordinal
 * first), with the speaker's quote total over them and how many there are (`live`). With `max`, only the
 * newest `max` are returned; `total` and `live` still count them all.
 */
export function speakerOrds({ ids, effectiveMs: when }: DatedColumns, p: Postings, sinceMs: number, max?: number): { ords: number[]; total: number; live: number } {
  const top = new NewestFirst((o) => when[o], max);
  let total = 0;
  let live = 0;
  for (let i = 0; i < p.n; i++) {
    const ord = p.ords[i];
    if (!ids[ord] || when[ord] < sinceMs) continue;
    total += p.counts[i];
    live++;
    top.offer(ord);
  }
  return { ords: top.result(), total, live };
}
