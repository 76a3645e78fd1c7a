/**
 * How an attribution is labelled in chat. "Trump said" needs no verb, but
 * "Trump denied …" or "Comey was accused of …" mean the opposite of the
 * words alone, so those verbs are shown with the name.
 */
import type { Quote } from '../types.js';
import { CUE_VERBS } from './lexicon.js';

/** Reporting verbs (lemmas) whose meaning a reader must see next to the words. */
const MEANING_VERBS = new Set(['deny', 'accuse', 'ask', 'dispute', 'reject', 'question', 'admit', 'concede', 'allege', 'doubt', 'dismiss', 'mock', 'speculate', 'joke', 'quip', 'wonder', 'threaten', 'charge']);

/** The verb to show with the speaker ("denied"), or null when "said" would do. */
export function meaningVerb(q: Pick<Quote, 'cue'>): string | null {
  const cue = (q.cue ?? '').toLowerCase();
  const info = CUE_VERBS.get(cue);
  if (!info || !MEANING_VERBS.has(info.lemma)) return null;
  // Show the past form whatever the tense the writer used ("denies" → "denied"), as a label reads.
  return /ed$/.test(cue) ? cue : cue.endsWith('ing') || /s$/.test(cue) ? pastOf(info.lemma) : cue;
}

function pastOf(lemma: string): string {
  if (lemma.endsWith('e')) return `${lemma}d`;
  if (/[^aeiou]y$/.test(lemma)) return `${lemma.slice(0, -1)}ied`;
  return `${lemma}ed`;
}

/** "Donald Trump" or "Donald Trump (denied)"; null stays null (the quote is not shown with a name). */
export function speakerLabel(q: Pick<Quote, 'speaker' | 'cue'>): string | null {
  if (!q.speaker) return null;
  const verb = meaningVerb(q);
  return verb ? `${q.speaker} (${verb})` : q.speaker;
}
