import { describe, expect, it } from 'vitest';
import type { Gazetteer } from '../../src/analysis/entities/gazetteers.js';
import { readConll, tagSpans, toIob2 } from '../../src/analysis/ner/conll.js';
import { deserializeModel, emissions, serializeModel, TAGS, viterbi } from '../../src/analysis/ner/model.js';
import { trainFromConll } from '../../src/analysis/ner/train-conll.js';
import { docContext, sentenceFeatures } from '../../src/analysis/ner/features.js';

/** A tiny gazetteer, so the test does not depend on the real data files. */
const gaz: Gazetteer = {
  places: new Map([['paris', { name: 'Paris', kind: 'city', population: 2e6 }], ['kenya', { name: 'Kenya', kind: 'country', population: 5e7 }]]),
  demonyms: new Map([['kenyan', 'Kenya']]),
  personNames: new Set(['anna', 'david']),
  orgs: new Set(),
  maxPlaceTokens: 1,
  loadMs: 0,
};

/** A generated corpus: "<First> <Last> visited <Place> for <Org> ." in CoNLL format (IOB1, as eng.train). */
function corpus(n: number, offset: number): string {
  const first = ['Anna', 'David', 'Maria', 'Tom', 'Lena'];
  const last = ['Berg', 'Otieno', 'Silva', 'Novak', 'Chen', 'Kamau'];
  const place = ['Paris', 'Kenya', 'Lima', 'Oslo'];
  const org = ['Acme Corp', 'Delta Bank', 'Orion Group'];
  const lines: string[] = ['-DOCSTART- -X- -X- O', ''];
  for (let i = 0; i < n; i++) {
    const k = i + offset;
    const [o1, o2] = org[k % org.length].split(' ');
    lines.push(`${first[k % first.length]} NNP B-NP I-PER`, `${last[(k * 7) % last.length]} NNP I-NP I-PER`, 'visited VBD B-VP O');
    lines.push(`${place[(k * 3) % place.length]} NNP B-NP I-LOC`, 'for IN B-PP O', `${o1} NNP B-NP I-ORG`, `${o2} NNP I-NP I-ORG`, '. . O O', '');
  }
  return lines.join('\n');
}

describe('NER training', () => {
  it('reads CoNLL IOB1 as IOB2 and re-tokenizes like the analysis', () => {
    expect(toIob2(['I-PER', 'I-PER', 'O', 'I-LOC', 'B-LOC'])).toEqual(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC']);
    const [doc] = readConll('-DOCSTART- -X- -X- O\n\nLONDON NNP B-NP I-LOC\n1996-08-30 CD I-NP O\n');
    expect(doc[0].words).toEqual(['LONDON', '1996', '-', '08', '-', '30']);
    expect(tagSpans(doc[0].tags)).toEqual([[0, 1, 'LOC']]);
  });

  it('learns a tiny generated corpus, the same way every time', () => {
    const a = trainFromConll(corpus(60, 0), corpus(20, 1000), gaz, { epochs: 4, seed: 7 });
    const b = trainFromConll(corpus(60, 0), corpus(20, 1000), gaz, { epochs: 4, seed: 7 });
    expect(a.dev!.f1).toBeGreaterThan(0.9);
    expect(Buffer.compare(serializeModel(a.weights.hashes, a.weights.weights, a.weights.trans), serializeModel(b.weights.hashes, b.weights.weights, b.weights.trans))).toBe(0);
    expect(a.log[0]).toContain('train: 60 sentences');
  });

  it('round-trips weights through the file format and tags an unseen sentence', () => {
    const { weights } = trainFromConll(corpus(60, 0), null, gaz, { epochs: 4, seed: 7 });
    const model = deserializeModel(serializeModel(weights.hashes, weights.weights, weights.trans));
    const words = ['Lena', 'Kamau', 'visited', 'Oslo', 'for', 'Delta', 'Bank', '.'];
    const feats = sentenceFeatures(words, docContext([words]), gaz);
    const tags = Array.from(viterbi(emissions(model, feats), words.length, model.trans), (t) => TAGS[t]);
    expect(tags).toEqual(['B-PER', 'I-PER', 'O', 'B-LOC', 'O', 'B-ORG', 'I-ORG', 'O']);
  });
});
