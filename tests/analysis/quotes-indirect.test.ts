import { describe, expect, it } from 'vitest';
import { CUE_VERBS } from '../../src/analysis/quotes/lexicon.js';
import type { ArticleEntity, Quote } from '../../src/analysis/types.js';
import { containing, entity, quotes } from '../helpers/quote-fixtures.js';

describe('reporting verb lexicon', () => {
  it('knows the inflections of common reporting verbs', () => {
    for (const w of ['said', 'says', 'told', 'added', 'urged', 'warned', 'acknowledged', 'noted', 'insisted', 'wrote', 'tweeted', 'denies']) {
      expect(CUE_VERBS.has(w), w).toBe(true);
    }
  });
});

describe('indirect speech', () => {
  it('takes the reported clause after "X said that"', () => {
    const text = 'Governor Alma Reyes said that the state would hire 400 new teachers next year.';
    const list = quotes(text, [entity(text, 'Alma Reyes', 'person')]);
    const q = containing(list, 'hire 400 new teachers');
    expect(q?.direct).toBe(false);
    expect(q?.speaker).toBe('Alma Reyes');
    expect(q?.text.startsWith('that the state')).toBe(true);
    expect(q?.text.endsWith('.')).toBe(false);
  });

  it('takes the clause before a post-posed attribution', () => {
    const text = 'The harbour will reopen to cargo ships within a week, port officials said on Friday.';
    const q = containing(quotes(text), 'harbour will reopen');
    expect(q?.direct).toBe(false);
    expect(q?.text).toBe('The harbour will reopen to cargo ships within a week');
  });

  it('follows a participle with the same speaker', () => {
    const text = 'Tomas Varga urged lawmakers to act quickly, acknowledging that the bill still needs changes.';
    const q = containing(quotes(text, [entity(text, 'Tomas Varga', 'person')]), 'bill still needs changes');
    expect(q?.speaker).toBe('Tomas Varga');
    expect(q?.cue).toBe('acknowledging');
  });

  it('handles "according to X"', () => {
    const text = 'Rents rose by nine percent in the city last year, according to the Northgate Housing Trust.';
    const list = quotes(text, [entity(text, 'Northgate Housing Trust', 'organization')]);
    const q = containing(list, 'Rents rose');
    expect(q?.speaker).toBe('Northgate Housing Trust');
    expect(q?.cue).toBe('according to');
  });

  it('resolves "the group said" to the organization named before', () => {
    const text = 'Clean Coast Alliance published its survey on Monday.\nBeaches in the north had the most plastic waste, the group said.';
    const q = containing(quotes(text, [entity(text, 'Clean Coast Alliance', 'organization')]), 'most plastic waste');
    expect(q?.speaker).toBe('Clean Coast Alliance');
  });

  it('resolves a relative pronoun to the name before it', () => {
    const text = 'The report came from Open Roads Network, which noted that road deaths fell for a third year.';
    const q = containing(quotes(text, [entity(text, 'Open Roads Network', 'organization')]), 'road deaths fell');
    expect(q?.speaker).toBe('Open Roads Network');
  });

  it('never uses a byline as a speaker', () => {
    const text = 'Water bills will rise again in April, he said.';
    const byline: ArticleEntity = { ...entity(text, 'Water', 'person'), kind: 'byline' };
    const q = containing(quotes(text, [byline]), 'Water bills');
    expect(q?.speaker).toBeNull();
  });
});
