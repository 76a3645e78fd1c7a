import { toIsoDate } from '../furniture.js';
import { findAgencyHeader, type AgencyHeader } from './agency-header.js';
import { datelineDate, isoDay, readDateline } from './dateline.js';
import { publisherFromCredits, publisherFromDesk, publisherFromUrl } from './publisher.js';

/** What the container (JSON, front matter, HTML head) or the caller already knows. */
export interface GivenMetadata {
  /** A publisher named by the container (`publisher`, `source`, `og:site_name`). */
  publisher?: string | null;
  url?: string | null;
  publishedAt?: string | null;
  /** A date the article is known not to be later than (a feed's fetch time, a file's mtime): only dates a year-less dateline. */
  referenceDate?: string | null;
}

/** Publisher and date of an article, with the header they may have come from. */
export interface ArticleMetadata {
  /** A name a reader recognises ("Reuters", "Daily Mail", "nytimes.com"), or null. */
  publisher: string | null;
  /** ISO-8601, or null when nothing justifies a date ("undated"). */
  publishedAt: string | null;
  /** A stamp-and-credit header at the top of the text (the caller blanks it out and credits its names). */
  header: AgencyHeader | null;
}

/**
 * Publisher: the container's own field, else the URL's site, else a desk
 * credit in a header ("By . Associated Press ."), a dateline outlet
 * ("(Reuters)", "(CNN)") or a credit line ("CNN's Jane Roe contributed…").
 * Date: the container's date, else a header stamp, else the dateline's day
 * with a year only when one is justified (see {@link datelineDate}).
 */
export function readArticleMetadata(text: string, given: GivenMetadata = {}): ArticleMetadata {
  const header = findAgencyHeader(text);
  const afterHeader = header && header.start < 40 ? text.slice(header.end) : text;
  const dateline = readDateline(afterHeader);
  const desk = header?.desks.map(publisherFromDesk).find((p) => p) ?? null;
  const publisher =
    clean(given.publisher) ?? publisherFromUrl(given.url) ?? desk ?? (dateline?.outlet || null) ?? publisherFromCredits(text);
  const publishedAt =
    toIsoDate(given.publishedAt) ??
    stampDate(header?.published ?? null) ??
    (dateline ? datelineDate(dateline, text, given.referenceDate) : null);
  return { publisher, publishedAt, header };
}

/** "14:11 EST, 25 October 2013" or "5:31 PM on 23rd January 2012" → that day (the time's zone is not worth guessing). */
function stampDate(stamp: string | null): string | null {
  const m = stamp ? /(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}+)\s+(\d{4})$/u.exec(stamp) : null;
  if (!m) return null;
  const month = new Date(`${m[2]} 1, 2000 UTC`).getUTCMonth();
  return Number.isNaN(month) ? null : isoDay(Number(m[3]), month + 1, Number(m[1]));
}

/** A trimmed non-empty string, or null. */
function clean(s: string | null | undefined): string | null {
  const t = s?.trim();
  return t ? t : null;
}
