import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getGazetteer, type Gazetteer } from '../entities/gazetteers.js';
import { tagSpans } from './conll.js';
import { foldKey } from '../entities/fold.js';
import { capsFlag, pushWordFeatures, sentenceFeatures, wordShape, type NerDocContext } from './features.js';
import { deserializeModel, emissions, lookup, T, TAGS, viterbi, type LinearModel } from './model.js';

/** The weights file shipped with the project (see models/README.md). */
export const MODEL_PATH = fileURLToPath(new URL('../../../models/ner-conll2003.bin.gz', import.meta.url));

/** A loaded tagger: the weights, the gazetteer its features read, and how long loading took. */
export interface NerTagger {
  model: LinearModel;
  gaz: Gazetteer;
  loadMs: number;
  /** Summed weights of each word's word-only features, keyed by caps flag + word (bounded; see wordScores). */
  wordCache: Map<string, Float32Array>;
}

/** Words whose scores are cached; past this the cache starts over (news vocabularies repeat heavily). */
const WORD_CACHE_SIZE = 100_000;

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
  return { model, gaz, loadMs: performance.now() - t0, wordCache: new Map() };
}

/** IOB2 tags for one sentence's words (`keys`: their foldKey, when the caller has them). */
export function tagWords(tagger: NerTagger, words: string[], doc: NerDocContext, keys?: string[]): string[] {
  if (words.length === 0) return [];
  const k = keys ?? words.map((w) => foldKey(w));
  const em = emissions(tagger.model, sentenceFeatures(words, doc, tagger.gaz, k, false));
  const caps = capsFlag(words);
  for (let i = 0; i < words.length; i++) {
    const ws = wordScores(tagger, words[i], k[i], caps);
    for (let t = 0; t < T; t++) em[i * T + t] += ws[t];
  }
  const path = viterbi(em, words.length, tagger.model.trans);
  return Array.from(path, (t) => TAGS[t]);
}

/** The word-only part of a token's scores, from the cache or computed once. */
function wordScores(tagger: NerTagger, w: string, k: string, caps: string): Float32Array {
  const key = caps + w;
  let out = tagger.wordCache.get(key);
  if (out) return out;
  const f: number[] = [];
  pushWordFeatures(f, w, k, wordShape(w), caps, /^\p{Lu}/u.test(w));
  out = new Float32Array(T);
  for (const h of f) {
    const r = lookup(tagger.model, h);
    if (r >= 0) for (let t = 0; t < T; t++) out[t] += tagger.model.w[r * T + t];
  }
  if (tagger.wordCache.size >= WORD_CACHE_SIZE) tagger.wordCache.clear();
  tagger.wordCache.set(key, out);
  return out;
}

/** Entity spans for one sentence's words. */
export function tagSentence(tagger: NerTagger, words: string[], doc: NerDocContext, keys?: string[]): NerSpan[] {
  return tagSpans(tagWords(tagger, words, doc, keys)).map(([from, to, type]) => ({ from, to, type: type as NerSpan['type'] }));
}
