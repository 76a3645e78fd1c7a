import type { Sentence } from '../types.js';

/**
 * PROVISIONAL splitter (to be replaced by the entity-stage owner): splits on
 * . ! ? followed by space + capital, and on newlines.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  let lastEnd = 0;
  while ((m = re.exec(text))) {
    if (/\n\s*\n/.test(text.slice(lastEnd, m.index)) || (lastEnd > 0 && text.slice(lastEnd, m.index).includes('\n'))) paragraph++;
    lastEnd = m.index + m[0].length;
    const line = m[0];
    const base = m.index;
    const sre = /[^.!?]+(?:[.!?]+["”’)]*|$)\s*/g;
    let s: RegExpExecArray | null;
    while ((s = sre.exec(line)) && s[0].length > 0) {
      const raw = s[0];
      const lead = raw.length - raw.trimStart().length;
      const t = raw.trim();
      if (!t) continue;
      const start = base + s.index + lead;
      out.push({ start, end: start + t.length, text: t, paragraph });
    }
  }
  return out;
}
