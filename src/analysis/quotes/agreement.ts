/**
 * Who "he", "she" and "the senator" are: the antecedent a reader would pick.
 * Candidates are the people mentioned before the pronoun; a candidate whose
 * gender disagrees is never chosen; among the rest, recency (in sentences),
 * being the subject of its sentence and salience in the article decide.
 * Each lookup walks back a bounded window, so the cost stays linear in
 * article length however many pronouns there are.
 */
import { PERSON_ROLE_NOUNS } from '../entities/lexicon.js';
import type { ArticleEntity } from '../types.js';
import { givenNames, type Gender } from './given-names.js';

/** A mention as the resolver sees it. */
export interface CandidateMention {
  start: number;
  end: number;
  entity: ArticleEntity;
  /** A pronoun already resolved to `entity` (a link in the chain, not a name). */
  pronoun?: boolean;
}

/** The chosen antecedent and how sure the choice is (0–1). */
export interface Antecedent {
  entity: ArticleEntity;
  /** Share of the evidence behind the winner: 1 when it is the only compatible person near. */
  certainty: number;
}

/** Words that say a person's gender when they sit right before or in a role next to the name. */
const FEMALE_WORDS = /\b(?:mrs|ms|miss|madam|spokeswoman|congresswoman|chairwoman|businesswoman|councilwoman|wife|mother|daughter|sister|widow|first lady|actress|grandmother|aunt|niece|queen|princess|duchess)\b/i;
const MALE_WORDS = /\b(?:mr|spokesman|congressman|chairman|businessman|councilman|husband|father|son|brother|widower|actor|grandfather|uncle|nephew|king|prince|duke)\b/i;

/** Pronouns tied to an entity's own mentions: how often "she/her" and "he/his" follow it with no other person between. */
export interface PronounVotes {
  f: number;
  m: number;
}

/**
 * Gender of a person entity. An honorific or gendered role word next to its
 * own mentions ("Mrs. May", "spokeswoman") decides first; then its given
 * name from the list; then the pronouns tied to its mentions. Pronoun votes
 * also overrule the list when they clearly disagree with it: given names
 * cross languages and genders ("Aung" in Aung San Suu Kyi is listed male),
 * while "she" after her own name in several sentences is the article's word.
 */
export function entityGender(entity: ArticleEntity, text: string, votes: PronounVotes = { f: 0, m: 0 }): Gender | null {
  if (entity.type !== 'person') return null;
  let f = 0;
  let m = 0;
  for (const r of entity.roles) {
    if (FEMALE_WORDS.test(r.role)) f++;
    if (MALE_WORDS.test(r.role)) m++;
  }
  for (const [s] of entity.mentions.slice(0, 20)) {
    const before = text.slice(Math.max(0, s - 14), s);
    if (/\b(?:Mrs|Ms|Miss)\.?\s+$/.test(before)) f++;
    else if (/\bMr\.?\s+$/.test(before)) m++;
  }
  if (f > m) return 'f';
  if (m > f) return 'm';
  const first = entity.name.split(/\s+/)[0].replace(/[.,]/g, '');
  const fromName = entity.name.includes(' ') ? givenNames().gender(first) : null;
  const against = fromName === 'm' ? votes.f : fromName === 'f' ? votes.m : 0;
  const agreeing = fromName === 'm' ? votes.m : fromName === 'f' ? votes.f : 0;
  // Two tied pronouns of the other gender and at least twice as many as agreeing ones: the list is wrong here.
  if (fromName && !(against >= 2 && against >= 2 * agreeing)) return fromName;
  if (votes.f >= 2 && votes.f >= 2 * votes.m) return 'f';
  if (votes.m >= 2 && votes.m >= 2 * votes.f) return 'm';
  return fromName;
}

/** Gender of a third-person singular pronoun, or null. */
export function pronounGender(p: string): Gender | null {
  const l = p.toLowerCase();
  if (l === 'he' || l === 'him' || l === 'his') return 'm';
  if (l === 'she' || l === 'her' || l === 'hers') return 'f';
  return null;
}

/** Sentence index lookup over sorted sentence starts. */
export type SentenceOf = (pos: number) => number;

/** Options for {@link resolvePronoun}. */
export interface PronounContext {
  text: string;
  sentenceOf: SentenceOf;
  /** Gender per entity, memoised by the caller. */
  genderOf: (e: ArticleEntity) => Gender | null;
  /** Number of mentions per entity in the article (salience). */
  salience: (e: ArticleEntity) => number;
  /** Is the mention the subject of its sentence (first person named in it, outside quotes)? */
  isSubject: (m: CandidateMention) => boolean;
}

/** How far back (in sentences) a pronoun looks for its antecedent before falling back to the latest one. */
const SENTENCE_WINDOW = 3;

/**
 * Resolve a personal pronoun at `pos` given the person mentions before it,
 * latest first (already filtered to people outside quotes, bounded window).
 */
export function resolvePronoun(pronoun: string, pos: number, before: CandidateMention[], ctx: PronounContext): Antecedent | null {
  const g = pronounGender(pronoun);
  const here = ctx.sentenceOf(pos);
  const best = new Map<ArticleEntity, number>();
  for (const m of before) {
    const eg = ctx.genderOf(m.entity);
    if (g && eg && eg !== g) continue;
    const dist = here - ctx.sentenceOf(m.start);
    if (dist > SENTENCE_WINDOW && best.size > 0) break;
    let s = -0.9 * Math.min(dist, SENTENCE_WINDOW + 1);
    if (ctx.isSubject(m)) s += 1;
    if (g && eg === g) s += 0.4;
    s += 0.25 * Math.log1p(ctx.salience(m.entity));
    const old = best.get(m.entity);
    if (old === undefined || s > old) best.set(m.entity, s);
  }
  if (best.size === 0) return null;
  const ranked = [...best.entries()].sort((a, b) => b[1] - a[1]);
  const z = ranked.reduce((n, [, s]) => n + Math.exp(s), 0);
  return { entity: ranked[0][0], certainty: Math.exp(ranked[0][1]) / z };
}

/** The head noun of a descriptive person phrase ("the Republican nominee" → nominee), or null. */
export function roleHead(phrase: string): string | null {
  const words = phrase.toLowerCase().replace(/[^\p{L}\s'’-]/gu, ' ').trim().split(/\s+/);
  const head = words[words.length - 1] ?? '';
  return PERSON_ROLE_NOUNS.has(head) ? head : null;
}

/**
 * "The Republican nominee said": the person the article gives that role,
 * preferring one whose role shares the modifiers too, latest mentioned first.
 * "His lawyer" (a role relative to someone, unnamed) resolves only when a
 * person holding that role is named.
 */
export function resolveRoleNoun(phrase: string, before: CandidateMention[]): Antecedent | null {
  const head = roleHead(phrase);
  if (!head) return null;
  const mods = phrase.toLowerCase().split(/\s+/).filter((w) => w.length > 3 && w !== head);
  let best: { e: ArticleEntity; s: number } | null = null;
  const seen = new Set<ArticleEntity>();
  for (const m of before) {
    if (seen.has(m.entity)) continue;
    seen.add(m.entity);
    const roles = m.entity.roles.map((r) => r.role.toLowerCase());
    if (m.entity.role) roles.push(m.entity.role.toLowerCase());
    const holds = roles.filter((r) => r.split(/[\s,]+/).includes(head));
    if (holds.length === 0) continue;
    const s = 1 + Math.max(...holds.map((r) => mods.filter((w) => r.includes(w)).length));
    if (!best || s > best.s) best = { e: m.entity, s };
  }
  return best ? { entity: best.e, certainty: 0.8 } : null;
}
