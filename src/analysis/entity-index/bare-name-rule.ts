import type { EntityGroups } from './entity-groups.js';

/** Namesakes of a bare name above which an article's own groups are read instead of searching each namesake's postings. */
export const NAMESAKES_SEARCHED = 4;

/**
 * How a bare name's mentions resolve (see singleRule). `byGid`: namesake group → its root, when there are many;
 * `targets`: singleTargets' answer, once worked out.
 */
export interface SingleRule {
  fallback: number;
  named: number[];
  rootOfNamed: number[];
  several: boolean;
  byGid: Map<number, number> | null;
  targets: Int32Array | null;
}

/**
 * The entity a bare name means in article `ord`: the one candidate named there (several, or none: the
 * fallback). Which candidates an article names does not depend on the order they are looked at in.
 */
export function pickFor(s: EntityGroups, rule: SingleRule, ord: number): number {
  if (!rule.several) return rule.fallback;
  // The one candidate named in this article (-1: none yet, -2: several).
  let here = -1;
  if (rule.byGid) {
    for (const gid of s.articleGroups[ord]!) {
      const root = rule.byGid.get(gid);
      if (root === undefined) continue;
      here = here === -1 || here === root ? root : -2;
    }
  } else {
    const { named, rootOfNamed } = rule;
    for (let j = 0; j < named.length; j++) {
      if (s.groups[named[j]].postings.indexOf(ord) < 0) continue;
      here = here === -1 || here === rootOfNamed[j] ? rootOfNamed[j] : -2;
    }
  }
  return here >= 0 ? here : rule.fallback;
}
