import { basename } from 'node:path';

/**
 * Short human label for an article's source: the publisher when one is
 * known ("Reuters", "Daily Mail"), else the site for URLs, else the file
 * name — the last resort, since a file name means nothing to a reader.
 */
export function sourceLabel(source: string, url: string | null, publisher?: string | null): string {
  const named = publisher?.trim();
  if (named) return named.slice(0, 80);
  const u = url ?? (/^https?:\/\//.test(source) ? source : null);
  if (u) {
    try {
      return new URL(u).hostname.replace(/^www\./, '');
    } catch {
      return u.slice(0, 80);
    }
  }
  return basename(source);
}

/*
 * One formatter each, made once: `toLocaleDateString` builds a new Intl.DateTimeFormat (locale data and
 * options resolved again) on every call, about 40 µs, and a briefing formats a date for every source of
 * every story. `format` on a made formatter gives the same text.
 */
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "12 Oct 2021", or "undated" when the publication date is unknown. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return 'undated';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'undated';
  return DAY.format(d);
}

/** "Oct 2021" for role dates. */
export function formatMonth(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return MONTH.format(d);
}
