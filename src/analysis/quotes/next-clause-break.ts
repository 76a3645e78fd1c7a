/**
 * Where reported content ends: at the writer's own next clause (", but …",
 * "; …", ", which …", "and warned …"), at a continuing participle
 * (", adding …") or at the unit end less its final stop.
 */
import { CUE_VERBS, PARTICIPLE_CUES } from './lexicon.js';
import { isQuoteMark, type Word } from './units.js';

/** Conjunctions that open a new clause of the writer's own after reported content ("…, but critics…"). */
export const CLAUSE_BREAKS = new Set(['but', 'though', 'although', 'while', 'whereas', 'yet']);

/** End of reported content at the unit end: drops a final stop outside quotes. */
export function contentEndAt(text: string, end: number, start: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  while (e > start && /[.;:,!?]/.test(text[e - 1]) && !/["”'’]/.test(text[e - 2] ?? '')) e--;
  return e;
}

/** Character position where the reported clause ends at ", but …" / "; …" (outside quotes), or null. */
export function nextClauseBreak(words: Word[], k: number, hi: number): number | null {
  for (let j = k + 1; j < hi; j++) {
    const w = words[j];
    if (w.quote >= 0) continue;
    if (w.text === ';') return w.start;
    if (w.text === ',' && words[j + 1] && CLAUSE_BREAKS.has(words[j + 1].lower) && words[j + 1].quote < 0) return w.start;
    // '…a “terrible situation,” but stopped short…': the comma sits inside the closing mark.
    if (isQuoteMark(w) && words[j - 1]?.text === ',' && words[j + 1] && CLAUSE_BREAKS.has(words[j + 1].lower) && words[j + 1].quote < 0) return w.end;
    // '…, which forced her to…': a non-restrictive relative clause is the writer's aside, not the report.
    if (w.text === ',' && words[j + 1]?.lower === 'which' && words[j + 1].quote < 0) return w.start;
    // "…said she would stay and warned against…": a second predicate of the speaker is not part of the content.
    const next = words[j + 1];
    if (w.lower === 'and' && next && next.quote < 0 && next.text === next.lower && (CUE_VERBS.has(next.lower) || /^[a-z]{3,}ed$/.test(next.lower))) {
      return words[j - 1]?.text === ',' ? words[j - 1].start : w.start;
    }
  }
  return null;
}

/** Index-free search for ", adding …" after `k`: the character position of its comma. */
export function nextParticiple(words: Word[], k: number, hi: number): number | null {
  for (let j = k; j + 1 < hi; j++) {
    if (words[j].text === ',' && words[j + 1].quote < 0 && PARTICIPLE_CUES.has(words[j + 1].lower)) return words[j].start;
  }
  return null;
}
