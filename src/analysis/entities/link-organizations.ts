import type { DocTokens } from './doc-tokens.js';
import { ORG_SUFFIXES as ORG_SUFFIXES_, PUBLICATION_HEADS as PUBLICATION_HEADS_ } from './lexicon.js';
import { bestType } from './mention.js';
import { CONNECTORS as CONNECTORS_, isPersonish, longest, merge, moveMention, nearestBefore, type Cluster } from './cluster.js';

// Module-local copies of the word lists (under tsx each imported binding is a getter call).
const ORG_SUFFIXES = ORG_SUFFIXES_;
const PUBLICATION_HEADS = PUBLICATION_HEADS_;
const CONNECTORS = CONNECTORS_;

const COMPASS = new Set(['north', 'south', 'east', 'west']);

/**
 * Acronyms join their expansion ("ELN", "L.A."); a shorter name made of words
 * of a longer organization name joins it ("Scientology", "the Church" →
 * "Church of Scientology"; "Supreme Court" → "Italian Supreme Court of
 * Cassation"). With several candidates the nearest one named before wins.
 */
export function linkOrganizations(clusters: Cluster[], doc: DocTokens): void {
  const longs = clusters.filter((c) => c.mentions.some((m) => m.to - m.from >= 2) && bestType(c.evidence) !== 'person');
  // Candidates are looked up by initials and by word instead of scanning every long name for every cluster.
  const order = new Map(longs.map((o, i) => [o, i]));
  const byInitials = new Map<string, Cluster[]>();
  const byWord = new Map<string, Cluster[]>();
  const add = (m: Map<string, Cluster[]>, k: string, o: Cluster): void => {
    const list = m.get(k);
    if (!list) m.set(k, [o]);
    else if (list[list.length - 1] !== o) list.push(o);
  };
  for (const o of longs) {
    for (const k of o.keys) add(byInitials, initials(k), o);
    for (const x of new Set(longest(o, doc))) add(byWord, x, o);
  }
  const ordered = (list: Cluster[] | undefined): Cluster[] => [...new Set(list ?? [])].sort((x, y) => order.get(x)! - order.get(y)!);
  for (const c of clusters) {
    // A weakly typed one-word "person" ("the Church denied") may still be part of an organization's name.
    if (c.mentions.length === 0 || (isPersonish(c) && (c.evidence.person >= 3 || longest(c, doc).length > 1))) continue;
    if (c.placeName && !COMPASS.has(c.mentions[0].key)) continue;
    const w = longest(c, doc);
    const surface = c.mentions.find((m) => m.to - m.from === w.length)!.text.replace(/\./g, '');
    let cands: Cluster[];
    if (w.length === 1 && /^\p{Lu}{2,8}$/u.test(surface)) {
      cands = ordered(byInitials.get(surface.toLowerCase())).filter((o) => o !== c && [...o.keys].some((k) => initials(k) === surface.toLowerCase()));
    } else {
      // "the North" → North Korea; otherwise places are never part of an organization's name.
      const compass = w.length === 1 && COMPASS.has(w[0]);
      const content = w.filter((x) => !CONNECTORS.has(x));
      const pool = content.length ? ordered(byWord.get(content[0])) : [];
      cands = pool.filter((o) => o !== c && (compass ? !!o.placeName && longest(o, doc)[0] === w[0] : !o.placeName && partOfName(longest(o, doc), w)));
    }
    if (cands.length === 0) continue;
    if (cands.length === 1) {
      merge(cands[0], c);
      // The merged names' initials now spell the host too ("L.A." after "Los Angeles" took "LA Times"…).
      for (const k of c.keys) add(byInitials, initials(k), cands[0]);
    } else {
      for (const m of c.mentions) {
        const host = nearestBefore(cands, m);
        moveMention(host, m);
        add(byInitials, initials(m.key), host);
      }
      c.mentions = [];
    }
  }
}

/** Every content word of `part` is in `full`, and `part` is shorter. */
function partOfName(full: string[], part: string[]): boolean {
  if (part.length >= full.length) return false;
  const content = part.filter((x) => !CONNECTORS.has(x));
  if (content.length === 0) return false;
  const set = new Set(full);
  if (!content.every((x) => set.has(x))) return false;
  // "The Post" after "The New York Post"; a lone "Department" or "Committee" could be any of several.
  if (content.length === 1 && PUBLICATION_HEADS.has(content[0]) && full[full.length - 1] === content[0]) return true;
  return !content.every((x) => ORG_SUFFIXES.has(x) && x !== 'church' && x !== 'university' && x !== 'court' && x !== 'administration');
}

/** "national liberation army" → "nla"; skips connectors. */
function initials(key: string): string {
  return key
    .split(/[\s-]+/)
    .filter((w) => /^\p{L}/u.test(w) && !CONNECTORS.has(w))
    .map((w) => w[0])
    .join('');
}
