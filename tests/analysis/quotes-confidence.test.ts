import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FEATURE_NAMES, SHOW_THRESHOLD, confidenceOf, quoteFeatures } from '../../src/analysis/quotes/confidence.js';
import type { ArticleEntity, Quote } from '../../src/analysis/types.js';

const weights = JSON.parse(readFileSync(new URL('../../src/analysis/quotes/confidence-weights.json', import.meta.url), 'utf8')) as { w: number[]; threshold: number };

function person(name: string, mentions: number): ArticleEntity {
  return { name, type: 'person', role: null, roles: [], aliases: [], mentions: Array.from({ length: mentions }, (_, k) => [k * 10, k * 10 + 5] as [number, number]), kind: 'subject' };
}

function reported(text: string, over: Partial<Quote> = {}): Quote {
  return { text, span: [100, 100 + text.length], direct: false, speaker: 'Nora Vale', speakerSpan: [80, 89], cue: 'said', evidence: 'name', certainty: 1, ...over };
}

const score = (q: Quote, e: ArticleEntity | null = person('Nora Vale', 4)): number => confidenceOf(quoteFeatures(q, e));

describe('attribution confidence', () => {
  it('has one weight per feature and a threshold inside (0, 1)', () => {
    expect(weights.w).toHaveLength(FEATURE_NAMES.length);
    expect(quoteFeatures(reported('that the port would reopen next week'), null)).toHaveLength(FEATURE_NAMES.length);
    expect(SHOW_THRESHOLD).toBeGreaterThan(0);
    expect(SHOW_THRESHOLD).toBeLessThan(1);
  });

  it('trusts content that names a source of its own less ("…, according to the Roper Center")', () => {
    const plain = reported('that the nominee has won or tied among voters making $100,000 or more this year');
    const sourced = reported('that the nominee has won or tied among voters making $100,000 or more, according to the Roper Center');
    expect(score(sourced)).toBeLessThan(score(plain));
  });

  it('trusts a one-to-three word content less than a full clause', () => {
    expect(score(reported('People like Scott'))).toBeLessThan(score(reported('that people like Scott should run for the Senate next year')));
  });

  it('trusts a name next to the words more than the same name far away', () => {
    const near = reported('that the port would reopen next week', { speakerSpan: [88, 97] });
    const far = reported('that the port would reopen next week', { speakerSpan: [10, 19] });
    expect(score(far)).toBeLessThan(score(near));
  });
});

describe('two sources for one content', () => {
  it('names no speaker for reported content that carries "according to" another source', async () => {
    const { quotes, entity, containing } = await import('../helpers/quote-fixtures.js');
    const text = 'Harbor News reports that the new pier will cost twice the estimate, according to the Coastal Budget Office.';
    const list = quotes(text, [entity(text, 'Harbor News', 'organization'), entity(text, 'Coastal Budget Office', 'organization')]);
    const q = containing(list, 'twice the estimate');
    expect(q).toBeDefined();
    expect(q?.speaker).toBeNull();
  });
});
