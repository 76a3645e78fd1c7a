import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getGazetteer, type Gazetteer } from '../entities/gazetteers.js';
import { tagSpans } from './conll.js';
import { foldKey } from '../entities/fold.js';
import { startsUpper } from '../text/char-class.js';
import { capsFlag, pushWordFeatures, sentenceFeatures, wordShape, type NerDocContext } from './features.js';
import { deserializeModel, emissions, lookup, T, TAGS, viterbi, type LinearModel } from './model.js';

/** The weights file shipped with the project (see models/README.md). */
export const MODEL_PATH = fileURLToPath(new URL('../../../models/ner-conll2003.bin.gz', import.meta.url));

/** A loaded tagger: the weights, the gazetteer its features read, and how long loading took. */
export interface NerTagger {
  model: LinearModel;
  gaz: Gazetteer;
  loadMs: number;
  /** Summed weights of each word's word-only features, per caps flag of the line (bounded; see wordScores). */
  wordCache: { caps: Map<string, Float32Array>; plain: Map<string, Float32Array> };
}

// Module-local copies of hot imports (under tsx each imported binding is a getter call).
const NT = T;
const TAG_NAMES = TAGS;
const emit = emissions;
const decode = viterbi;
const row = lookup;
const upperStart = startsUpper;

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
  return { model, gaz, loadMs: performance.now() - t0, wordCache: { caps: new Map(), plain: new Map() } };
}

/** IOB2 tags for one sentence's words (`keys`: their foldKey, when the caller has them). */
export function tagWords(tagger: NerTagger, words: string[], doc: NerDocContext, keys?: string[]): string[] {
  if (words.length === 0) return [];
  const active = nearCapitals(words);
  if (!active.includes(1)) return words.map(() => 'O'); // no capital letter anywhere: nothing to name
  const k = keys ?? words.map((w) => foldKey(w));
  const caps = capsFlag(words);
  const em = emit(tagger.model, sentenceFeatures(words, doc, tagger.gaz, k, false, active, caps));
  const cache = caps === 'C' ? tagger.wordCache.caps : tagger.wordCache.plain;
  for (let i = 0; i < words.length; i++) {
    if (!active[i]) {
      for (let t = 1; t < NT; t++) em[i * NT + t] = -1e9; // far from any capital: O
      continue;
    }
    const ws = wordScores(tagger, cache, words[i], k[i], caps);
    for (let t = 0; t < NT; t++) em[i * NT + t] += ws[t];
  }
  const path = decode(em, words.length, tagger.model.trans);
  return Array.from(path, (t) => TAG_NAMES[t]);
}

/**
 * Tokens worth scoring: those within two of a word with a capital letter. Names always hold one ("eBay",
 * "de la Cruz"), and every feature reaches at most two tokens, so the rest of a sentence is O; skipping it
 * roughly halves the tagger's work on running text.
 */
function nearCapitals(words: string[]): Uint8Array {
  const n = words.length;
  const active = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!hasCapital(words[i])) continue;
    for (let j = Math.max(0, i - 2); j <= Math.min(n - 1, i + 2); j++) active[j] = 1;
  }
  return active;
}

function hasCapital(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
    if (c >= 128 && /\p{Lu}/u.test(w[i])) return true;
  }
  return false;
}

/** The word-only part of a token's scores, from the cache or computed once. */
function wordScores(tagger: NerTagger, cache: Map<string, Float32Array>, w: string, k: string, caps: string): Float32Array {
  let out = cache.get(w);
  if (out) return out;
  const f: number[] = [];
  pushWordFeatures(f, w, k, wordShape(w), caps, upperStart(w));
  out = new Float32Array(NT);
  for (const h of f) {
    const r = row(tagger.model, h);
    if (r >= 0) for (let t = 0; t < NT; t++) out[t] += tagger.model.w[r * NT + t];
  }
  if (cache.size >= WORD_CACHE_SIZE) cache.clear();
  cache.set(w, out);
  return out;
}

/** Entity spans for one sentence's words. */
export function tagSentence(tagger: NerTagger, words: string[], doc: NerDocContext, keys?: string[]): NerSpan[] {
  return tagSpans(tagWords(tagger, words, doc, keys)).map(([from, to, type]) => ({ from, to, type: type as NerSpan['type'] }));
}
