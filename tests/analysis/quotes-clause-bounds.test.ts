import { describe, expect, it } from 'vitest';
import { mergeRunOnQuotes, mergeSplitQuotes } from '../../src/analysis/quotes/merge-split-quotes.js';
import { contentEndAt, nextClauseBreak, nextParticiple } from '../../src/analysis/quotes/next-clause-break.js';
import { scanQuoteSegments } from '../../src/analysis/quotes/quote-marks.js';
import { skipObject, skipVerbModifiers } from '../../src/analysis/quotes/skip-verb-modifiers.js';
import { tokenizeWords, type Word } from '../../src/analysis/quotes/units.js';
import type { Quote } from '../../src/analysis/types.js';

const tokens = (text: string): Word[] => tokenizeWords(text, 0, text.length, scanQuoteSegments(text));
const indexOf = (words: Word[], lower: string): number => words.findIndex((w) => w.lower === lower);

function quote(text: string, piece: string, speaker: string | null, speakerSpan: [number, number] | null, from = 0): Quote {
  const s = text.indexOf(piece, from);
  return { text: piece, span: [s, s + piece.length], direct: true, speaker, speakerSpan, cue: 'said', evidence: 'name', certainty: 0.9 };
}

describe('between the reporting verb and its content', () => {
  it('skips an object before "that" and a named object', () => {
    const a = tokens('She told reporters that the plan was dead.');
    expect(a[skipObject(a, indexOf(a, 'told') + 1, a.length)].lower).toBe('that');
    const b = tokens('He urged Congress to act before the recess.');
    expect(b[skipObject(b, indexOf(b, 'urged') + 1, b.length)].lower).toBe('to');
  });

  it('leaves a clause with no object where it was', () => {
    const w = tokens('She said the plan was dead.');
    const k = indexOf(w, 'said') + 1;
    expect(skipObject(w, k, w.length)).toBe(k);
  });

  it('skips time words and a prepositional phrase up to "that"', () => {
    const w = tokens('He said on Monday in a statement that the talks had failed.');
    expect(w[skipVerbModifiers(w, indexOf(w, 'said') + 1, w.length)].lower).toBe('that');
  });
});

describe('where reported content ends', () => {
  it('stops at ", but" and at a semicolon, not at a plain comma', () => {
    const a = 'The mayor said the water, by all tests, was safe, but residents kept buying bottles.';
    const w = tokens(a);
    expect(nextClauseBreak(w, indexOf(w, 'said'), w.length)).toBe(a.indexOf(', but'));
    const b = 'He said the vote would pass; critics disagreed.';
    const v = tokens(b);
    expect(nextClauseBreak(v, indexOf(v, 'said'), v.length)).toBe(b.indexOf(';'));
    const c = 'He said the vote, in his view, would pass.';
    const u = tokens(c);
    expect(nextClauseBreak(u, indexOf(u, 'said'), u.length)).toBeNull();
  });

  it('finds the comma before a continuing participle', () => {
    const text = 'She said the budget was tight, adding that cuts were likely.';
    const w = tokens(text);
    expect(nextParticiple(w, indexOf(w, 'said'), w.length)).toBe(text.indexOf(', adding'));
  });

  it('drops a final stop outside quotes but keeps one inside', () => {
    const a = 'the budget was tight. ';
    expect(a.slice(0, contentEndAt(a, a.length, 0))).toBe('the budget was tight');
    const b = '"the budget was tight."';
    expect(contentEndAt(b, b.length, 0)).toBe(b.length);
  });
});

describe('joining quote pieces', () => {
  it('joins a quotation interrupted by its attribution clause', () => {
    const text = '"We will rebuild the bridge," said Ana Ruiz, "and we will do it this year."';
    const name = text.indexOf('Ana Ruiz');
    const first = quote(text, '"We will rebuild the bridge,"', 'Ana Ruiz', [name, name + 8]);
    const second = quote(text, '"and we will do it this year."', null, null);
    const out = mergeSplitQuotes(text, [first, second]);
    expect(out).toHaveLength(1);
    expect(out[0].span).toEqual([0, text.length]);
    expect(out[0].text).toBe('"We will rebuild the bridge," "and we will do it this year."');
  });

  it('keeps pieces apart across a paragraph break or when each has its own speaker after it', () => {
    const text = '"We will rebuild the bridge," said Ana Ruiz.\n"And we will do it this year," she said.';
    const name = text.indexOf('Ana Ruiz');
    const she = text.indexOf('she');
    const first = quote(text, '"We will rebuild the bridge,"', 'Ana Ruiz', [name, name + 8]);
    const second = quote(text, '"And we will do it this year,"', 'Ana Ruiz', [she, she + 3]);
    expect(mergeSplitQuotes(text, [first, second])).toHaveLength(2);
  });

  it('runs an open quote on into the next paragraph by the same speaker only', () => {
    const text = '"We will rebuild the bridge and\n"we will do it this year."';
    const first = quote(text, '"We will rebuild the bridge and', 'Ana Ruiz', [0, 0]);
    const second = quote(text, '"we will do it this year."', 'Ana Ruiz', [0, 0]);
    expect(mergeRunOnQuotes(text, [{ ...first }, { ...second }])).toHaveLength(1);
    expect(mergeRunOnQuotes(text, [{ ...first }, { ...second, speaker: 'Tomas Hale' }])).toHaveLength(2);
  });
});
