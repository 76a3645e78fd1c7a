import type { DocTokens } from './doc-tokens.js';
import { addEvidence, bestType, type Evidence, type Mention } from './mention.js';

/** A group of mentions that name one thing in the article. */
export interface Cluster {
  mentions: Mention[];
  evidence: Evidence;
  /** Folded keys of every surface form in the cluster. */
  keys: Set<string>;
  placeName: string | null;
}

/** Small words inside a name ("Church of Scientology") that neither identify it nor spell its initials. */
export const CONNECTORS = new Set(['of', 'the', 'and', 'for', '&', 'de', 'la', 'del']);

/** The folded words of one mention. */
export function words(m: Mention, doc: DocTokens): string[] {
  const out: string[] = [];
  for (let k = m.from; k < m.to; k++) out.push(doc.tokens[k].key);
  return out;
}

/** The words of a cluster's longest mention (its fullest name). */
export function longest(c: Cluster, doc: DocTokens): string[] {
  let best: string[] = [];
  for (const m of c.mentions) {
    const w = words(m, doc);
    if (w.length > best.length) best = w;
  }
  return best;
}

/** Whether the cluster's evidence says person. */
export function isPersonish(c: Cluster): boolean {
  return bestType(c.evidence) === 'person';
}

/** The candidate with a mention closest before `m` (the first candidate if none precedes it). */
export function nearestBefore(cands: Cluster[], m: Mention): Cluster {
  let target = cands[0];
  let bestPos = -1;
  for (const p of cands) {
    for (const pm of p.mentions) if (pm.start < m.start && pm.start > bestPos) [target, bestPos] = [p, pm.start];
  }
  return target;
}

/** Move every mention, key and piece of evidence of `from` into `into`, leaving `from` empty. */
export function merge(into: Cluster, from: Cluster): void {
  for (const m of from.mentions) into.mentions.push(m);
  for (const k of from.keys) into.keys.add(k);
  addEvidence(into.evidence, from.evidence);
  from.mentions = [];
}

/** Add one mention to `into` (the caller removes it from where it was). */
export function moveMention(into: Cluster, m: Mention): void {
  into.mentions.push(m);
  into.keys.add(m.key);
  addEvidence(into.evidence, m.evidence);
}
