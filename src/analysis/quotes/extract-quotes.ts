import type { ArticleEntity, Quote, Sentence } from '../types.js';
import { findAttributions, type Attribution } from './attributions.js';
import { PRONOUNS } from './lexicon.js';
import { scanQuoteSegments, wordCount, type QuoteSegment } from './quote-marks.js';
import { MentionIndex } from './mention-index.js';
import { MAX_CLAUSE_SHARE, mergeRunOnQuotes, mergeSplitQuotes } from './merge-split-quotes.js';
import { resolveSpeaker, type Resolution, type SpeakerEvidence } from './resolve-speaker.js';
import { scoreQuotes } from './confidence.js';
import { buildUnits, firstSegmentEndingAfter, isCapitalized, tokenizeWords, type Unit, type Word } from './units.js';

/** Minimum words for an unattributed quote to count as speech rather than a title or scare quote. */
const MIN_FREE_QUOTE_WORDS = 6;

/** The speaker of the latest attribution, for follow-on quotes and participles. */
interface LastSpeaker {
  speaker: string | null;
  evidence: SpeakerEvidence;
  /** How sure the resolution step was (0–1). */
  certainty: number;
  span: [number, number] | null;
  cue: string | null;
  paragraph: number;
}

/**
 * Extract direct, partial and indirect quotes from `text` and attribute each
 * to a speaker (canonical entity name plus the literal mention).
 */
export function extractQuotes(text: string, sentences: Sentence[], entities: ArticleEntity[]): Quote[] {
  const segments = scanQuoteSegments(text);
  const units = buildUnits(text, sentences, segments);
  const index = new MentionIndex(entities, text, segments, sentences);
  const quotes: Quote[] = [];
  let last: LastSpeaker | null = null;
  let pending: LastSpeaker | null = null;
  let lastQuoteSplitOpen = false;
  // A transcript turn ("PENCE: …") runs to the end of its paragraph: later sentences there are part of it.
  let turnEnd = -1;
  for (const unit of units) {
    if (unit.start < turnEnd) continue;
    const words = tokenizeWords(text, unit.start, unit.end, segments);
    const attrs = findAttributions(text, unit, words);
    if (pending && attrs.length === 0 && unit.paragraph <= pending.paragraph + 1) {
      quotes.push(makeQuote(text, segments, unit.start, contentEnd(text, unit), pending));
      last = { ...pending, paragraph: unit.paragraph };
      pending = null;
      continue;
    }
    pending = null;
    let unitSpeaker: LastSpeaker | null = null;
    for (const a of attrs) {
      const who: LastSpeaker = a.speaker
        ? previousSpeaker(text, index, a, last, unit.paragraph) ?? speakerOf(index, a)
        : { ...(unitSpeaker ?? subjectOfUnit(index, words, a, unit.paragraph)), cue: a.cue };
      if (a.pendingColon) {
        pending = { ...who, paragraph: unit.paragraph };
        continue;
      }
      const q = makeQuote(text, segments, a.contentStart, a.contentEnd, who);
      quotes.push(q);
      if (a.speaker) unitSpeaker = { ...who, paragraph: unit.paragraph };
      last = { ...who, paragraph: unit.paragraph };
      lastQuoteSplitOpen = q.direct && !!a.splitOpen;
    }
    if (attrs.length) continue;
    const inUnit = segmentsIn(segments, unit);
    const pure = inUnit.length > 0 && coversUnit(text, unit, inUnit);
    if (pure) {
      const start = inUnit[0].start;
      const end = inUnit[inUnit.length - 1].end;
      if (wordCount(text, start, end) < 3) continue;
      const prev = quotes[quotes.length - 1];
      // Same rule as mergeSplitQuotes: one span over the clause only while the words said outweigh it.
      const clauseFits = !!prev && start - prev.span[1] <= MAX_CLAUSE_SHARE * (prev.span[1] - prev.span[0] + end - start);
      if (lastQuoteSplitOpen && prev && prev.direct && last && last.paragraph === unit.paragraph && clauseFits) {
        // '"A," she said. "B."' — one quote interrupted by its attribution.
        prev.span = [prev.span[0], end];
        prev.text = `${prev.text} ${innerText(text, inUnit)}`;
        lastQuoteSplitOpen = false;
        continue;
      }
      const tr = transcriptSpeaker(text, index, start, unit.paragraph);
      const who = tr ?? (last && unit.paragraph - last.paragraph <= 1 ? { ...last, evidence: 'follow' as const } : null);
      // "PENCE: Well, look…": the speaker label is not part of what was said.
      const from = tr?.span ? contentAfterLabel(text, tr.span[1]) : start;
      const to = tr ? Math.max(end, paragraphEnd(text, start)) : end;
      if (tr) turnEnd = to;
      quotes.push(makeQuote(text, segments, from, to, who ?? nobody(unit.paragraph)));
      if (who) last = { ...who, paragraph: unit.paragraph };
      lastQuoteSplitOpen = false;
      continue;
    }
    lastQuoteSplitOpen = false;
    for (const seg of inUnit) {
      if (wordCount(text, seg.innerStart, seg.innerEnd) < MIN_FREE_QUOTE_WORDS) continue;
      if (!/[.!?,]$/.test(text.slice(seg.innerStart, seg.innerEnd))) continue;
      const who = transcriptSpeaker(text, index, seg.start, unit.paragraph);
      quotes.push(makeQuote(text, segments, seg.start, seg.end, who ?? nobody(unit.paragraph)));
    }
  }
  return scoreQuotes(text, mergeSplitQuotes(text, mergeRunOnQuotes(text, quotes)), entities);
}

function nobody(paragraph: number): LastSpeaker {
  return { speaker: null, evidence: 'none', certainty: 0, span: null, cue: null, paragraph };
}

function fromResolution(r: Resolution, span: [number, number], cue: string | null, paragraph: number): LastSpeaker {
  return { speaker: r.name, evidence: r.evidence, certainty: r.certainty, span, cue, paragraph };
}

/** Position after "LABEL:" and the spaces that follow it. */
function contentAfterLabel(text: string, labelEnd: number): number {
  let p = labelEnd;
  if (text[p] === ':') p++;
  while (p < text.length && /\s/.test(text[p])) p++;
  return p;
}

const TRANSCRIPT = /^["“]?((?:\p{Lu}[\p{Lu}'’.-]+)(?: \p{Lu}[\p{Lu}'’.-]+){0,2}):\s/u;

/** Transcript lines name their speaker in capitals: "PENCE: Well, look…". */
function transcriptSpeaker(text: string, index: MentionIndex, start: number, paragraph: number): LastSpeaker | null {
  const m = TRANSCRIPT.exec(text.slice(start, start + 40));
  if (!m) return null;
  const s = start + m[0].indexOf(m[1]);
  const span: [number, number] = [s, s + m[1].length];
  const found = index.byName(m[1]);
  const known = found && found.name.includes(' ') ? found : null;
  // "WALLACE:" names its speaker only as far as the article names a Wallace in full.
  return { speaker: known ? known.name : m[1], evidence: known ? 'transcript' : 'guess', certainty: known ? 0.9 : 0.2, span, cue: ':', paragraph };
}

function speakerOf(index: MentionIndex, a: Attribution): LastSpeaker {
  const [s, e] = a.speaker as [number, number];
  return fromResolution(resolveSpeaker(index, s, e), [s, e], a.cue, 0);
}

/**
 * '…, Mr. Kamin said. "…," he added.': a "he"/"she" reporting again right after a
 * named speaker of that gender, with no other person named between (outside
 * quotes and the content itself), is that speaker — the writer's turn-taking
 * outranks a more prominent name further back.
 */
function previousSpeaker(text: string, index: MentionIndex, a: Attribution, last: LastSpeaker | null, paragraph: number): LastSpeaker | null {
  const [s, e] = a.speaker as [number, number];
  const p = text.slice(s, e).toLowerCase();
  if ((p !== 'he' && p !== 'she') || !last?.speaker || !last.span || paragraph - last.paragraph > 1) return null;
  if (last.evidence !== 'name' && last.evidence !== 'transcript' && last.evidence !== 'descriptive') return null;
  if (last.span[1] > s) return null;
  const entity = index.byName(last.speaker);
  if (!entity || entity.type !== 'person') return null;
  const g = index.genderOf(entity);
  if (g && g !== (p === 'he' ? 'm' : 'f')) return null;
  if (index.otherPersonBetween(last.span[1], s, entity, [a.contentStart, a.contentEnd])) return null;
  return { speaker: entity.name, evidence: 'pronoun', certainty: 0.9, span: [s, e], cue: a.cue, paragraph: 0 };
}

/** The subject of a unit for a participle with no reporting verb before it ("Duque repeated…, saying…"). */
function subjectOfUnit(index: MentionIndex, words: Word[], a: Attribution, paragraph: number): LastSpeaker {
  for (const w of words) {
    if (w.start >= a.contentStart) break;
    if (w.quote >= 0) continue;
    if (PRONOUNS.has(w.lower) && /^(?:he|she|they|we|it)$/.test(w.lower)) {
      return fromResolution(resolveSpeaker(index, w.start, w.end), [w.start, w.end], a.cue, paragraph);
    }
    if (!isCapitalized(w)) continue;
    const m = index.overlapping(w.start, w.end).find((x) => x.entity.type === 'person' || x.entity.type === 'organization');
    // "Hillary Clinton's campaign manager Robby Mook…, arguing": a possessive name modifies the subject.
    if (m && /^['’]s\b/.test(index.source.slice(m.end, m.end + 3))) continue;
    if (m) return { speaker: m.entity.name, evidence: 'name', certainty: 0.8, span: [m.start, m.end], cue: a.cue, paragraph };
  }
  return { ...nobody(paragraph), cue: a.cue };
}

function makeQuote(text: string, segments: QuoteSegment[], start: number, end: number, who: LastSpeaker): Quote {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  const first = firstSegmentEndingAfter(segments, s);
  const seg = segments[first];
  const segEnd = seg ? lastSegmentEnd(segments, first, e) : -1;
  const direct = !!seg && seg.start === s && segEnd >= 0 && segEnd <= e && /^[\s.,;:!?]*$/.test(text.slice(segEnd, e));
  return {
    text: text.slice(s, e),
    span: [s, e],
    direct,
    speaker: who.speaker,
    speakerSpan: who.span,
    cue: who.cue,
    evidence: who.speaker ? who.evidence : 'none',
    certainty: who.speaker ? who.certainty : 0,
  };
}

/** End of the last segment that ends by `e` when segments chain up to it, else -1. */
function lastSegmentEnd(segments: QuoteSegment[], from: number, e: number): number {
  let end = -1;
  for (let k = from; k < segments.length && segments[k].start < e; k++) end = segments[k].end;
  return end;
}

/** End of the paragraph (line) holding `pos`, before its trailing spaces. */
function paragraphEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  let e = nl < 0 ? text.length : nl;
  while (e > pos && /\s/.test(text[e - 1])) e--;
  return e;
}

function contentEnd(text: string, unit: Unit): number {
  return unit.end;
}

function segmentsIn(segments: QuoteSegment[], unit: Unit): QuoteSegment[] {
  const out: QuoteSegment[] = [];
  for (let k = firstSegmentEndingAfter(segments, unit.start); k < segments.length && segments[k].start < unit.end; k++) {
    if (segments[k].start >= unit.start) out.push(segments[k]);
  }
  return out;
}

/** True when only punctuation lies outside the quote segments in the unit. */
function coversUnit(text: string, unit: Unit, segs: QuoteSegment[]): boolean {
  let pos = unit.start;
  let outside = '';
  for (const s of segs) {
    outside += text.slice(pos, s.start);
    pos = s.end;
  }
  outside += text.slice(pos, unit.end);
  return !/[\p{L}\p{N}]/u.test(outside);
}

function innerText(text: string, segs: QuoteSegment[]): string {
  return segs.map((s) => text.slice(s.start, s.end)).join(' ');
}
