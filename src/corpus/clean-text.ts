import type { Credit } from './article.js';
import { classifyLine, parseBylineLine, parseCreditLine, parseDateLine } from './furniture.js';
import { OffsetMap, TextBuilder } from './offset-map.js';

/** Result of cleaning a plain-text article body. */
export interface CleanedText {
  /** Headline from the first line, or null when the first line is story text. */
  headline: string | null;
  text: string;
  offsets: OffsetMap;
  credits: Credit[];
  publishedAt: string | null;
  /** What was removed and why (kind, input range), for tests and debugging. */
  removed: { kind: string; start: number; end: number }[];
}

/** One input line: its range, its text without control characters, and the input ranges that text came from. */
interface Line {
  start: number;
  end: number;
  text: string;
  /** Input ranges whose concatenation is `text` (one range unless control characters were dropped). */
  segs: [number, number][];
}

/**
 * Split into lines with input offsets. "\n", "\r\n" and a lone "\r" (old
 * Mac files; mid-line it would let text overwrite a terminal line) each end
 * a line and are excluded from it.
 */
export function splitLines(raw: string): Line[] {
  const lines: Line[] = [];
  const breaks = /\r\n?|\n/g;
  let pos = 0;
  for (;;) {
    const m = breaks.exec(raw);
    const end = m ? m.index : raw.length;
    lines.push({ start: pos, end, text: raw.slice(pos, end), segs: [[pos, end]] });
    if (!m) return lines;
    pos = m.index + m[0].length;
  }
}

/**
 * Control characters and terminal escape sequences, which are never article
 * text and can rewrite a terminal or log when echoed: CSI sequences (ESC [
 * or U+009B … final byte), string sequences (OSC, DCS, SOS, PM, APC up to
 * BEL or ST, never past the line end), other ESC sequences, and every other
 * C0/C1 control except tab, newline and carriage return (the line
 * splitter's). Each alternative opens on a control character and its
 * character classes are disjoint, so matching is linear.
 */
const CONTROL_SEQUENCE =
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n\r]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]*[0-~]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
const ANY_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;

/** Input ranges `[start, end)` of control characters and escape sequences, in order. */
export function controlRanges(raw: string): [number, number][] {
  if (!ANY_CONTROL.test(raw)) return [];
  const out: [number, number][] = [];
  CONTROL_SEQUENCE.lastIndex = 0;
  for (let m = CONTROL_SEQUENCE.exec(raw); m; m = CONTROL_SEQUENCE.exec(raw)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** Remove control ranges from the lines (in place): `text` loses them, `segs` skip them. Linear in input and ranges. */
function dropControls(raw: string, lines: Line[], drops: [number, number][]): void {
  let d = 0;
  for (const line of lines) {
    while (d < drops.length && drops[d][1] <= line.start) d++;
    if (d >= drops.length || drops[d][0] >= line.end) continue;
    const segs: [number, number][] = [];
    let pos = line.start;
    for (; d < drops.length && drops[d][0] < line.end; d++) {
      if (drops[d][0] > pos) segs.push([pos, drops[d][0]]);
      pos = Math.max(pos, drops[d][1]);
    }
    if (pos < line.end) segs.push([pos, line.end]);
    line.segs = segs;
    line.text = segs.map(([a, b]) => raw.slice(a, b)).join('');
  }
}

/** Copy characters [from, from + length) of a line's text (its `segs` concatenated) into the builder. */
function copyLineText(builder: TextBuilder, raw: string, segs: [number, number][], from: number, length: number): void {
  let at = 0; // offset of the current segment in the line's text
  for (const [a, b] of segs) {
    const lo = Math.max(from, at);
    const hi = Math.min(from + length, at + (b - a));
    if (hi > lo) builder.copy(raw, a + (lo - at), a + (hi - at));
    at += b - a;
  }
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/**
 * Does this line read as a headline? Short, a single sentence, and set apart
 * from the body (a blank line after it, or no closing full stop). A long lead
 * paragraph (seed-style wire copy with no headline) fails on length.
 */
export function isHeadline(line: string, nextIsBlank: boolean): boolean {
  const t = line.trim().replace(/^#+\s*/, '');
  if (!t || t.length > 160) return false;
  const words = t.match(WORD) ?? [];
  if (words.length < 2 || words.length > 24) return false;
  // Two sentences in one line are a paragraph, not a headline.
  if (/[.!?]["”’]?\s+\p{Lu}/u.test(t.replace(/\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|Gov|Sen|Rep|Gen|Jr|Sr)\./g, ''))) return false;
  const endsLikeSentence = /[.;,]["”’]?$/.test(t);
  return nextIsBlank || !endsLikeSentence;
}

/**
 * Clean a plain-text article: detect the headline, drop furniture lines,
 * turn credit and byline lines into credits, and build the cleaned body
 * with a map back to input offsets. Paragraphs are separated by a blank line.
 */
export function cleanText(raw: string, opts: { detectHeadline?: boolean } = {}): CleanedText {
  const lines = splitLines(raw);
  dropControls(raw, lines, controlRanges(raw));
  const credits: Credit[] = [];
  const removed: CleanedText['removed'] = [];
  let publishedAt: string | null = null;
  let headline: string | null = null;

  const firstIdx = lines.findIndex((l) => l.text.trim() !== '');
  let startIdx = 0;
  if (firstIdx >= 0 && opts.detectHeadline !== false) {
    const next = lines[firstIdx + 1];
    const nextBlank = !next || next.text.trim() === '';
    // A one-line file is all story: taking its only line as the headline would leave no body.
    const hasBody = lines.some((l, i) => i > firstIdx && l.text.trim() !== '');
    if (hasBody && isHeadline(lines[firstIdx].text, nextBlank)) {
      headline = lines[firstIdx].text.trim().replace(/^#+\s*/, '');
      removed.push({ kind: 'headline', start: lines[firstIdx].start, end: lines[firstIdx].end });
      startIdx = firstIdx + 1;
    }
  }

  const builder = new TextBuilder();
  let pendingBreak = false;
  let keptAny = false;
  let bodyLinesSeen = 0;
  for (let i = startIdx; i < lines.length; i++) {
    const line = lines[i];
    const t = line.text.trim();
    if (!t) {
      pendingBreak = keptAny;
      continue;
    }
    const kind = classifyLine(t);
    if (kind === 'credit') {
      credits.push(...(parseCreditLine(t) ?? []));
      removed.push({ kind, start: line.start, end: line.end });
      continue;
    }
    if (kind) {
      removed.push({ kind, start: line.start, end: line.end });
      continue;
    }
    // Bylines and datelines only count near the top or bottom of the story, where sites put them.
    const nearEdge = bodyLinesSeen < 3 || isLastContent(lines, i);
    if (nearEdge) {
      const by = parseBylineLine(t);
      if (by) {
        credits.push(...by);
        removed.push({ kind: 'byline', start: line.start, end: line.end });
        continue;
      }
      const date: string | null = publishedAt ? null : parseDateLine(t);
      if (date) {
        publishedAt = date;
        removed.push({ kind: 'dateline', start: line.start, end: line.end });
        continue;
      }
    }
    bodyLinesSeen++;
    if (keptAny) builder.insert(pendingBreak ? '\n\n' : '\n');
    const lead = line.text.length - line.text.trimStart().length;
    copyLineText(builder, raw, line.segs, lead, t.length);
    keptAny = true;
    pendingBreak = false;
  }
  const { text, offsets } = builder.build();
  return { headline, text, offsets, credits: dedupeCredits(credits), publishedAt, removed };
}

function isLastContent(lines: Line[], i: number): boolean {
  for (let j = i + 1; j < lines.length; j++) {
    const t = lines[j].text.trim();
    if (t && !classifyLine(t)) return false;
  }
  return true;
}

function dedupeCredits(credits: Credit[]): Credit[] {
  const seen = new Set<string>();
  return credits.filter((c) => {
    const k = c.name.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * A short title for an article with no headline: the lead's first sentence,
 * cut at a word boundary so it fits a chat header.
 */
export function deriveTitle(text: string, maxChars = 90): string {
  const firstPara = text.split(/\n/)[0] ?? '';
  const m = /^(.+?[.!?])["”’]?(\s|$)/.exec(firstPara);
  let s = (m ? m[1] : firstPara).trim();
  if (s.length <= maxChars) return s.replace(/[.]$/, '');
  s = s.slice(0, maxChars);
  const cut = s.lastIndexOf(' ');
  return `${s.slice(0, cut > 40 ? cut : maxChars).replace(/[,;:\s]+$/, '')}…`;
}
