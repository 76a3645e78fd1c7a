import type { ArticleEntity, Sentence } from '../types.js';
import { lexRank } from './centrality.js';
import { contentWords, STOPWORDS } from './content-words.js';

const P: Record<string, number> = { pos: 1, cent: 1, lex: 0, title: 0.25, ent: 0.15, dep: 0.55, ...JSON.parse(process.env.SUMP ?? '{}') };

export interface SummarizeOptions {
  title?: string | null;
  entities?: ArticleEntity[];
  /** Maximum sentences returned (default 3). */
  max?: number;
}

/** Sentences considered: long articles are summarised from their first part, where news puts the substance. */
const MAX_CANDIDATES = 60;

/** Openers that make a sentence lean on the one before it ("He added…", "But…", "This…"). */
const DEPENDENT_OPENER = /^["“‘']?(he|she|they|it|his|her|their|its|this|that|these|those|but|and|also|however|meanwhile|instead|still|yet|so|then|such|there|here)\b/i;

/** Shapes that are never summary material: bylines, credits, captions, calls to action. */
const NOT_SUMMARY = /^(by |reporting by|editing by|\(reporting|photo:|image:|click |subscribe|sign up|follow us|read more|copyright|©)/i;

interface Scored {
  s: Sentence;
  index: number;
  words: string[];
  set: Set<string>;
  score: number;
}

/**
 * Extractive summary: 1–3 sentences, best first. Each sentence is scored by
 * centrality (how much of the article's vocabulary it shares with the other
 * sentences, LexRank-style degree over word overlap), a position prior
 * (news puts the gist first), overlap with the headline and entity
 * coverage. Sentences that open with an unresolved pronoun or connective
 * are demoted (kept only when nothing better exists), boilerplate and
 * bylines are never chosen, and near-repeats of a chosen sentence are
 * skipped (MMR-style redundancy removal).
 */
export function summarize(text: string, sentences: Sentence[], opts: SummarizeOptions = {}): string[] {
  const max = opts.max ?? 3;
  const cands: Scored[] = [];
  for (let i = 0; i < sentences.length && cands.length < MAX_CANDIDATES; i++) {
    const s = sentences[i];
    const t = s.text.trim();
    if (t.length < 25 || NOT_SUMMARY.test(t) || !/[a-z]/.test(t)) continue;
    const words = contentWords(t);
    if (words.length < 4) continue;
    cands.push({ s, index: cands.length, words, set: new Set(words), score: 0 });
  }
  if (cands.length === 0) return sentences.slice(0, max).map((s) => s.text.trim()).filter(Boolean);

  // Document frequency over sentences: words that recur across the article are its topic.
  const df = new Map<string, number>();
  for (const c of cands) for (const w of c.set) df.set(w, (df.get(w) ?? 0) + 1);
  const titleWords = new Set(contentWords(opts.title ?? ''));
  const entityWords = new Set<string>();
  for (const e of opts.entities ?? []) if (e.kind !== 'byline' && e.mentions.length > 1) for (const w of contentWords(e.name)) entityWords.add(w);

  const n = cands.length;
  const lex = P.lex ? lexRank(cands.map((c) => c.words)) : [];
  for (const c of cands) {
    let central = 0;
    for (const w of c.set) central += (df.get(w)! - 1) / Math.max(1, n - 1);
    central /= Math.sqrt(c.set.size + 4);
    let title = 0;
    for (const w of c.set) if (titleWords.has(w)) title++;
    let ents = 0;
    for (const w of c.set) if (entityWords.has(w)) ents++;
    const position = (c.index === 0 ? 1 + (P.lead ?? 0) : 1) / Math.pow(1 + c.index, P.pexp ?? 0.5);
    const len = c.words.length;
    const lengthFit = len < 8 ? 0.6 : len > 45 ? 0.85 : 1;
    const dependent = c.index > 0 && DEPENDENT_OPENER.test(c.s.text.trim()) ? P.dep : 1;
    if (P.lex) central = P.lex * (P.lexlog ? Math.log(1 + lex[c.index]) : lex[c.index]) + P.cent * central;
    const quoteOnly = /^["“][^"”]+["”]?\s*$/.test(c.s.text.trim()) ? 0.8 : 1;
    c.score = (P.pos * position + central + P.title * Math.min(title, 4) / 4 + P.ent * Math.min(ents, 4) / 4) * lengthFit * dependent * quoteOnly;
  }

  const ranked = [...cands].sort((a, b) => b.score - a.score || a.index - b.index);
  const chosen: Scored[] = [];
  for (const c of ranked) {
    if (chosen.length >= max) break;
    if (chosen.some((x) => overlap(x.set, c.set) > 0.6)) continue;
    chosen.push(c);
  }
  return chosen.map((c) => c.s.text.trim());
}

/** Share of the smaller sentence's words that the other one also has. */
function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (big.has(w)) shared++;
  return small.size ? shared / small.size : 0;
}

export { STOPWORDS };
