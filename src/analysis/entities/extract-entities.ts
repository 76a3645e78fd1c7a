import type { ArticleEntity, EntityType, Sentence } from '../types.js';
import { findChunks } from './chunker.js';
import { buildMentions } from './candidates.js';
import { clusterMentions, type Cluster } from './coreference.js';
import { buildDocTokens, type DocTokens } from './doc-tokens.js';
import { getGazetteer } from './gazetteers.js';
import { bestType } from './mention.js';
import { addBylines } from './bylines.js';
import { addDescriptiveMentions, addShoutyMentions } from './extra-mentions.js';
import { fold } from './fold.js';
import { splitGluedChunks } from './name-boundaries.js';
import { addTranscriptSpeakers } from './transcript-labels.js';
import { HEAD_TITLES, stripNameTitles } from './roles.js';
import { ORG_SUFFIXES, TITLE_ABBREVIATIONS } from './lexicon.js';
import { givenNames, type Gender } from '../quotes/given-names.js';
import { expandSurname } from './known-people.js';

/** What the entity stage is told besides the text. */
export interface EntityOptions {
  title?: string | null;
  /** Names credited as reporters/editors by cleaning; kept out of subjects. */
  byline: string[];
  publishedAt?: string | null;
}

/**
 * Find the people, organizations and places an article names, with their
 * aliases, roles and every mention. Pure and deterministic.
 *
 * Steps: tokens → capitalized chunks → mentions with type evidence (gazetteers,
 * titles, appositives, speech verbs…) → clusters (surnames, acronyms,
 * demonyms, titles) → one type per cluster (document-level consistency) →
 * descriptive references, headline-case matches and bylines.
 */
export function extractEntities(text: string, sentences: Sentence[], opts: EntityOptions): ArticleEntity[] {
  const gaz = getGazetteer();
  const doc = buildDocTokens(text, sentences);
  const mentions = buildMentions(doc, splitGluedChunks(doc, findChunks(doc)), gaz);
  const clusters = clusterMentions(mentions, doc);
  addShoutyMentions(doc, clusters, gaz);
  addTranscriptSpeakers(text, doc, clusters);
  addDescriptiveMentions(doc, clusters);
  const entities: ArticleEntity[] = [];
  const origin = new Map<ArticleEntity, Cluster>();
  for (const c of clusters) {
    const e = toEntity(c, doc);
    if (e) {
      entities.push(e);
      origin.set(e, c);
    }
  }
  expandSurnames(entities, origin, doc);
  const out = addBylines(text, entities, opts.byline);
  out.sort((a, b) => (a.mentions[0]?.[0] ?? Infinity) - (b.mentions[0]?.[0] ?? Infinity));
  return out;
}

/**
 * "Mr. Obama", "President Obama" with no full name in the article: the person
 * the reference list says the surname means (known-people.ts), unless another
 * entity of the article already has that name. The surname stays an alias.
 */
function expandSurnames(entities: ArticleEntity[], origin: Map<ArticleEntity, Cluster>, doc: DocTokens): void {
  const names = new Set(entities.map((e) => fold(e.name)));
  // A given name the article uses alone ("this is America, Chris") says which of several namesakes it means.
  const firstNames = new Set(entities.filter((e) => e.type === 'person' && !e.name.includes(' ')).map((e) => fold(e.name)));
  for (const e of entities) {
    if (e.type !== 'person' || e.name.includes(' ') || !/^\p{Lu}[\p{L}'’-]+$/u.test(e.name)) continue;
    const c = origin.get(e);
    const full = expandSurname(e.name, c ? honorificGender(c, doc) : null, undefined, firstNames);
    if (!full || names.has(fold(full))) continue;
    names.add(fold(full));
    if (!e.aliases.some((a) => fold(a) === fold(e.name))) e.aliases.push(e.name);
    e.name = full;
  }
}

/** The gender the article's honorifics give a cluster ("Mr. Clinton"), when they agree. */
function honorificGender(c: Cluster, doc: DocTokens): Gender | null {
  let m = 0;
  let f = 0;
  for (const x of c.mentions) {
    const prev = doc.tokens[x.from - 1]?.key.replace(/\.$/, '');
    if (prev === 'mr') m++;
    else if (prev === 'mrs' || prev === 'ms' || prev === 'miss') f++;
  }
  return m > 0 && f === 0 ? 'm' : f > 0 && m === 0 ? 'f' : null;
}

/** Pick type, canonical name, aliases, roles and mention spans for one cluster. */
function toEntity(c: Cluster, doc: DocTokens): ArticleEntity | null {
  let type: EntityType = c.placeName && c.evidence.place >= c.evidence.person ? 'place' : bestType(c.evidence) ?? 'other';
  const named = c.mentions.filter((m) => !m.titleOnly && !m.descriptive && !m.nested);
  if (named.length === 0) return null;
  let name = canonicalName(c, type);
  // One person, one entity: "Republican Donald Trump" and "Donald Trump" are the same name, the prefix a role.
  let strippedRole: string | null = null;
  const clean = stripNameTitles(name);
  // "New Jersey Gov. Chris Christie": an office word before a given name and surname makes a person,
  // whatever the place or organization words in front suggested.
  // The prefix must hold an office ("Gov.", "Director"), not only a modifier ("National Urban League"), and
  // the name must not end like an organization's.
  const cw = clean.name.split(' ');
  const officeHolder = !!clean.role && cw.length > 1 && givenNames().has(cw[0]) && !ORG_SUFFIXES.has(cw[cw.length - 1].toLowerCase()) &&
    clean.role.split(/\s+/).some((w) => HEAD_TITLES.has(w.toLowerCase()) || HEAD_TITLES.has(w.toLowerCase().replace(/\.$/, '')));
  if (clean.role && (type === 'person' || officeHolder)) [name, strippedRole, type] = [clean.name, clean.role, 'person'];
  else if (type === 'person' && clean.name !== name) name = clean.name;
  // A lone capitalised word that the article also uses as an ordinary word ("Space", "Iodine") is not a
  // person unless a title or role says so.
  if (type === 'person' && !name.includes(' ') && doc.lowerSeen.has(name.toLowerCase()) && !c.mentions.some((m) => m.role)) type = 'other';
  const aliasSet = new Map<string, string>();
  const addAlias = (s: string): void => {
    const k = fold(s);
    if (k !== fold(name) && !aliasSet.has(k)) aliasSet.set(k, s);
  };
  for (const m of named) {
    addAlias(m.text);
    if (m.possessive && type === 'place') addAlias(m.text + doc.tokens[m.to].text);
  }
  if (type === 'person') for (const s of derivedPersonAliases(name)) addAlias(s);
  const roles = c.mentions
    .filter((m) => m.role)
    .map((m) => ({ role: expandTitles(m.role!.role), span: m.role!.span }));
  // Demonyms ("Colombian officials") are aliases of the place but not mentions of it, unless the place is
  // only ever named that way: "Afghan team" is about a team, and CoNLL-style data calls them MISC.
  const properPlace = c.mentions.some((m) => !m.demonym);
  const mentions = c.mentions
    .filter((m) => !m.demonym || !properPlace)
    .map((m) => [m.start, m.end] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  return {
    name,
    type,
    role: type === 'person' ? bestRole(roles.map((r) => r.role)) ?? strippedRole : null,
    roles: type === 'person' ? roles : [],
    aliases: [...aliasSet.values()],
    mentions,
    kind: 'subject',
  };
}

/** "Massachusetts Sen." → "Massachusetts Senator": abbreviated titles spelled out (the span still points at the text). */
function expandTitles(role: string): string {
  return role.replace(/\b(\p{L}+)\.(?=\s|$)/gu, (all, w: string) => TITLE_ABBREVIATIONS.get(w.toLowerCase()) ?? all);
}

/**
 * The most complete surface form. Places named only by an abbreviation or
 * demonym ("U.S.", "Colombian") take the gazetteer's name ("United States").
 */
function canonicalName(c: Cluster, type: EntityType): string {
  const named = c.mentions.filter((m) => !m.titleOnly && !m.descriptive && !m.demonym && !m.nested);
  if (type === 'place' && c.placeName) {
    // Countries go by one name everywhere ("Britain", "UK" → "United Kingdom") so the corpus index can merge them.
    if (c.mentions.some((m) => m.placeKind === 'country')) return c.placeName;
    const full = named.find((m) => fold(m.text) === fold(c.placeName!));
    if (full) return full.text;
    const plain = named.filter((m) => !/\./.test(m.text) && m.text.length > 3 && m.text !== m.text.toUpperCase());
    if (plain.length === 0) return c.placeName;
  }
  const pool = named.length > 0 ? named : c.mentions;
  let best = pool[0];
  for (const m of pool) {
    const w = m.to - m.from;
    const bw = best.to - best.from;
    if (w > bw || (w === bw && m.text.length > best.text.length && !/^\p{Lu}+$/u.test(m.text))) best = m;
  }
  return best.text;
}

/** Prefer a capitalized title ("US Secretary of State") over a descriptive appositive; longer wins. */
function bestRole(roles: string[]): string | null {
  let best: string | null = null;
  let score = -1;
  for (const r of roles) {
    const s = (/^\p{Lu}/u.test(r) ? 100 : 0) + Math.min(r.length, 60);
    if (s > score) [best, score] = [r, s];
  }
  return best;
}

/**
 * Short forms readers use for a person even when this article does not:
 * the surname with its particles ("Petro", "de la Cruz", "bin Salman"), and
 * the name without middle initials ("Donald Trump" for "Donald J. Trump").
 */
function derivedPersonAliases(name: string): string[] {
  const w = name.split(' ');
  if (w.length < 2) return [];
  let k = w.length - 1;
  while (k > 1 && /^\p{Ll}/u.test(w[k - 1])) k--;
  const out = [w.slice(k).join(' ')];
  // "Donald J. Trump", "John F. Kerry": the name without middle initials is how most articles write it.
  const plain = w.filter((x, i) => i === 0 || i >= k || !/^\p{Lu}\.$/u.test(x));
  if (plain.length < w.length && plain.length >= 2) out.push(plain.join(' '));
  return out;
}
