import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getGazetteer, type Gazetteer } from '../entities/gazetteers.js';
import { tagSpans } from './conll.js';
import { sentenceFeatures, type NerDocContext } from './features.js';
import { deserializeModel, emissions, TAGS, viterbi, type LinearModel } from './model.js';

/** The weights file shipped with the project (see models/README.md). */
export const MODEL_PATH = fileURLToPath(new URL('../../../models/ner-conll2003.bin.gz', import.meta.url));

/** A loaded tagger: the weights, the gazetteer its features read, and how long loading took. */
export interface NerTagger {
  model: LinearModel;
  gaz: Gazetteer;
  loadMs: number;
}

/** An entity span over a sentence's words: `[from, to)` and CoNLL type. */
export interface NerSpan {
  from: number;
  to: number;
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
}

let memo: NerTagger | null = null;

/** The process-wide tagger, loaded on first use (immutable afterwards). */
export function getNerTagger(): NerTagger {
  memo ??= loadNerTagger(MODEL_PATH);
  return memo;
}

/** Load a weights file written by `npm run train:ner`. */
export function loadNerTagger(path: string, gaz: Gazetteer = getGazetteer()): NerTagger {
  const t0 = performance.now();
  const model = deserializeModel(readFileSync(path));
  return { model, gaz, loadMs: performance.now() - t0 };
}

/** IOB2 tags for one sentence's words (`keys`: their foldKey, when the caller has them). */
export function tagWords(tagger: NerTagger, words: string[], doc: NerDocContext, keys?: string[]): string[] {
  if (words.length === 0) return [];
  const feats = sentenceFeatures(words, doc, tagger.gaz, keys);
  const path = viterbi(emissions(tagger.model, feats), words.length, tagger.model.trans);
  return Array.from(path, (t) => TAGS[t]);
}

/** Entity spans for one sentence's words. */
export function tagSentence(tagger: NerTagger, words: string[], doc: NerDocContext, keys?: string[]): NerSpan[] {
  return tagSpans(tagWords(tagger, words, doc, keys)).map(([from, to, type]) => ({ from, to, type: type as NerSpan['type'] }));
}
