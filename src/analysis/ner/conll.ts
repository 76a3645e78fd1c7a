import { tokenize } from '../text/tokenize.js';

/** A CoNLL sentence re-tokenized the way the analysis tokenizes news text. */
export interface LabelledSentence {
  words: string[];
  /** IOB2 tags ("B-PER", "I-PER", "O"), one per word. */
  tags: string[];
}

/** One document: its sentences in order. */
export type LabelledDoc = LabelledSentence[];

/**
 * Read a CoNLL-2003 file (`token POS chunk NER`, IOB1 or IOB2, `-DOCSTART-`
 * between documents). Each sentence is joined with single spaces, as the
 * scorer rebuilds it, and split again by the project's tokenizer, so the model
 * trains on exactly the tokens it will see ("1996-08-22" becomes five tokens).
 * A token split in several keeps its entity: B on the first piece, I after.
 */
export function readConll(text: string): LabelledDoc[] {
  const docs: LabelledDoc[] = [];
  let doc: LabelledDoc = [];
  let words: string[] = [];
  let tags: string[] = [];
  const flush = (): void => {
    if (words.length > 0) doc.push(retokenize(words, toIob2(tags)));
    words = [];
    tags = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('-DOCSTART-')) {
      flush();
      if (doc.length > 0) docs.push(doc);
      doc = [];
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const parts = line.split(' ');
    words.push(parts[0]);
    tags.push(parts[parts.length - 1]);
  }
  flush();
  if (doc.length > 0) docs.push(doc);
  return docs;
}

/** IOB1 ("I-PER I-PER", B only between touching entities) → IOB2 (every entity starts with B). */
export function toIob2(tags: string[]): string[] {
  return tags.map((t, i) => {
    if (!t.startsWith('I-')) return t;
    const prev = i > 0 ? tags[i - 1] : 'O';
    return prev === 'O' || prev.slice(2) !== t.slice(2) ? 'B-' + t.slice(2) : t;
  });
}

function retokenize(words: string[], tags: string[]): LabelledSentence {
  const text = words.join(' ');
  const owner: number[] = [];
  words.forEach((w, i) => {
    for (let k = 0; k < w.length; k++) owner.push(i);
    owner.push(-1);
  });
  const out: LabelledSentence = { words: [], tags: [] };
  let last = -1;
  for (const t of tokenize(text)) {
    const src = owner[t.start];
    const tag = tags[src];
    out.words.push(t.text);
    out.tags.push(src === last && tag !== 'O' ? 'I-' + tag.slice(2) : tag);
    last = src;
  }
  return out;
}

/** Entity spans `[from, to, type]` of an IOB2 tag sequence (a stray I- opens a span). */
export function tagSpans(tags: readonly string[]): [number, number, string][] {
  const out: [number, number, string][] = [];
  let start = -1;
  let type = '';
  for (let i = 0; i <= tags.length; i++) {
    const t = i < tags.length ? tags[i] : 'O';
    const continues = t.startsWith('I-') && t.slice(2) === type && start >= 0;
    if (continues) continue;
    if (start >= 0) out.push([start, i, type]);
    start = t === 'O' ? -1 : i;
    type = t === 'O' ? '' : t.slice(2);
  }
  return out;
}
