import type { DocTokens } from './doc-tokens.js';
import { foldKey } from './fold.js';
import { mentionGender, otherGenderKnown } from './mention-gender.js';
import { givenNames } from '../quotes/given-names.js';
import { TITLE_WORDS as TITLE_WORDS_ } from './lexicon.js';
import { addEvidence, bestType, noEvidence, type Mention } from './mention.js';
import { CONNECTORS as CONNECTORS_, isPersonish, longest, merge, moveMention, nearestBefore, words, type Cluster } from './cluster.js';
import { linkOrganizations } from './link-organizations.js';

export type { Cluster } from './cluster.js';

// Module-local copies of the word lists (under tsx each imported binding is a getter call).
const TITLE_WORDS = TITLE_WORDS_;
const CONNECTORS = CONNECTORS_;

/** Heads of administrative regions and natural features (a subset of PLACE_KEYWORDS without buildings). */
const GEO_HEADS = new Set(`county province prefecture district state city town village region territory river lake
mountain mountains island islands valley bay sea ocean gulf peninsula desert forest canyon falls beach coast hills
heights cape strait`.split(/\s+/));
/** The longest person name looked up as a prefix of a longer run ("Trump Tower"). */
const MAX_NAME_WORDS = 6;

/**
 * Group mentions into entities:
 * 1. same folded name (places: same gazetteer place, so "U.S." = "United States", "Colombian" = "Colombia");
 * 2. a surname or first name joins the one full person name that has it
 *    (with two candidates, the nearest preceding one wins, so two people who
 *    share a surname stay apart);
 * 3. an acronym joins the organization whose initials it spells, and
 *    "Scientology" joins "Church of Scientology";
 * 4. a bare title ("The President") joins the last person holding that title.
 */
export function clusterMentions(mentions: Mention[], doc: DocTokens): Cluster[] {
  const byKey = new Map<string, Cluster>();
  const titles: Mention[] = [];
  for (const m of mentions) {
    if (m.titleOnly) {
      titles.push(m);
      continue;
    }
    const k = m.placeName ? 'place:' + foldKey(m.placeName) : m.key;
    let c = byKey.get(k);
    if (!c) byKey.set(k, (c = { mentions: [], evidence: noEvidence(), keys: new Set(), placeName: m.placeName }));
    c.mentions.push(m);
    c.keys.add(m.key);
    addEvidence(c.evidence, m.evidence);
  }
  const clusters = [...byKey.values()];
  demoteNamedThings(clusters, doc);
  linkPartialNames(clusters, doc);
  linkOrganizations(clusters, doc);
  const alive = clusters.filter((c) => c.mentions.length > 0);
  linkTitles(alive, titles);
  return alive.filter((c) => c.mentions.length > 0);
}

/**
 * "Warhol Polaroids", "Trump Tower": a capitalized run that starts with the
 * surname of a person named in full elsewhere is a thing named after them,
 * not a person called "Warhol". Its person evidence is dropped, and the
 * surname inside it becomes a mention of the person (nested, so the scorer
 * and /who see both).
 */
function demoteNamedThings(clusters: Cluster[], doc: DocTokens): void {
  const people = new Map<string, Cluster>();
  let maxWords = 1;
  for (const c of clusters) {
    const w = longest(c, doc);
    // Real names are a handful of words; a long capitalised run typed "person" is not a name to look up.
    if (!isPersonish(c) || w.length < 2 || w.length > MAX_NAME_WORDS || TITLE_WORDS.has(w[w.length - 1])) continue;
    people.set(w.join(' '), c);
    people.set(w[w.length - 1], c);
    maxWords = Math.max(maxWords, w.length);
  }
  if (people.size === 0) return;
  for (const c of clusters) {
    const w = longest(c, doc);
    if (w.length < 2) continue;
    let owner: Cluster | undefined;
    let len = 0;
    // Only prefixes as long as a known name can match: bounded, so a long capitalised run stays linear.
    for (let n = Math.min(w.length - 1, maxWords); n >= 1 && !owner; n--) {
      owner = people.get(w.slice(0, n).join(' '));
      len = n;
    }
    if (!owner || owner === c) continue;
    // "Moore County", "Lincoln River": a region or natural feature named after someone long ago is not a mention
    // of the person this article names ("Trump Tower", a building the person owns, still is).
    if (GEO_HEADS.has(w[w.length - 1])) continue;
    if (isPersonish(c)) {
      if (c.evidence.person >= 5) continue;
      c.evidence.person = 0;
      c.evidence.other += 1;
    }
    for (const m of [...c.mentions]) {
      if (m.to - m.from <= len || !owner.keys.has(words(m, doc).slice(0, len).join(' ')) && doc.tokens[m.from].key !== w[0]) continue;
      const to = m.from + len;
      moveMention(owner, { ...m, to, end: doc.tokens[to - 1].end, text: doc.tokens.slice(m.from, to).map((t) => t.text).join(' '), key: w.slice(0, len).join(' '), evidence: { person: 0, organization: 0, place: 0, other: 0 }, role: null, possessive: false, nested: true });
    }
  }
}

/** Surname / first-name / middle-name-dropped mentions join a full person name. */
function linkPartialNames(clusters: Cluster[], doc: DocTokens): void {
  const people = clusters.filter((c) => isPersonish(c) && longest(c, doc).length >= 2);
  const peopleSet = new Set(people);
  const order = new Map(people.map((p, i) => [p, i]));
  // Every name a part can be covered by shares its first or last content word: look those up instead of
  // comparing every cluster with every person (quadratic on articles with many names).
  const fullOf = new Map<Cluster, string[]>(people.map((p) => [p, longest(p, doc)]));
  const byWord = new Map<string, Cluster[]>();
  for (const p of people) {
    const f = fullOf.get(p)!.filter((x) => !CONNECTORS.has(x));
    for (const k of new Set([f[0], f[f.length - 1]])) if (k) (byWord.get(k) ?? byWord.set(k, []).get(k)!).push(p);
  }
  const covering = (c: Cluster, w: string[]): Cluster[] => {
    const p = w.filter((x) => !CONNECTORS.has(x));
    const keys = new Set([p[0], p[p.length - 1], w[w.length - 1]]);
    const out = new Set<Cluster>();
    for (const k of keys) for (const q of (k && byWord.get(k)) || []) if (q !== c && covers(fullOf.get(q)!, w)) out.add(q);
    return [...out].sort((x, y) => order.get(x)! - order.get(y)!);
  };
  for (const c of clusters) {
    const w = longest(c, doc);
    if (peopleSet.has(c) && w.length >= 2 && covering(c, w).length === 0) continue;
    const listedOrg = 3 * c.mentions.filter((m) => m.knownOrg).length;
    if (bestType(c.evidence) === 'organization' && c.evidence.organization - listedOrg >= 3) continue;
    if (c.placeName && c.mentions.some((m) => m.placeKind === 'country')) continue; // "Jordan" the country
    let cands = covering(c, w).filter((p) => p.mentions.length > 0);
    if (cands.length === 0) continue;
    // A surname match beats a first-name match ("Warhol" is Andy Warhol, not "Warhol Polaroids").
    const bySurname = cands.filter((p) => isSurnameOf(fullOf.get(p)!, w));
    if (bySurname.length > 0) cands = bySurname;
    if (c.placeName) {
      // "Washington": with George Washington in the story, the bare name is him unless the
      // context says place ("in Washington", "flew to Washington").
      const keep = c.mentions.filter((m) => m.placeCue);
      for (const m of c.mentions) if (!m.placeCue) moveMention(nearestBefore(cands, m), m);
      c.mentions = keep;
      continue;
    }
    if (cands.length === 1) {
      // "Mr. Obama" with only Michelle Obama named in full is not Michelle: those mentions stay apart.
      const g = givenNames().gender(longest(cands[0], doc)[0] ?? '');
      // A two-word surname ("Suu Kyi") is specific enough that only an honorific can split it off: a
      // pronoun after it may be wrong about a given name's gender ("Aung" is listed as male).
      const clash = g ? c.mentions.filter((m) => { const h = mentionGender(m, doc, w.length < 2); return h !== null && h !== g; }) : [];
      if (clash.length === 0 || !otherGenderKnown(c.mentions[0].text, longest(cands[0], doc)[0] ?? '', clash, doc)) merge(cands[0], c);
      else {
        for (const m of c.mentions) if (!clash.includes(m)) moveMention(cands[0], m);
        c.mentions = clash;
      }
      continue;
    }
    // Several people share the name: each mention goes to the family member a reader would pick.
    for (const m of c.mentions) moveMention(familyMember(cands, m, doc), m);
    c.mentions = [];
  }
}

/**
 * "Clinton" with Hillary and Bill both named: an honorific that fixes the
 * gender ("Mr. Clinton") rules out the others; a family member named in full
 * in this or the previous sentence is the one meant; otherwise the one the
 * article is about (most mentions; the first named on a tie).
 */
function familyMember(cands: Cluster[], m: Mention, doc: DocTokens): Cluster {
  const want = mentionGender(m, doc);
  let pool = cands;
  if (want) {
    const agree = cands.filter((c) => givenNames().gender(longest(c, doc)[0] ?? '') === want);
    if (agree.length > 0) pool = agree;
  }
  if (pool.length === 1) return pool[0];
  const near = nearestBefore(pool, m);
  const nearMention = near.mentions.filter((x) => x.start < m.start).pop();
  if (nearMention && m.sent - nearMention.sent <= 1) return near;
  let best = pool[0];
  for (const c of pool) if (c.mentions.length > best.mentions.length) best = c;
  return best;
}

function isSurnameOf(full: string[], part: string[]): boolean {
  return full.slice(full.length - part.length).join(' ') === part.join(' ');
}

/** `full` contains `part` as its surname, its first name, or first+last with middles dropped. */
function covers(full: string[], part: string[]): boolean {
  if (part.length === 0 || part.length >= full.length) return false;
  const f = full.filter((x) => !CONNECTORS.has(x));
  if (part.length === 1) return f[f.length - 1] === part[0] || f[0] === part[0];
  const p = part.filter((x) => !CONNECTORS.has(x));
  // "Ursula von der Leyen" → "von der Leyen"; "Luis Jaime Acosta" → "Luis Acosta" / "Jaime Acosta".
  if (full.slice(full.length - part.length).join(' ') === part.join(' ')) return true;
  return p[0] === f[0] && p[p.length - 1] === f[f.length - 1];
}

/** "The President" → the nearest preceding person whose role has "president". */
function linkTitles(clusters: Cluster[], titles: Mention[]): void {
  for (const t of titles) {
    const heads = t.key.split(' ').filter((w) => TITLE_WORDS.has(w) && w !== 'the');
    let best: Cluster | null = null;
    let pos = -1;
    for (const c of clusters) {
      if (!isPersonish(c)) continue;
      for (const m of c.mentions) {
        if (!m.role || m.start >= t.start || m.start <= pos) continue;
        const role = foldKey(m.role.role);
        if (heads.length > 0 && heads.every((h) => role.split(' ').includes(h))) [best, pos] = [c, m.start];
      }
    }
    if (best) moveMention(best, t);
  }
}
