import type { ArticleEntity, Sentence } from '../types.js';
import { lexRank } from './centrality.js';
import { contentWords } from './content-words.js';
import { dropPositionMarks, isCaption, isHeaderFragment, isTeaser, repairLineBreaks, splitGluedCaptions, stripDateline } from './sentence-clean.js';
import { isBareQuote, isFurniture, isRhetorical, leansOnPrevious } from './sentence-shape.js';

/**
 * Sentences considered: long articles are summarised from their first part,
 * where news puts the substance; the cap also bounds the O(n²) centrality.
 */
export const MAX_CANDIDATES = 60;

/** What a sentence offers as a summary line, each feature in [0, ~2]. */
export interface SentenceFeatures {
  /** 1/√(1+rank): the position prior (news is written top-down). */
  position: number;
  /** 1 for the first eligible sentence (the lede), else 0. */
  lede: number;
  /** Share of the article's recurring vocabulary the sentence holds. */
  degree: number;
  /** LexRank centrality, mean 1. */
  lexRank: number;
  /** Overlap with the headline, 0–1. */
  title: number;
  /** Mentions of the article's main subjects, 0–1. */
  subjects: number;
  /** 1 for the second eligible sentence, which often completes the lede. */
  second: number;
  /** Content-word length / 30, capped at 2: longer sentences carry more of the story (and cost precision). */
  length: number;
  /** Share of the characters inside quotation marks. */
  quoted: number;
  /** 1 when the sentence holds a number (counts, ages, sums: the facts highlights keep). */
  numbers: number;
}

/** Shape flags: each makes the sentence read worse out of context. */
export interface SentenceFlags {
  /** Opens with a pronoun or connective pointing at an earlier sentence. */
  leans: boolean;
  bareQuote: boolean;
  rhetorical: boolean;
  /** A photo caption pasted into the body. */
  caption: boolean;
  /** Fewer than eight content words, after the lede. */
  short: boolean;
  /** More than 45 content words. */
  long: boolean;
}

/** One eligible sentence with what the ranking needs. */
export interface Candidate {
  sentence: Sentence;
  /** The sentence as shown: dateline, shouted tags and photo position markers ("(pictured)") removed. */
  text: string;
  /** Rank among candidates (0 = first eligible sentence). */
  index: number;
  words: string[];
  set: Set<string>;
  features: SentenceFeatures;
  flags: SentenceFlags;
}

/** Context for {@link summaryCandidates}. */
export interface CandidateContext {
  title?: string | null;
  entities?: readonly ArticleEntity[];
}

/** Eligible sentences (no furniture, teasers, header fragments, credits or fragments) with their features, in article order. */
export function summaryCandidates(allSentences: readonly Sentence[], ctx: CandidateContext = {}): Candidate[] {
  const sentences = splitGluedCaptions(allSentences);
  const bylines = (ctx.entities ?? []).filter((e) => e.kind === 'byline').map((e) => e.name);
  const out: Candidate[] = [];
  for (let i = 0; i < sentences.length && out.length < MAX_CANDIDATES; i++) {
    const s = sentences[i];
    const raw = s.text.trim();
    if (isHeaderFragment(raw)) continue;
    const t = repairLineBreaks(stripDateline(raw).trim());
    if (t.length < 25 || !/\p{Ll}/u.test(t) || isFurniture(t) || isTeaser(t) || isCredit(t, bylines)) continue;
    const words = contentWords(t);
    // A short lede ("Share, and your gift will be multiplied.") still opens the story; elsewhere so few words say little.
    if (words.length < (out.length === 0 ? 3 : 4)) continue;
    const index = out.length;
    out.push({
      sentence: s,
      // Shape flags below read the sentence as written: a position marker is what marks a caption.
      text: dropPositionMarks(t),
      index,
      words,
      set: new Set(words),
      features: {
        position: 1 / Math.sqrt(1 + index),
        lede: index === 0 ? 1 : 0,
        degree: 0,
        lexRank: 0,
        title: 0,
        subjects: 0,
        second: index === 1 ? 1 : 0,
        length: Math.min(words.length / 30, 2),
        quoted: quotedShare(t),
        numbers: /\d/.test(t) ? 1 : 0,
      },
      flags: {
        // The first eligible sentence has nothing kept before it to lean on ("It was a night to remember…" as a lede is fine).
        leans: index > 0 && leansOnPrevious(t),
        bareQuote: isBareQuote(t),
        rhetorical: isRhetorical(t),
        caption: isCaption(t),
        short: words.length < 8 && index > 0,
        long: words.length > 45,
      },
    });
  }
  addCentrality(out, ctx);
  return out;
}

/** Fills the degree, LexRank, title and subject features. */
function addCentrality(cands: Candidate[], ctx: CandidateContext): void {
  const n = cands.length;
  // Document frequency over sentences: words that recur across the article are its topic.
  const df = new Map<string, number>();
  for (const c of cands) for (const w of c.set) df.set(w, (df.get(w) ?? 0) + 1);
  const titleWords = new Set(contentWords(ctx.title ?? ''));
  const subjectWords = mainSubjectWords(ctx.entities);
  const lex = lexRank(cands.map((c) => c.words));
  for (const c of cands) {
    let degree = 0;
    for (const w of c.set) degree += (df.get(w)! - 1) / Math.max(1, n - 1);
    c.features.degree = degree / Math.sqrt(c.set.size + 4);
    c.features.lexRank = lex[c.index];
    c.features.title = Math.min(countIn(c.set, titleWords), 4) / 4;
    c.features.subjects = Math.min(countIn(c.set, subjectWords), 4) / 4;
  }
}

/** Content words of the subjects mentioned more than once: what the article is about. */
function mainSubjectWords(entities: readonly ArticleEntity[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const e of entities ?? []) if (e.kind !== 'byline' && e.mentions.length > 1) for (const w of contentWords(e.name)) out.add(w);
  return out;
}

/** A short line that is mostly a credited name ("Maria Lopez, Lima"), not a sentence about the news. */
function isCredit(sentence: string, bylines: readonly string[]): boolean {
  if (bylines.length === 0 || sentence.split(/\s+/).length > 12) return false;
  return bylines.some((name) => sentence.includes(name));
}

/**
 * Share of the characters between double quotation marks (straight or curly), or single curly ones.
 * A scanner, not a regex: a regex retries the rest of the sentence from every opening mark that never
 * closes, which is quadratic in a run of such marks.
 */
function quotedShare(t: string): number {
  let inside = 0;
  const double = closerFinder(t, ['"', '”']);
  const single = closerFinder(t, ['’']);
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    const finder = c === '"' || c === '“' ? double : c === '‘' ? single : null;
    const close = finder ? finder(i + 1) : -1;
    if (close < 0) continue;
    inside += close - i + 1;
    i = close;
  }
  return t.length ? Math.min(1, inside / t.length) : 0;
}

/**
 * The first index ≥ `from` of any of `marks`, or -1. Positions found are remembered, so a left-to-right
 * series of calls costs one pass over the text per mark.
 */
function closerFinder(t: string, marks: readonly string[]): (from: number) => number {
  const next = marks.map(() => -2);
  return (from) => {
    let best = -1;
    marks.forEach((m, k) => {
      if (next[k] !== -1 && next[k] < from) next[k] = t.indexOf(m, from);
      if (next[k] >= 0 && (best < 0 || next[k] < best)) best = next[k];
    });
    return best;
  };
}

/** How many of `words` are in `wanted`. */
export function countIn(words: ReadonlySet<string>, wanted: ReadonlySet<string>): number {
  let n = 0;
  for (const w of words) if (wanted.has(w)) n++;
  return n;
}
