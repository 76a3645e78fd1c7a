/**
 * Speaker resolution: turns a literal speaker mention ("Blinken", "he",
 * "the group", "which") into the canonical entity name, using the entity
 * stage's mentions when there are any and a capitalized-name fallback when
 * there are none.
 */
import type { ArticleEntity, AttributionEvidence } from '../types.js';
import { resolveRoleNoun, roleHead } from './agreement.js';
import { ORG_HEADS } from './lexicon.js';
import { PERSON_ROLE_NOUNS } from '../entities/lexicon.js';
import { MentionIndex } from './mention-index.js';


const CAP_RUN = /\b\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:of|de|da|del|van|von|bin|al)\s+)?\p{Lu}[\p{L}'’.-]*)*/gu;
const LEADING_DET = /^(?:the|a|an|its|his|her|their)\s+/i;

/** Last run of capitalized words in `s`, without possessive 's. */
function lastCapitalRun(s: string): string | null {
  let last: string | null = null;
  for (const m of s.matchAll(CAP_RUN)) {
    const run = m[0].replace(/['’]s$/, '').replace(/^(?:The|A|An)\s+/, '');
    if (!/^(?:The|A|An|He|She|It|They|We|I|Who|Which)$/.test(run)) last = run;
  }
  return last;
}

/**
 * Fallback when the entity stage knows nothing: the longest capitalized name
 * before `pos` containing `short` ("Chris" → "Chris Anderson").
 */
function expandName(text: string, short: string, pos: number): string {
  const before = text.slice(Math.max(0, pos - 3000), pos);
  let best = short;
  for (const m of before.matchAll(CAP_RUN)) {
    const run = m[0].replace(/['’]s$/, '');
    if (run.length > best.length && new RegExp(`(?:^|\\s)${escapeRe(short)}(?:$|\\s)`).test(run)) best = run;
  }
  return best;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Fallback for pronouns without entities: the last two-word capitalized name before `pos`. */
function lastNameBefore(text: string, pos: number): string | null {
  const before = text.slice(Math.max(0, pos - 1500), pos);
  let last: string | null = null;
  for (const m of before.matchAll(CAP_RUN)) {
    if (/\s/.test(m[0]) && !/^(?:The|A|An)\s/.test(m[0])) last = m[0].replace(/['’]s$/, '');
  }
  return last;
}

/** What kind of evidence ties a quote to its speaker, strongest first. */
export type SpeakerEvidence = AttributionEvidence;

/** A resolved speaker: the name, the evidence behind it and how sure that step was (0–1). */
export interface Resolution {
  name: string | null;
  evidence: SpeakerEvidence;
  certainty: number;
  /** The entity behind the name, when one is known. */
  entity: ArticleEntity | null;
}

const NONE: Resolution = { name: null, evidence: 'none', certainty: 0, entity: null };

function of(entity: ArticleEntity, evidence: SpeakerEvidence, certainty: number): Resolution {
  return { name: entity.name, evidence, certainty, entity };
}

function guess(name: string | null, certainty = 0.3): Resolution {
  return name ? { name, evidence: 'guess', certainty, entity: null } : NONE;
}

/** Resolve the speaker mention `text[s, e)` to a canonical name with its evidence. */
export function resolveSpeaker(index: MentionIndex, s: number, e: number): Resolution {
  const text = index.source;
  const surface = text.slice(s, e);
  const lower = surface.toLowerCase();
  if (lower === 'he' || lower === 'she' || lower === 'i') {
    const a = index.pronoun(lower, s);
    if (a) return of(a.entity, 'pronoun', a.certainty);
    return index.mentions.length ? NONE : guess(lastNameBefore(text, s), 0.2);
  }
  if (lower === 'it' || lower === 'they' || lower === 'we') {
    const m = index.lastBefore(s, ['organization'], 600);
    return m ? of(m.entity, 'pronoun', 0.5) : NONE;
  }
  if (lower === 'who' || lower === 'which') return resolveRelative(index, s);
  const inside = index.overlapping(s, e).filter((m) => m.start >= s && m.end <= e);
  const words = lower.replace(/[^\p{L}\s'’-]/gu, ' ').trim().split(/\s+/);
  const head = words[words.length - 1] ?? '';
  const person = inside.filter((m) => m.entity.type === 'person').pop();
  if (person) {
    // "Trump's lawyer", "Clinton campaign spokesman Glen Caplin": a name followed by a role noun is a
    // modifier; the speaker is the person the phrase ends on.
    const tail = text.slice(person.end, e);
    if (!/\p{Ll}{3,}/u.test(tail.replace(/^['’]s\b/, ''))) return of(person.entity, 'name', 1);
    // "Charles B. Rangel of New York", "Dianne Feinstein, Democrat of California": what follows a comma, a
    // bracket or a preposition modifies the name before it, so the person named first is the head.
    if (/^\s*(?:[,(]|(?:of|from|in|at|for)\s)/.test(tail)) return of(person.entity, 'name', 1);
    const run = lastCapitalRun(tail);
    if (run && tail.trimEnd().endsWith(run)) return guess(index.byName(run)?.name ?? run, 0.6);
    const role = resolveRoleNoun(surface, index.peopleBefore(s));
    return role && role.entity !== person.entity ? of(role.entity, 'descriptive', role.certainty) : NONE;
  }
  const org = inside.filter((m) => m.entity.type === 'organization').pop();
  // "A former Democratic National Committee chairman", "Member of House panel": a person described by the
  // organization they belong to — the organization is a modifier, not the one speaking.
  if (org && describesMember(words, text.slice(s, org.start), text.slice(org.end, e))) {
    const r = resolveRoleNoun(surface, index.peopleBefore(s));
    return r ? of(r.entity, 'descriptive', r.certainty) : NONE;
  }
  if (org) return of(org.entity, 'name', 1);
  if (ORG_HEADS.has(head) && /^(?:the|its|this|that)\s/i.test(surface) && !/\p{Lu}/u.test(surface.slice(4))) {
    const m = index.lastBefore(s, ['organization'], 3000);
    return m ? of(m.entity, 'descriptive', 0.6) : NONE;
  }
  // "The Republican nominee said": the person the article gives that role.
  if (roleHead(surface) && /^\p{Ll}/u.test(head)) {
    const r = resolveRoleNoun(surface, index.peopleBefore(s));
    return r ? of(r.entity, 'descriptive', r.certainty) : NONE;
  }
  const run = lastCapitalRun(surface);
  if (!run) return NONE;
  const known = index.byName(run);
  if (known) return of(known, 'name', 1);
  if (inside.length && ORG_HEADS.has(head)) return guess(surface.replace(LEADING_DET, ''), 0.4);
  if (inside.length) return of(inside[inside.length - 1].entity, 'name', 0.7);
  if (ORG_HEADS.has(head) && !surface.endsWith(run)) return guess(surface.replace(LEADING_DET, ''), 0.4);
  // "Human rights groups urged…": only the sentence-initial word is capitalised; the speaker is the whole description.
  if (!run.includes(' ') && surface.startsWith(run) && surface.length > run.length && !/\p{Lu}/u.test(surface.slice(run.length))) return guess(surface, 0.2);
  if (index.mentions.length) return guess(run, 0.4);
  // No entity stage at all: a full capitalised name next to the reporting verb is still a name.
  const name = expandName(text, run, s);
  return name.includes(' ') ? { name, evidence: 'name', certainty: 0.7, entity: null } : guess(name, 0.4);
}

/**
 * True when a phrase holding an organization names a person by a role in it: it ends on a person role noun
 * after the organization ("the DNC chairman") or opens with one before "of/for/at/on" ("member of House panel").
 */
function describesMember(words: string[], before: string, after: string): boolean {
  const head = words[words.length - 1] ?? '';
  if (PERSON_ROLE_NOUNS.has(head) && /\p{Ll}{3,}/u.test(after)) return true;
  const lead = /(?:^|\s)(\p{L}+)\s+(?:of|for|at|on|with)\s+(?:the\s+)?$/iu.exec(before);
  return !!lead && PERSON_ROLE_NOUNS.has(lead[1].toLowerCase());
}

/** "Human Rights Watch, which noted…" → the noun phrase before the relative pronoun. */
function resolveRelative(index: MentionIndex, s: number): Resolution {
  const text = index.source;
  let p = s;
  while (p > 0 && /[\s,]/.test(text[p - 1])) p--;
  const m = index.lastBefore(p, ['person', 'organization'], 120);
  if (m && m.end >= p - 1) return of(m.entity, 'relative', 0.9);
  const run = lastCapitalRun(text.slice(Math.max(0, p - 80), p));
  return run && text.slice(0, p).trimEnd().endsWith(run) ? guess(run, 0.4) : NONE;
}
