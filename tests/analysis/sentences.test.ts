import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/analysis/text/sentences.js';
import { tokenize } from '../../src/analysis/text/tokenize.js';

const texts = (t: string): string[] => splitSentences(t).map((s) => s.text);

describe('splitSentences', () => {
  it('keeps offsets exact', () => {
    const t = '  First one here.  Second one there!\n\nThird? Yes.';
    for (const s of splitSentences(t)) expect(t.slice(s.start, s.end)).toBe(s.text);
    expect(texts(t)).toEqual(['First one here.', 'Second one there!', 'Third?', 'Yes.']);
  });

  it('does not split on titles, initials, months or decimals', () => {
    const t = 'Gov. Maria Lopez and Dr. Ken W. Ostrowski met on Sept. 14 to discuss a 3.5 percent raise. It passed.';
    expect(texts(t)).toEqual([
      'Gov. Maria Lopez and Dr. Ken W. Ostrowski met on Sept. 14 to discuss a 3.5 percent raise.',
      'It passed.',
    ]);
  });

  it('treats U.S. and U.N. as abbreviations unless a sentence clearly starts', () => {
    expect(texts('The U.S. Senate voted with the U.N. Security Council. Nobody objected.')).toHaveLength(2);
    expect(texts('Exports fell to the U.S. The drop was sharp.')).toEqual(['Exports fell to the U.S.', 'The drop was sharp.']);
    expect(texts('Shares of Acme Corp. rose 4 percent.')).toHaveLength(1);
  });

  it('keeps reporting clauses after a quote in the same sentence', () => {
    expect(texts('"We will not back down," she said. "Never." Then she left.')).toEqual([
      '"We will not back down," she said.',
      '"Never."',
      'Then she left.',
    ]);
    expect(texts('“Is this fair?” he asked reporters.')).toHaveLength(1);
  });

  it('splits a quotation that spans sentences at its inner boundary', () => {
    const out = texts('“Prices are too high. Families cannot cope,” the mayor said.');
    expect(out).toEqual(['“Prices are too high.', 'Families cannot cope,” the mayor said.']);
  });

  it('never crosses a newline and numbers paragraphs by non-empty line', () => {
    const s = splitSentences('Headline Without Period\n\nBody one. Body two.\nLast line');
    expect(s.map((x) => [x.text, x.paragraph])).toEqual([
      ['Headline Without Period', 0],
      ['Body one.', 1],
      ['Body two.', 1],
      ['Last line', 2],
    ]);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n \n')).toEqual([]);
  });
});

describe('tokenize', () => {
  it('splits possessives, keeps abbreviations, numbers and hyphenated words', () => {
    const t = "Dr. O'Neill's decades-long study cost $4.5 million in the U.S., Kenya’s J. Mwangi said.";
    const toks = tokenize(t);
    for (const k of toks) expect(t.slice(k.start, k.end)).toBe(k.text);
    expect(toks.map((k) => k.text)).toEqual([
      'Dr.', "O'Neill", "'s", 'decades-long', 'study', 'cost', '$', '4.5', 'million', 'in', 'the', 'U.S.', ',',
      'Kenya', '’s', 'J.', 'Mwangi', 'said', '.',
    ]);
  });

  it('tokenizes a sub-range with absolute offsets', () => {
    const t = 'one two three';
    expect(tokenize(t, 4, 13)).toEqual([
      { start: 4, end: 7, text: 'two' },
      { start: 8, end: 13, text: 'three' },
    ]);
  });
});
