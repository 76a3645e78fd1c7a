import { describe, expect, it } from 'vitest';
import { getNerTagger, tagSentence } from '../../src/analysis/ner/tagger.js';
import { tagDocument } from '../../src/analysis/ner/tag-doc.js';
import { docContext } from '../../src/analysis/ner/features.js';
import { tokenize } from '../../src/analysis/text/tokenize.js';

const words = (s: string): string[] => tokenize(s).map((t) => t.text);

/** The shipped weights on sentences written for this test. */
describe('NER model', () => {
  it('loads once, quickly', () => {
    const t = getNerTagger();
    expect(t.loadMs).toBeLessThan(1000);
    expect(getNerTagger()).toBe(t);
  });

  it('tags people, organizations and places in a sentence', () => {
    const w = words('Finance Minister Amara Okafor told reporters in Lagos that the World Bank would lend Nigeria $2 billion.');
    const spans = tagSentence(getNerTagger(), w, docContext([w])).map((s) => `${s.type}:${w.slice(s.from, s.to).join(' ')}`);
    expect(spans).toEqual(expect.arrayContaining(['PER:Amara Okafor', 'LOC:Lagos', 'ORG:World Bank', 'LOC:Nigeria']));
    expect(spans.some((s) => s.includes('Finance Minister'))).toBe(false);
  });

  it('reads all-caps headlines: clubs named after cities are organizations there', () => {
    const w = words('SOCCER - MILAN BEAT JUVENTUS IN TURIN .');
    const spans = tagSentence(getNerTagger(), w, docContext([w])).map((s) => `${s.type}:${w.slice(s.from, s.to).join(' ')}`);
    expect(spans).toEqual(expect.arrayContaining(['ORG:MILAN', 'ORG:JUVENTUS']));
    expect(spans).not.toContain('ORG:SOCCER');
  });

  it('gives document token offsets across sentences', () => {
    const s1 = words('Prime Minister Keiko Tanabe arrived in Osaka on Monday.');
    const s2 = words('Tanabe met executives from Toyota.');
    const spans = tagDocument([...s1, ...s2], [[0, s1.length], [s1.length, s1.length + s2.length]]);
    const all = [...s1, ...s2];
    const got = spans.map((s) => `${s.type}:${all.slice(s.from, s.to).join(' ')}`);
    expect(got).toEqual(expect.arrayContaining(['PER:Keiko Tanabe', 'LOC:Osaka', 'PER:Tanabe', 'ORG:Toyota']));
  });
});
