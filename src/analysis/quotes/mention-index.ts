/**
 * Where the story's people are mentioned in one article, and what a pronoun or a definite role noun
 * ("he", "the senator") refers to there: the index speaker resolution reads (see resolve-speaker.ts).
 * Pronouns are resolved once per article in reading order, so each resolved pronoun becomes a mention
 * a later one can follow.
 */
import type { ArticleEntity, EntityType, Sentence } from '../types.js';
import { entityGender, pronounGender, resolvePronoun, resolveRoleNoun, type Antecedent, type CandidateMention, type PronounVotes } from './agreement.js';
import type { Gender } from './given-names.js';
import { PERSON_ROLE_NOUNS } from '../entities/lexicon.js';
import type { QuoteSegment } from './quote-marks.js';
import { firstSegmentEndingAfter } from './units.js';

/** One mention of a story entity, by character offsets. */
export interface IndexedMention {
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
