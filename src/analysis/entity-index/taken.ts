import type { Group } from './entity-groups.js';

/**
 * The ordinals (ascending) and mention total a member group gives its root: the postings whose article is
 * live (`live`: the groups of each article ordinal, null once removed), or for a bare name (`targets`, one
 * resolved root per posting; see EntityResolution.singleTargets) those resolved to `r`.
 */
export function taken(g: Group, targets: Int32Array | null, r: number, live: readonly (Int32Array | null)[]): { ords: Int32Array; mentions: number } {
  const p = g.postings;
  const out = new Int32Array(p.n);
  let w = 0;
  let mentions = 0;
  for (let i = 0; i < p.n; i++) {
    if (targets ? targets[i] !== r : !live[p.ords[i]]) continue;
    out[w++] = p.ords[i];
    mentions += p.counts[i];
  }
  return { ords: w === p.n ? out : out.slice(0, w), mentions };
}
