/**
 * Who published an article, from what the article itself carries: its URL,
 * a desk credit, or a wire credit in the text. Each reader is a small pure
 * function; {@link readArticleMetadata} decides which one wins.
 */

/** The site of a URL as a reader knows it: "reuters.com" for "https://www.reuters.com/world/…". */
export function publisherFromUrl(url: string | null | undefined): string | null {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.replace(/^(?:www\d?|m|mobile|amp|edition|beta)\./, '') || null;
  } catch {
    return null;
  }
}

/** Role words that make a credit a desk ("Daily Mail Reporter" is the Daily Mail's desk). */
const DESK_ROLE = /\s+(?:staff\s+)?(?:reporters?|correspondents?|writers?|staff|desk)$/i;

/** The outlet behind a desk credit: "Daily Mail Reporter" → "Daily Mail"; "Associated Press" stays. */
export function publisherFromDesk(desk: string): string | null {
  const t = desk.trim().replace(DESK_ROLE, '').trim();
  return t.length >= 2 ? t : null;
}

/** "CNN's Jane Roe contributed to this report", "Associated Press writer John Doe contributed…": the outlet before the person. */
const CONTRIBUTED = /\b(\p{Lu}[\p{L}&.'’]{0,20}(?:\s\p{Lu}[\p{L}&.'’]{0,20}){0,3})(?:['’]s|\s(?:staff\s)?(?:writers?|reporters?|correspondents?))\s(?:\p{Lu}[\p{L}'’-]{0,20}\s?){1,4}(?:and\s(?:\p{Lu}[\p{L}'’-]{0,20}\s?){1,4})?contributed\b/u;

/**
 * "(Reporting by …; Editing by …)": the parenthesised credit block is the
 * house style of Reuters copy, the one case where a credit's form names the
 * outlet without the outlet's name being written.
 */
const REUTERS_CREDITS = /\((?:Additional\s)?[Rr]eporting by [^;()]{2,120};[^()]{0,200}\b[Ee]diting by [^()]{2,120}\)/;

/** The outlet a wire or network credit in the text names, or null. */
export function publisherFromCredits(text: string): string | null {
  const tail = text.length > 4000 ? text.slice(-4000) : text;
  const c = CONTRIBUTED.exec(tail);
  if (c) return c[1];
  return REUTERS_CREDITS.test(tail) ? 'Reuters' : null;
}
