import { foldKey, keyOfFolded } from '../entities/fold.js';
import { docContext } from './features.js';
import { getNerTagger, tagSentence, type NerSpan, type NerTagger } from './tagger.js';

/** A model entity span over a document's token indices `[from, to)`. */
export type DocNerSpan = NerSpan;

/**
 * Tag every sentence of a document. `words` are the token texts and
 * `sentenceRanges` the token range of each sentence; the document context
 * (words seen in lower case, names capitalized mid-sentence) is built from the
 * same words exactly as in training. `folded`, if given, is fold() of each word.
 */
export function tagDocument(
  words: string[],
  sentenceRanges: [number, number][],
  tagger: NerTagger = getNerTagger(),
  folded?: string[],
): DocNerSpan[] {
  const sentences = sentenceRanges.map(([a, b]) => words.slice(a, b));
  // `folded` (fold of each word, when the caller has it) saves folding every word again.
  const keys = folded
    ? sentenceRanges.map(([a, b]) => folded.slice(a, b).map(keyOfFolded))
    : sentences.map((s) => s.map((w) => foldKey(w)));
  const ctx = docContext(sentences, keys);
  const out: DocNerSpan[] = [];
  sentences.forEach((s, si) => {
    const base = sentenceRanges[si][0];
    for (const sp of tagSentence(tagger, s, ctx, keys[si])) out.push({ from: base + sp.from, to: base + sp.to, type: sp.type });
  });
  return out;
}
