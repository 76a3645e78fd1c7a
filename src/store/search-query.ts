/**
 * Both engines rank a query's newest matches, at most this many: ranking scores every match before a
 * LIMIT applies, so without a bound a common word would cost time in proportion to the corpus. Below
 * this many matches the ranking is exact.
 */
export const RANKED_CANDIDATES = 5000;

/** At most this many query words reach the engine: a pasted paragraph is not a search. */
const MAX_QUERY_WORDS = 12;

/**
 * The words of a search query, lower-cased, without possessive 's, split on anything that is not a
 * letter or digit: safe inside FTS5 quotes and as tsquery input (no operators, no quotes survive).
 */
export function queryWords(query: string): string[] {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, MAX_QUERY_WORDS);
}

/**
 * Accent-folded text for engines that cannot fold it themselves (PostgreSQL without the superuser-only
 * `unaccent` extension): "Bogotá" → "Bogota". Written and queried through the same function, so both sides agree.
 */
export function foldAccents(text: string): string {
  // Fast path: plain ASCII has nothing to fold.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC');
}
