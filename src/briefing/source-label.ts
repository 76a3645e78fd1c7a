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

/** "12 Oct 2021", or "undated" when the publication date is unknown. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return 'undated';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'undated';
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** "Oct 2021" for role dates. */
export function formatMonth(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return d.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}
