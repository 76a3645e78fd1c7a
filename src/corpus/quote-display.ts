import type { Quote } from '../analysis/types.js';

/*
 * How a quote is shown in answers. It sits with the corpus, which caches the result per article version;
 * briefing code re-exports it from pick-quotes.
 */

/** Marks that open or close a quotation, stripped from both ends of a shown quote. */
const QUOTE_MARKS = new Set(['"', '“', '”', "'"]);

/**
 * Keep chat quotes short: cut long ones at a word boundary. A scan from both
 * ends instead of `/["“”']+$/`-style patterns, which retry at every mark of a
 * long run and made one article with a run of quote marks stall every
 * command that showed it.
 */
export function trimQuote(text: string, max = 300): string {
  const s = text.trim();
  let a = 0;
  let b = s.length;
  // The quote's own marks and the comma that led into the attribution (“…,” she said) are not its words.
  while (a < b && QUOTE_MARKS.has(s[a])) a++;
  while (b > a && QUOTE_MARKS.has(s[b - 1])) b--;
  let e = b;
  while (e > a && /\s/.test(s[e - 1])) e--;
  if (e > a && (s[e - 1] === ',' || s[e - 1] === ';' || s[e - 1] === ':')) b = e - 1;
  const t = s.slice(a, b);
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 40))}…`;
}

/**
 * A bounded least-recently-used cache of trimmed quotes, so a quote shown by
 * many commands is trimmed once. Keys name the article, the quote's span and
 * the analysis version, so a re-analysed article never serves a stale quote.
 */
export class TrimmedQuoteCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly capacity = 2_000) {}

  /** The trimmed text of `quote` from article `articleId` (analysis `version`), computed at most once while cached. */
  trim(articleId: string, quote: Pick<Quote, 'text' | 'span'>, version: number | string = 0, max = 300): string {
    const key = `${articleId}\u0000${version}\u0000${quote.span[0]}:${quote.span[1]}\u0000${max}`;
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Re-insert so Map order doubles as recency order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const out = trimQuote(quote.text, max);
    this.entries.set(key, out);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return out;
  }

  /** Number of cached quotes (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }
}
