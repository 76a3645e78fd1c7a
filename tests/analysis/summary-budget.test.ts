import { describe, expect, it } from 'vitest';
import { BUDGET_REFERENCE_WORDS, WORD_BUDGET, summarize, wordBudget } from '../../src/analysis/summary/summarize.js';
import { splitSentences } from '../../src/analysis/text/sentences.js';

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const sum = (text: string) => summarize(text, splitSentences(text), { title: 'Riverton votes to rebuild its flooded harbor district' });

/** Three opening sentences of about 30 words each: two fill the base budget, three do not fit it. */
const OPENING = [
  'The city council of Riverton voted on Tuesday to rebuild the flooded harbor district with new sea walls, a drainage tunnel and homes for the families who lost theirs in the spring floods.',
  'Mayor Elena Brandt said the harbor plan would cost about 240 million dollars over five years, paid for by a state grant, a bond issue and a small rise in the harbor fees.',
  'Work on the harbor sea walls will start in March, and the council expects the first families to move into the new harbor homes before the end of next year.',
];

/** A later paragraph on a side matter, different in each copy, so a long article is long without repeating itself. */
function sideParagraph(i: number): string {
  return `Resident number ${i + 1} of street ${(i * 7) % 40} told the panel about garden ${i * 3}, fence ${i * 11} and the old mill ${i % 9} near bridge ${i % 13}.`;
}

describe('summary word budget', () => {
  it('is the base budget up to the reference length and grows with the square root of the length above it', () => {
    expect(wordBudget(0)).toBe(WORD_BUDGET);
    expect(wordBudget(120)).toBe(WORD_BUDGET);
    expect(wordBudget(BUDGET_REFERENCE_WORDS)).toBe(WORD_BUDGET);
    expect(wordBudget(4 * BUDGET_REFERENCE_WORDS)).toBe(2 * WORD_BUDGET);
    let last = 0;
    for (let n = 0; n <= 5000; n += 250) {
      expect(wordBudget(n)).toBeGreaterThanOrEqual(last);
      last = wordBudget(n);
    }
  });

  it('stops after two long sentences in a short article but adds a third in a long one', () => {
    expect(words(OPENING[0]) + words(OPENING[1])).toBeGreaterThanOrEqual(WORD_BUDGET);
    const short = [...OPENING, 'Opponents said the plan was too expensive and asked for a public vote on the bond issue first.'].join('\n');
    expect(words(short)).toBeLessThan(BUDGET_REFERENCE_WORDS);
    const shortSummary = sum(short);
    expect(shortSummary).toHaveLength(2);
    expect(shortSummary[0]).toBe(OPENING[0]);

    const long = [...OPENING, ...Array.from({ length: 80 }, (_, i) => sideParagraph(i))].join('\n');
    expect(wordBudget(words(long))).toBeGreaterThan(words(OPENING.join(' ')));
    const longSummary = sum(long);
    expect(longSummary).toHaveLength(3);
    expect(longSummary[0]).toBe(OPENING[0]);
    expect(words(longSummary.join(' '))).toBeGreaterThan(WORD_BUDGET);
  });
});
