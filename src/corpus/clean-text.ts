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

interface Line {
  start: number;
  end: number;
  text: string;
}

/** Split into lines with input offsets (the newline itself is excluded; \r is trimmed). */
export function splitLines(raw: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos <= raw.length) {
    let nl = raw.indexOf('\n', pos);
    if (nl === -1) nl = raw.length;
    let end = nl;
    if (end > pos && raw[end - 1] === '\r') end--;
    lines.push({ start: pos, end, text: raw.slice(pos, end) });
    pos = nl + 1;
  }
  return lines;
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
    builder.copy(raw, line.start + lead, line.start + lead + t.length);
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
