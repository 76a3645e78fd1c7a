import type { Cluster } from './coreference.js';
import type { DocTokens } from './doc-tokens.js';
import { foldKey } from './fold.js';
import type { Gazetteer } from './gazetteers.js';
import { ORG_NOUNS as ORG_NOUNS_, SPEECH_VERBS as SPEECH_VERBS_ } from './lexicon.js';
import { bestType, noEvidence, type Mention } from './mention.js';
import { cleanRole } from './roles.js';

// Module-local copies of the word lists (under tsx each imported binding is a getter call).
const ORG_NOUNS = ORG_NOUNS_;
const SPEECH_VERBS = SPEECH_VERBS_;

function bareMention(doc: DocTokens, from: number, to: number, key: string): Mention {
  const t = doc.tokens;
  return {
    from, to, start: t[from].start, end: t[to - 1].end, text: cleanRole(t, from, to), key, sent: t[from].sent,
    possessive: t[to]?.key === "'s", evidence: noEvidence(), role: null, placeName: null, demonym: false,
    titleOnly: false, descriptive: false, credit: null,
  };
}

/**
 * Longest name, in tokens, looked up inside a shouty sentence. Real names are
 * a handful of tokens; without a bound, a long capitalised run elsewhere in
 * the article made every position of an all-caps sentence try every length
 * (quadratic in the run, times the cost of building each key).
 */
const MAX_SHOUTY_NAME_TOKENS = 8;

/**
 * In headline-case and all-caps sentences capitals mean nothing, so only
 * names already known from the body (or countries/regions/demonyms from the
 * gazetteer) are accepted there, longest match first.
 */
export function addShoutyMentions(doc: DocTokens, clusters: Cluster[], gaz: Gazetteer): void {
  const known = new Map<string, Cluster>();
  let maxLen = 1;
  for (const c of clusters) {
    for (const m of c.mentions) {
      if (m.titleOnly || m.descriptive) continue;
      known.set(m.key, c);
      maxLen = Math.max(maxLen, m.to - m.from);
    }
  }
  // Gazetteer places keep their full length (a fixed bound); only names taken from this article are capped.
  const longest = Math.max(Math.min(maxLen, MAX_SHOUTY_NAME_TOKENS), gaz.maxPlaceTokens);
  // Place clusters by folded place name: one lookup per hit instead of a scan over every cluster.
  const byPlace = new Map<string, Cluster>();
  for (const x of clusters) if (x.placeName && !byPlace.has(foldKey(x.placeName))) byPlace.set(foldKey(x.placeName), x);
  for (const [from, to] of doc.sentenceRanges) {
    if (!doc.tokens[from]?.shouty) continue;
    let i = from;
    while (i < to) {
      let hit = 0;
      for (let n = Math.min(longest, to - i); n >= 1 && !hit; n--) {
        if (!doc.tokens[i].cap) break;
        const key = foldKey(cleanRole(doc.tokens, i, i + n));
        const c = known.get(key);
        const place = c ? undefined : gaz.places.get(key) ?? undefined;
        const dem = c || place || n > 1 ? undefined : gaz.demonyms.get(key);
        if (!c && !(place && place.kind !== 'city') && !dem) continue;
        const m = bareMention(doc, i, i + n, key);
        if (c) c.mentions.push(m);
        else {
          const placeName = place?.name ?? dem!;
          const pk = foldKey(placeName);
          let target = byPlace.get(pk);
          if (!target) {
            target = { mentions: [], evidence: noEvidence(), keys: new Set(), placeName };
            clusters.push(target);
            byPlace.set(pk, target);
          }
          m.placeName = placeName;
          m.demonym = !!dem;
          m.evidence.place = 4;
          target.evidence.place += 4;
          target.mentions.push(m);
          known.set(key, target);
        }
        hit = n;
      }
      i += hit || 1;
    }
  }
}

/** A mention of an organization cluster, as a candidate antecedent for "the group". */
interface OrgMention {
  start: number;
  sent: number;
  cluster: Cluster;
  /** The cluster's position in `clusters`: ties on `start` go to the earlier cluster. */
  order: number;
}

/**
 * "the group said", "the rights organization said": a descriptive reference
 * that is the subject of a speech verb refers to the organization most
 * recently named in the previous three sentences, when there is one.
 * Organization mentions are sorted once and walked with one pointer (plus
 * the descriptive mentions added on the way), so the pass is linear rather
 * than rescanning every cluster at each "the group".
 */
export function addDescriptiveMentions(doc: DocTokens, clusters: Cluster[]): void {
  const t = doc.tokens;
  const orgs: OrgMention[] = [];
  clusters.forEach((cluster, order) => {
    if (bestType(cluster.evidence) !== 'organization') return;
    for (const m of cluster.mentions) orgs.push({ start: m.start, sent: m.sent, cluster, order });
  });
  orgs.sort((a, b) => a.start - b.start || a.order - b.order);
  let next = 0;
  let latest: OrgMention | null = null;
  const consider = (o: OrgMention): void => {
    if (!latest || o.start > latest.start || (o.start === latest.start && o.order < latest.order)) latest = o;
  };
  for (let i = 0; i + 1 < t.length; i++) {
    if (t[i].key !== 'the') continue;
    let head = i + 1;
    if (!ORG_NOUNS.has(t[head].key) && head + 1 < t.length && /^\p{Ll}/u.test(t[head].text) && ORG_NOUNS.has(t[head + 1].key)) head++;
    // A capitalized head ("the Church") is a name, already handled by the chunker.
    if (!ORG_NOUNS.has(t[head].key) || t[head].cap || t[head].sent !== t[i].sent) continue;
    const verb = t[head + 1]?.key === ',' ? t[head + 2] : t[head + 1];
    if (!verb || !SPEECH_VERBS.has(verb.key)) continue;
    while (next < orgs.length && orgs[next].start < t[i].start) consider(orgs[next++]);
    // The latest mention is also in the latest sentence: if it is too far back, every earlier one is too.
    const best = latest as OrgMention | null;
    if (!best || t[i].sent - best.sent > 3) continue;
    const m = bareMention(doc, i, head + 1, foldKey(cleanRole(t, i, head + 1)));
    m.descriptive = true;
    best.cluster.mentions.push(m);
    consider({ start: m.start, sent: m.sent, cluster: best.cluster, order: best.order });
  }
}
