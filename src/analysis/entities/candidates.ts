import { isCommon, type NerType, type RawChunk } from './chunker.js';
import type { DocToken, DocTokens } from './doc-tokens.js';
import { foldKey } from './fold.js';
import type { Gazetteer, PlaceEntry } from './gazetteers.js';
import {
  COMMON_WORDS as COMMON_WORDS_, GENERIC_NOUNS as GENERIC_NOUNS_, ORG_HEADS as ORG_HEADS_, ORG_NOUNS as ORG_NOUNS_, PLACE_NOUNS as PLACE_NOUNS_, ORG_SUFFIXES as ORG_SUFFIXES_, OTHER_KEYWORDS as OTHER_KEYWORDS_, PERSON_VERBS as PERSON_VERBS_, PLACE_KEYWORDS as PLACE_KEYWORDS_, SPEECH_VERBS as SPEECH_VERBS_, TITLE_WORDS as TITLE_WORDS_,
} from './lexicon.js';
import { noEvidence, type Mention } from './mention.js';
import { appositiveRole, cleanRole, HEAD_TITLES, precedingRole, splitTitle } from './roles.js';

// Module-local copies of the word lists (under tsx each imported binding is a getter call).
const COMMON_WORDS = COMMON_WORDS_;
const GENERIC_NOUNS = GENERIC_NOUNS_;
const ORG_HEADS = ORG_HEADS_;
const ORG_NOUNS = ORG_NOUNS_;
const PLACE_NOUNS = PLACE_NOUNS_;
const ORG_SUFFIXES = ORG_SUFFIXES_;
const OTHER_KEYWORDS = OTHER_KEYWORDS_;
const PERSON_VERBS = PERSON_VERBS_;
const PLACE_KEYWORDS = PLACE_KEYWORDS_;
const SPEECH_VERBS = SPEECH_VERBS_;
const TITLE_WORDS = TITLE_WORDS_;

/** How the model's type maps onto entity types (CoNLL MISC: events, nationalities, works → other). */
const NER_TYPES = { PER: 'person', ORG: 'organization', LOC: 'place', MISC: 'other' } as const;
/** Evidence one model-typed mention adds: above any single hand-written cue (gazetteer 4, title 5). */
const NER_WEIGHT = 6;
/** One-word and rule-extended spans: below the 3 that lets coreference link a surname or short form. */
const NER_WEIGHT1 = 2.5;
const PLACE_HEADS = new Set(['mount', 'mt', 'mt.', 'lake', 'loch', 'gulf', 'cape', 'isle', 'river', 'port', 'fort', 'bay']);
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'from', 'to', 'near', 'across', 'throughout', 'outside', 'inside', 'around']);
const PLACE_POSSESSED = new Set(['capital', 'economy', 'government', 'border', 'borders', 'territory', 'population', 'army', 'military', 'president', 'prime', 'foreign', 'largest', 'northern', 'southern', 'eastern', 'western', 'coast']);

/**
 * Turn raw capitalized chunks into name mentions with type evidence:
 * sentence-initial words are checked against the rest of the document,
 * titles become roles, a leading place name is split off a person
 * ("United States Hamdullah Mohib"), and context cues vote on the type.
 */
export function buildMentions(doc: DocTokens, chunks: RawChunk[], gaz: Gazetteer): Mention[] {
  const { tokens } = doc;
  // Words and names seen capitalized away from the start of a sentence are trusted at the start too.
  const midCap = new Set<string>();
  const midChunks = new Set<string>();
  for (const c of chunks) {
    for (let k = c.from; k < c.to; k++) if (!tokens[k].initial) midCap.add(tokens[k].key);
    if (!tokens[c.from].initial) midChunks.add(keyOf(tokens, c.from, c.to));
  }
  const out: Mention[] = [];
  const acronyms = new Set<number>();
  for (const c of chunks) {
    if (acronyms.has(c.from)) continue; // "(ELN)" was already taken as the name's acronym
    let from = c.from;
    const to = c.to;
    // The model already read sentence-initial capitals in context; only the rule chunks need the check.
    if (!c.ner && tokens[from].initial && !midChunks.has(keyOf(tokens, from, to))) {
      const first = tokens[from];
      const weak = isCommon(first) || (doc.lowerSeen.has(first.key) && !midCap.has(first.key));
      if (weak) from++;
      else if (to - from === 1 && !midCap.has(first.key) && !isKnownSingle(tokens, from, gaz) && !cueAfter(tokens, to, doc)) from++;
    }
    if (from >= to || (to - from === 1 && GENERIC_NOUNS.has(tokens[from].key))) continue;
    const split = splitTitle(tokens, from, to, gaz);
    let nameFrom = split.nameFrom;
    // "United States Hamdullah Mohib": a place name glued before a two-word personal name.
    let placeLen = leadingPlace(tokens, nameFrom, to, gaz);
    // "Russian Svetlana Kuznetsova": a leading demonym is the nationality, not part of the name.
    if (placeLen === 0 && gaz.demonyms.has(tokens[nameFrom].key)) placeLen = 1;
    if (placeLen > 0 && to - (nameFrom + placeLen) >= 2 && gaz.personNames.has(tokens[nameFrom + placeLen].key)) {
      out.push(makeMention(doc, nameFrom, nameFrom + placeLen, gaz, null, false));
      nameFrom += placeLen;
    }
    const m = makeMention(doc, nameFrom, to, gaz, split.role && split.roleSpan ? { role: split.role, span: split.roleSpan } : null, c.honorific, c.ner, c.extended);
    // A bare title is a person's ("the Secretary of State"); the model's "Treasury" or "Security Council" is not.
    // "Mr. King" is a man called King: after an honorific a title word is a surname.
    if (split.nameFrom === from && !c.honorific && (c.ner === undefined || c.ner === 'PER' || hasHeadTitle(tokens, from, to)) && isTitleOnly(tokens, from, to)) {
      m.titleOnly = true;
      m.from = from;
      m.start = tokens[from].start;
      m.text = cleanRole(tokens, from, to);
      m.key = foldKey(m.text);
    }
    out.push(m);
    // "Sandrine Testud ( U.S. )" in results tables: a person's bracket holds a country or team, not an acronym.
    const acr = m.ner === 'PER' || m.ner === 'LOC' ? -1 : parentheticalAcronym(doc, to);
    if (acr >= 0 && !gaz.places.has(foldKey(tokens[acr].text))) {
      acronyms.add(acr);
      const a = makeMention(doc, acr, acr + 1, gaz, null, false);
      a.key = m.key; // "(ELN)" is another name for the organization just named
      a.evidence = { ...m.evidence };
      out.push(a);
    }
  }
  return harmonizeShortForms(unlinkedDemonyms(out), tokens);
}

/**
 * Document-level consistency for one-word model mentions: a word that is the surname of a person the model
 * found in full ("Sunak" after "Rishi Sunak") takes the person's type, and a word the model called a person
 * that is part of an organization's or place's full name ("Scientology" in "Church of Scientology") takes
 * that type. The tagger sees one sentence at a time; the article settles what it could not.
 */
function harmonizeShortForms(mentions: Mention[], tokens: DocToken[]): Mention[] {
  const surname = new Set<string>();
  const partOf = new Map<string, 'ORG' | 'LOC'>();
  for (const m of mentions) {
    if (!m.ner || m.to - m.from < 2) continue;
    if (m.ner === 'PER') surname.add(tokens[m.to - 1].key);
    else if (m.ner === 'ORG' || m.ner === 'LOC') for (let k = m.from; k < m.to; k++) if (tokens[k].cap) partOf.set(tokens[k].key, m.ner);
  }
  for (const m of mentions) {
    if (!m.ner || m.to - m.from !== 1 || m.ner === 'MISC') continue;
    const key = tokens[m.from].key;
    // A known place stays a place ("in Washington" beside George Washington): the model saw the context.
    const want = surname.has(key) && (m.ner === 'ORG' || !m.placeName) ? 'PER' : m.ner === 'PER' ? partOf.get(key) : undefined;
    if (!want || want === m.ner) continue;
    m.evidence[NER_TYPES[m.ner]] -= NER_WEIGHT1;
    m.evidence[NER_TYPES[want]] += NER_WEIGHT1;
    m.ner = want;
  }
  return mentions;
}

/**
 * A nationality the model calls MISC ("Indian batsman") stays an alias of its country when the article names
 * the country; otherwise it is not a place mention at all (CoNLL-style data calls it MISC).
 */
function unlinkedDemonyms(mentions: Mention[]): Mention[] {
  const named = new Set(mentions.filter((m) => m.placeName && !m.demonym).map((m) => m.placeName));
  for (const m of mentions) {
    if (!m.demonym || !m.miscDemonym || named.has(m.placeName)) continue;
    m.demonym = false;
    m.placeName = null;
    m.placeKind = undefined;
    m.evidence.place = 0;
  }
  return mentions;
}

function keyOf(tokens: DocToken[], from: number, to: number): string {
  return foldKey(cleanRole(tokens, from, to));
}

function hasHeadTitle(tokens: DocToken[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (HEAD_TITLES.has(tokens[k].key.replace(/\.$/, ''))) return true;
  return false;
}

/** A chunk made only of title words ("The President", "Home Secretary"), or a head title with its complement ("Mayor of London"). */
function isTitleOnly(tokens: DocToken[], from: number, to: number): boolean {
  const head = tokens[from].key.replace(/\.$/, '');
  if (HEAD_TITLES.has(head) && to - from >= 3 && (tokens[from + 1].key === 'of' || tokens[from + 1].key === 'to')) return true;
  for (let k = from; k < to; k++) {
    const key = tokens[k].key.replace(/\.$/, '');
    if (!TITLE_WORDS.has(key) && key !== 'of' && key !== 'the') return false;
  }
  return true;
}

/** Length in tokens of the longest gazetteer place starting at `from` (0 if none). */
export function leadingPlace(tokens: DocToken[], from: number, to: number, gaz: Gazetteer): number {
  for (let n = Math.min(gaz.maxPlaceTokens, to - from); n >= 1; n--) {
    const e = gaz.places.get(keyOf(tokens, from, from + n));
    if (e && (e.kind !== 'city' || n > 1)) return n;
  }
  return 0;
}

function isKnownSingle(tokens: DocToken[], k: number, gaz: Gazetteer): boolean {
  const key = foldKey(tokens[k].text);
  return gaz.places.has(key) || gaz.demonyms.has(key) || gaz.orgs.has(key) || /^\p{Lu}{2,}$/u.test(tokens[k].text.replace(/\./g, ''));
}

/** A speech or person verb, or a possessive, right after the name: "Blinken said", "Duque's". */
function cueAfter(tokens: DocToken[], to: number, doc: DocTokens): boolean {
  const t = tokens[to];
  if (!t || t.sent !== tokens[to - 1].sent) return false;
  return SPEECH_VERBS.has(t.key) || PERSON_VERBS.has(t.key) || t.key === "'s" || (t.key === ',' && doc.tokens[to + 1]?.key === 'who');
}

/** "National Liberation Army (ELN)": index of the acronym token, or -1. */
function parentheticalAcronym(doc: DocTokens, to: number): number {
  const t = doc.tokens;
  if (t[to]?.text !== '(' || t[to + 2]?.text !== ')') return -1;
  return /^\p{Lu}[\p{Lu}\d.&-]{1,9}$/u.test(t[to + 1].text) ? to + 1 : -1;
}

/** Build one mention over tokens `[from, to)` and score its type evidence. */
function makeMention(doc: DocTokens, from: number, to: number, gaz: Gazetteer, role: Mention['role'], honorific: boolean, ner?: NerType, extended = false): Mention {
  const tokens = doc.tokens;
  const text = cleanRole(tokens, from, to);
  const key = foldKey(text);
  const ev = noEvidence();
  // A model type other than place overrides the gazetteer: "NEW YORK" in a baseball table is a team,
  // "Indian" before a noun a nationality (CoNLL MISC), "Jordan" with a first name a person.
  const gazPlace = !ner || ner === 'LOC';
  const place = gazPlace ? gaz.places.get(key) ?? placeInName(tokens, from, to, gaz) : undefined;
  const demonym = (gazPlace || ner === 'MISC') && to - from <= 3 ? gaz.demonyms.get(key) : undefined; // "Colombian", "South African"
  const [sentStart, sentEnd] = doc.sentenceRanges[tokens[from].sent];
  const n = to - from;
  const first = tokens[from].key.replace(/\.$/, '');
  const last = tokens[to - 1].key.replace(/\.$/, '');
  const m: Mention = {
    from, to, start: tokens[from].start, end: tokens[to - 1].end, text, key, sent: tokens[from].sent,
    possessive: tokens[to]?.key === "'s", evidence: ev, role, placeName: null, demonym: false,
    titleOnly: false, descriptive: false, credit: null,
  };
  if (place) {
    const nameLike = gaz.personNames.has(key);
    ev.place += place.kind === 'city' ? (nameLike ? 1.5 : 2.5) : place.kind === 'subnational' && nameLike ? 2 : 4;
    m.placeName = place.name;
    m.placeKind = place.kind;
  } else if (demonym) {
    ev.place += 4;
    m.placeName = demonym;
    m.placeKind = gaz.places.get(foldKey(demonym))?.kind;
    m.demonym = true;
    m.miscDemonym = ner === 'MISC';
  }
  if (gaz.orgs.has(key)) {
    ev.organization += 3;
    m.knownOrg = true;
  }
  let keyword = false;
  for (let k = from + 1; k < to; k++) {
    const w = tokens[k].key.replace(/\.$/, '');
    if (ORG_SUFFIXES.has(w)) {
      ev.organization += k === to - 1 ? 3 : 2;
      keyword = true;
    }
  }
  if (n > 2 && ORG_HEADS.has(first) && (tokens[from + 1].key === 'of' || tokens[from + 1].key === 'for')) {
    ev.organization += 3;
    keyword = true;
  }
  if (n > 1 && PLACE_KEYWORDS.has(last) && !ORG_SUFFIXES.has(last)) ev.place += 2.5;
  const placeHead = n > 1 && PLACE_HEADS.has(first);
  if (placeHead) ev.place += 2.5;
  if (OTHER_KEYWORDS.has(last)) ev.other += n > 1 ? 3 : 1;
  // "Real Madrid", "South African", "River Tyne": a place or demonym inside is not a personal name.
  const lastPlace = n > 1 && (gaz.demonyms.has(last) || gaz.places.get(last)?.kind === 'country' || (gaz.places.get(last)?.population ?? 0) >= 1_000_000);
  keyword ||= PLACE_KEYWORDS.has(last) || OTHER_KEYWORDS.has(last) || ORG_NOUNS.has(last) || placeHead || lastPlace;
  if (n === 1 && /^\p{Lu}{2,6}$/u.test(tokens[from].text.replace(/\./g, '')) && !place && !doc.lowerSeen.has(key) && !COMMON_WORDS.has(key)) ev.organization += 1.5;
  if (n > 1 && n <= 4 && !place && !keyword) {
    if (gaz.personNames.has(first) && !doc.lowerSeen.has(first)) ev.person += gaz.places.has(first) ? 2 : 2.5;
    else if (/^(\p{Lu}\.)+$/u.test(tokens[from].text)) ev.person += 2.5; // "K.C. Maurer"
  }
  if (honorific) ev.person += 5;
  if (role) ev.person += 5;
  const before = precedingRole(tokens, from, sentStart);
  if (before) {
    if (before.person) ev.person += 3;
    else ev.organization += 3;
    if (before.person && !m.role) m.role = { role: before.role, span: before.span };
  }
  const appo = appositiveRole(tokens, to, sentEnd);
  if (appo && !place) {
    if (appo.person) ev.person += 3;
    else ev.organization += 2;
    if (appo.person && !m.role) m.role = { role: appo.role, span: appo.span };
  }
  const next = tokens[to]?.sent === m.sent ? tokens[to] : undefined;
  const after = next?.key === ',' ? tokens[to + 1] : next;
  if (after && SPEECH_VERBS.has(after.key)) ev.person += 1;
  if (after && PERSON_VERBS.has(after.key)) ev.person += 1.5;
  const prev = from > sentStart ? tokens[from - 1] : undefined;
  // People rarely take an article: "the Church denied", "the Administration said".
  if (prev?.key === 'the' && n === 1) ev.person -= 1;
  if (prev && PLACE_PREPOSITIONS.has(prev.key)) {
    ev.place += 0.7;
    m.placeCue = true;
  }
  if (m.possessive && tokens[to + 1] && PLACE_POSSESSED.has(tokens[to + 1].key)) ev.place += 0.8;
  // One word is often a surname or short form whose type coreference settles better ("Scientology" after
  // "Church of Scientology"), so it weighs less than a full name.
  if (ner) {
    ev[NER_TYPES[ner]] += n === 1 || extended ? NER_WEIGHT1 : NER_WEIGHT;
    m.ner = ner;
  }
  return m;
}

/** "State of Texas", "City of Cali", "Taipei City", "Bogliasco municipality": the place inside. */
function placeInName(tokens: DocToken[], from: number, to: number, gaz: Gazetteer): PlaceEntry | undefined {
  const n = to - from;
  if (n >= 3 && PLACE_NOUNS.has(tokens[from].key) && tokens[from + 1].key === 'of') return gaz.places.get(keyOf(tokens, from + 2, to));
  if (n >= 2 && (tokens[to - 1].key === 'city' || tokens[to - 1].key === 'province' || tokens[to - 1].key === 'state')) {
    const p = gaz.places.get(keyOf(tokens, from, to - 1));
    return p && p.kind !== 'country' ? p : undefined;
  }
  return undefined;
}
