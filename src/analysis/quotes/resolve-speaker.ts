/**
 * Speaker resolution: turns a literal speaker mention ("Blinken", "he",
 * "the group", "which") into the canonical entity name, using the entity
 * stage's mentions when there are any and a capitalized-name fallback when
 * there are none.
 */
import type { ArticleEntity, AttributionEvidence, EntityType, Sentence } from '../types.js';
import { entityGender, pronounGender, resolvePronoun, resolveRoleNoun, roleHead, type Antecedent, type CandidateMention, type PronounVotes } from './agreement.js';
import type { Gender } from './given-names.js';
import { ORG_HEADS } from './lexicon.js';
import { PERSON_ROLE_NOUNS } from '../entities/lexicon.js';
import type { QuoteSegment } from './quote-marks.js';
import { firstSegmentEndingAfter } from './units.js';

interface IndexedMention {
  start: number;
  end: number;
  entity: ArticleEntity;
}

/** Mentions of story entities (bylines excluded), sorted by start. */
export class MentionIndex {
  readonly mentions: IndexedMention[];
  private readonly genders = new Map<ArticleEntity, Gender | null>();
  private readonly sentenceStarts: number[];
  private chain: CandidateMention[] | null = null;
  private names: Map<string, ArticleEntity> | null = null;
  private readonly resolved = new Map<number, Antecedent>();
  private votes: Map<ArticleEntity, PronounVotes> | null = null;
  private roles: CandidateMention[] | null = null;

  constructor(
    entities: ArticleEntity[],
    private readonly text: string,
    private readonly segments: QuoteSegment[],
    sentences: readonly Sentence[] = [],
  ) {
    this.mentions = entities
      .filter((e) => e.kind !== 'byline')
      .flatMap((entity) => entity.mentions.map(([start, end]) => ({ start, end, entity })))
      .sort((a, b) => a.start - b.start);
    this.sentenceStarts = sentences.map((x) => x.start);
  }

  /** Index of the sentence holding `pos` (0 when sentences are unknown). */
  sentenceOf(pos: number): number {
    let lo = 0;
    let hi = this.sentenceStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sentenceStarts[mid] <= pos) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  }

  /** Person mentions before `pos`, outside quotes, latest first, within `window` characters (resolved pronouns included). */
  peopleBefore(pos: number, window = 2500): CandidateMention[] {
    const out: CandidateMention[] = [];
    for (let i = this.lowerBound(pos) - 1; i >= 0 && out.length < 40; i--) {
      const m = this.mentions[i];
      if (m.start < pos - window) break;
      if (m.end > pos || m.entity.type !== 'person' || this.insideQuote(m.start)) continue;
      out.push(m);
    }
    for (const r of this.roleMentions()) {
      if (r.start < pos && r.start >= pos - window) out.push(r);
    }
    const chain = this.pronounChain();
    // Binary search for the last resolved pronoun before `pos`, so each lookup stays bounded by the window.
    let lo = 0;
    let hi = chain.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (chain[mid].start < pos) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && lo - i <= 40; i--) {
      if (chain[i].start < pos - window) break;
      out.push(chain[i]);
    }
    return out.sort((a, b) => b.start - a.start);
  }

  /**
   * "The president", "the senator's": a definite role noun outside quotes is a mention of the person the
   * article gives that role, so a pronoun after it can reach that person ("The president's roots… he told").
   */
  private roleMentions(): CandidateMention[] {
    if (this.roles) return this.roles;
    this.roles = [];
    for (const m of this.text.matchAll(/\b[Tt]he\s+(\p{Ll}+)\b/gu)) {
      const at = m.index ?? 0;
      if (!PERSON_ROLE_NOUNS.has(m[1]) || this.insideQuote(at)) continue;
      const named: CandidateMention[] = [];
      for (let i = this.lowerBound(at) - 1; i >= 0 && named.length < 40; i--) {
        const x = this.mentions[i];
        if (x.start < at - 2500) break;
        if (x.entity.type === 'person' && !this.insideQuote(x.start)) named.push(x);
      }
      const r = resolveRoleNoun(m[0], named);
      if (r) this.roles.push({ start: at, end: at + m[0].length, entity: r.entity });
    }
    return this.roles;
  }

  /**
   * Every "he"/"she" outside quotes, resolved in reading order; each becomes a
   * mention of its antecedent, so a later pronoun follows the chain ("Lynch…
   * She has faced… She said") instead of jumping to a name in between.
   */
  private pronounChain(): CandidateMention[] {
    if (this.chain) return this.chain;
    this.chain = [];
    for (const m of this.text.matchAll(/\b(?:[Hh]e|[Ss]he)\b/g)) {
      const at = m.index ?? 0;
      if (this.insideQuote(at)) continue;
      const a = this.resolveAt(m[0].toLowerCase(), at);
      if (a) {
        this.chain.push({ start: at, end: at + m[0].length, entity: a.entity, pronoun: true });
        this.resolved.set(at, a);
      }
    }
    return this.chain;
  }

  /** The antecedent of a personal pronoun at `pos` by agreement, recency, subjecthood and salience. */
  pronoun(p: string, pos: number): Antecedent | null {
    this.pronounChain();
    return this.resolved.get(pos) ?? this.resolveAt(p, pos);
  }

  private resolveAt(p: string, pos: number): Antecedent | null {
    return resolvePronoun(p === 'i' ? '' : p, pos, this.peopleBefore(pos), {
      text: this.text,
      sentenceOf: (x) => this.sentenceOf(x),
      genderOf: (e) => this.genderOf(e),
      salience: (e) => e.mentions.length,
      isSubject: (m) => this.isSubject(m),
    });
  }

  /** A mention opens its sentence (after an optional short opener): the writer's subject. */
  private isSubject(m: CandidateMention): boolean {
    const sStart = this.sentenceStarts[this.sentenceOf(m.start)] ?? 0;
    const lead = this.text.slice(sStart, m.start);
    // "Trump's aide", "a rally for Trump": a possessive or an object is not the one acting.
    if (/^['’]s\b/.test(this.text.slice(m.end, m.end + 3))) return false;
    // "Clinton communication director Jennifer Palmieri": a name before a role noun and another name modifies it.
    const after = /^\s+((?:\p{Ll}[\p{L}-]*\s+){1,3})\p{Lu}/u.exec(this.text.slice(m.end, m.end + 60));
    if (after && after[1].trim().split(/\s+/).some((w) => PERSON_ROLE_NOUNS.has(w))) return false;
    // '"…," said Mr. Kamin': the inverted subject of a reporting verb is the one speaking.
    if (/\b(?:said|says|added|adds|told|asked|explained|noted|wrote|argued|insisted)\s+(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?\s+)?$/.test(lead)) return true;
    return lead.length < 40 && !/\b(?:of|to|with|by|for|against|and|than|from|about|on|at|in)\s+(?:the\s+)?$/i.test(lead);
  }

  /** Grammatical gender of a person entity from its first name or the pronouns tied to it, or null. */
  genderOf(e: ArticleEntity): Gender | null {
    if (!this.genders.has(e)) this.genders.set(e, entityGender(e, this.text, this.pronounVotes().get(e)));
    return this.genders.get(e) ?? null;
  }

  /**
   * Pronouns tied to each person's own mentions: a "he" or "she" outside quotes whose nearest person
   * mention before it lies in the same sentence votes for that person's gender. Counted once per article.
   */
  private pronounVotes(): Map<ArticleEntity, PronounVotes> {
    if (this.votes) return this.votes;
    this.votes = new Map();
    // Subject pronouns only: "his"/"her" often point at the object ("grilled Stumpf for his role").
    for (const p of this.text.matchAll(/\b(?:[Hh]e|[Hh]is|[Hh]im|[Ss]he|[Hh]er)\b/g)) {
      const at = p.index ?? 0;
      if (this.insideQuote(at)) continue;
      const g = pronounGender(p[0]);
      const here = this.sentenceOf(at);
      for (let i = this.lowerBound(at) - 1; i >= 0; i--) {
        const m = this.mentions[i];
        if (this.sentenceOf(m.start) !== here) break;
        if (m.entity.type !== 'person' || this.insideQuote(m.start)) continue;
        // "under Warren's grilling he admitted": a possessive is not the one the pronoun names; no vote.
        if (/^['’]s\b/.test(this.text.slice(m.end, m.end + 3))) break;
        const v = this.votes.get(m.entity) ?? { f: 0, m: 0 };
        if (g === 'f') v.f++;
        else if (g === 'm') v.m++;
        this.votes.set(m.entity, v);
        break;
      }
    }
    return this.votes;
  }

  /**
   * True when a person other than `entity` is named in `[s, e)` outside quotes,
   * leaving out `skip` (the reported content itself, which names whom it is about).
   */
  otherPersonBetween(s: number, e: number, entity: ArticleEntity, skip: readonly [number, number]): boolean {
    for (let i = this.lowerBound(s); i < this.mentions.length && this.mentions[i].start < e; i++) {
      const m = this.mentions[i];
      if (m.end > e || m.entity === entity || m.entity.type !== 'person' || this.insideQuote(m.start)) continue;
      if (m.start >= skip[0] && m.end <= skip[1]) continue;
      return true;
    }
    return false;
  }

  /** Mentions overlapping `[s, e)`. */
  overlapping(s: number, e: number): IndexedMention[] {
    const out: IndexedMention[] = [];
    for (let i = this.lowerBound(s - 200); i < this.mentions.length && this.mentions[i].start < e; i++) {
      if (this.mentions[i].end > s) out.push(this.mentions[i]);
    }
    return out;
  }

  /** The nearest mention ending at or before `pos` of one of `types`, outside quotes, within `window` chars. */
  lastBefore(pos: number, types: EntityType[], window = 2000): IndexedMention | null {
    for (let i = this.lowerBound(pos) - 1; i >= 0; i--) {
      const m = this.mentions[i];
      if (m.start < pos - window) break;
      if (m.end > pos || !types.includes(m.entity.type)) continue;
      if (this.insideQuote(m.start)) continue;
      return m;
    }
    return null;
  }

  /** Entity whose name or alias equals `surface` (case-insensitive), preferring people. */
  byName(surface: string): ArticleEntity | null {
    if (!this.names) {
      // Built once: a transcript with thousands of speaker labels must not rescan every mention per label.
      this.names = new Map();
      for (const m of this.mentions) {
        const e = m.entity;
        for (const k of [e.name, ...e.aliases].map((x) => x.toLowerCase())) {
          const best = this.names.get(k);
          if (!best || (e.type === 'person' && best.type !== 'person')) this.names.set(k, e);
        }
      }
    }
    return this.names.get(surface.toLowerCase()) ?? null;
  }

  private insideQuote(pos: number): boolean {
    const k = firstSegmentEndingAfter(this.segments, pos);
    return k < this.segments.length && this.segments[k].innerStart <= pos && pos < this.segments[k].innerEnd;
  }

  private lowerBound(pos: number): number {
    let lo = 0;
    let hi = this.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.mentions[mid].start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Text of the article (for fallbacks). */
  get source(): string {
    return this.text;
  }
}

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
