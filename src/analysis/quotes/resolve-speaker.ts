/**
 * Speaker resolution: turns a literal speaker mention ("Blinken", "he",
 * "the group", "which") into the canonical entity name, using the entity
 * stage's mentions when there are any and a capitalized-name fallback when
 * there are none.
 */
import type { ArticleEntity, EntityType } from '../types.js';
import { ORG_HEADS } from './lexicon.js';
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

  constructor(
    entities: ArticleEntity[],
    private readonly text: string,
    private readonly segments: QuoteSegment[],
  ) {
    this.mentions = entities
      .filter((e) => e.kind !== 'byline')
      .flatMap((entity) => entity.mentions.map(([start, end]) => ({ start, end, entity })))
      .sort((a, b) => a.start - b.start);
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
    const key = surface.toLowerCase();
    let best: ArticleEntity | null = null;
    for (const m of this.mentions) {
      const e = m.entity;
      if (e.name.toLowerCase() === key || e.aliases.some((a) => a.toLowerCase() === key)) {
        if (!best || (e.type === 'person' && best.type !== 'person')) best = e;
      }
    }
    return best;
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

/** Resolve the speaker mention `text[s, e)` to a canonical name, or null. */
export function resolveSpeaker(index: MentionIndex, s: number, e: number): string | null {
  const text = index.source;
  const surface = text.slice(s, e);
  const lower = surface.toLowerCase();
  if (lower === 'he' || lower === 'she' || lower === 'i') {
    const m = index.lastBefore(s, ['person']);
    if (m) return m.entity.name;
    return index.mentions.length ? null : lastNameBefore(text, s);
  }
  if (lower === 'it' || lower === 'they' || lower === 'we') {
    const m = index.lastBefore(s, ['organization'], 600);
    return m ? m.entity.name : null;
  }
  if (lower === 'who' || lower === 'which') return resolveRelative(index, s);
  const inside = index.overlapping(s, e).filter((m) => m.start >= s && m.end <= e);
  const words = lower.replace(/[^\p{L}\s'’-]/gu, ' ').trim().split(/\s+/);
  const head = words[words.length - 1] ?? '';
  const person = inside.filter((m) => m.entity.type === 'person').pop();
  if (person) return person.entity.name;
  const org = inside.filter((m) => m.entity.type === 'organization').pop();
  if (org) return org.entity.name;
  if (ORG_HEADS.has(head) && /^(?:the|its|this|that)\s/i.test(surface) && !/\p{Lu}/u.test(surface.slice(4))) {
    const m = index.lastBefore(s, ['organization'], 3000);
    return m ? m.entity.name : null;
  }
  const run = lastCapitalRun(surface);
  if (!run) return null;
  const known = index.byName(run);
  if (known) return known.name;
  if (inside.length && ORG_HEADS.has(head)) return surface.replace(LEADING_DET, '');
  if (inside.length) return inside[inside.length - 1].entity.name;
  if (ORG_HEADS.has(head) && !surface.endsWith(run)) return surface.replace(LEADING_DET, '');
  // "Human rights groups urged…": only the sentence-initial word is capitalised; the speaker is the whole description.
  if (!run.includes(' ') && surface.startsWith(run) && surface.length > run.length && !/\p{Lu}/u.test(surface.slice(run.length))) return surface;
  return index.mentions.length ? run : expandName(text, run, s);
}

/** "Human Rights Watch, which noted…" → the noun phrase before the relative pronoun. */
function resolveRelative(index: MentionIndex, s: number): string | null {
  const text = index.source;
  let p = s;
  while (p > 0 && /[\s,]/.test(text[p - 1])) p--;
  const m = index.lastBefore(p, ['person', 'organization'], 120);
  if (m && m.end >= p - 1) return m.entity.name;
  const run = lastCapitalRun(text.slice(Math.max(0, p - 80), p));
  return run && text.slice(0, p).trimEnd().endsWith(run) ? run : null;
}
