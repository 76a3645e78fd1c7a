import { COMPLETE_SHARE } from '../../stories/group-stories.js';

/** What ordering a story's versions reads per version (by ordinal). */
export interface VersionFacts {
  /** Epoch ms of the date answers use (publication, else first seen); NaN when unparseable. */
  effectiveMs: ArrayLike<number>;
  /** Shingle count: how complete the version is. */
  sizeOf(ord: number): number;
  textLengths: ArrayLike<number>;
}

/**
 * A story's versions (ordinals) in orderVersions' order (see there; a test holds the two together): by date,
 * latest first and undated last, then more complete, then longer, ties in the given order; the
 * representative, put first, is the first of those within COMPLETE_SHARE of the most complete. Works on
 * ordinals with dates parsed at add: a windowed /brief orders ~100 stories of dozens of versions, and
 * building, spreading and date-parsing an object per version was most of its time. Sorts `ords` in place.
 */
export function orderStoryOrds(ords: number[], v: VersionFacts): number[] {
  const when = (o: number): number => (Number.isNaN(v.effectiveMs[o]) ? -Infinity : v.effectiveMs[o]);
  let longest = 0;
  for (const o of ords) longest = Math.max(longest, v.sizeOf(o));
  ords.sort((x, y) => {
    const tx = when(x);
    const ty = when(y);
    if (tx !== ty) return ty - tx;
    return v.sizeOf(y) - v.sizeOf(x) || v.textLengths[y] - v.textLengths[x];
  });
  const rep = ords.findIndex((o) => v.sizeOf(o) >= COMPLETE_SHARE * longest);
  return [ords[rep], ...ords.slice(0, rep), ...ords.slice(rep + 1)];
}
