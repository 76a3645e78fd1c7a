import type { Quote } from '../analysis/types.js';
import { fold } from '../search/fold.js';

/**
 * Choose the quotes worth showing: attributed first, direct before reported,
 * a readable length, speakers related to the topic preferred, one per speaker
 * when there is a choice.
 */
export function pickQuotes<Q extends Quote>(quotes: readonly Q[], max: number, preferSpeakers: readonly string[] = []): Q[] {
  const prefer = new Set(preferSpeakers.map(fold));
  const scored = quotes
    .filter((q) => q.text.trim().length >= 12)
    .map((q, i) => {
      const len = q.text.length;
      let s = 0;
      if (q.speaker) s += 3;
      if (q.direct) s += 1.5;
      if (len >= 40 && len <= 320) s += 1;
      if (q.speaker && prefer.has(fold(q.speaker))) s += 1;
      return { q, s: s - i * 0.01 };
    })
    .sort((a, b) => b.s - a.s);
  // First pass: one quote per speaker, so a briefing hears several voices; second pass fills up.
  const out: Q[] = [];
  const speakers = new Set<string>();
  for (const { q } of scored) {
    if (out.length >= max) break;
    const key = q.speaker ?? '';
    if (speakers.has(key)) continue;
    out.push(q);
    speakers.add(key);
  }
  for (const { q } of scored) {
    if (out.length >= max) break;
    if (!out.includes(q)) out.push(q);
  }
  return out;
}

export { trimQuote, TrimmedQuoteCache } from '../corpus/quote-display.js';
