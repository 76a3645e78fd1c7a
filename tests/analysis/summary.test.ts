import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/analysis/summary/summarize.js';
import { splitSentences } from '../../src/analysis/text/sentences.js';

const sum = (text: string, title?: string, max?: number) => summarize(text, splitSentences(text), { title, max });

const ARTICLE = [
  'The city council of Riverton approved a plan on Tuesday to rebuild the flooded harbor district over the next five years.',
  'He said the vote was long overdue.',
  'The harbor district plan includes new sea walls, a drainage tunnel and housing for families displaced by the floods.',
  'Council members debated the harbor plan for six hours before the vote.',
  'The harbor district was flooded twice last year, forcing hundreds of families from their homes.',
  'By Maria Lopez',
  'Opponents said the harbor plan costs too much and that the sea walls would block views of the bay.',
].join('\n');

describe('summarize', () => {
  it('returns at most the requested number of sentences, each from the article', () => {
    const out = sum(ARTICLE, 'Riverton approves harbor rebuild');
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThanOrEqual(3);
    for (const s of out) expect(ARTICLE).toContain(s);
    expect(sum(ARTICLE, undefined, 1)).toHaveLength(1);
  });

  it('puts the central lead first', () => {
    expect(sum(ARTICLE, 'Riverton approves harbor rebuild')[0]).toMatch(/^The city council of Riverton approved/);
  });

  it('avoids a sentence that leans on an unresolved pronoun when better ones exist', () => {
    expect(sum(ARTICLE).some((s) => s.startsWith('He said'))).toBe(false);
  });

  it('never picks a byline', () => {
    expect(sum(ARTICLE).some((s) => /Maria Lopez/.test(s))).toBe(false);
  });

  it('skips a near-repeat of a chosen sentence', () => {
    const text = [
      'Storm Ada closed every school in the northern province on Monday, officials said.',
      'Storm Ada closed every school in the northern province on Monday, officials told reporters.',
      'Power lines were down across the province and rail services were suspended until Wednesday.',
      'Forecasters expect the storm to weaken as it moves east over the mountains.',
    ].join('\n');
    const out = sum(text);
    const repeats = out.filter((s) => s.startsWith('Storm Ada closed'));
    expect(repeats).toHaveLength(1);
  });

  it('copes with empty and one-sentence texts', () => {
    expect(sum('')).toEqual([]);
    expect(sum('A single short line about a vote in the senate today.')).toEqual(['A single short line about a vote in the senate today.']);
  });
});
