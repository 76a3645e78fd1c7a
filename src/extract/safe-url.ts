/**
 * URLs that may reach a reply or a fetch: only absolute http(s) URLs survive.
 * `javascript:`, `data:`, `file:` and anything unparseable become null, so a
 * page can never smuggle a script link into a chat answer.
 */

/** Resolve `raw` against `base` and keep it only when it is http or https (no credentials). */
export function safeHttpUrl(raw: string | null | undefined, base?: string | null): string | null {
  if (!raw) return null;
  // Control characters and whitespace inside a scheme ("java\tscript:") are how filters get fooled: drop them first.
  const cleaned = raw.replace(/[\u0000-\u001f\u007f\s]+/g, '');
  if (!cleaned) return null;
  let u: URL;
  try {
    u = base ? new URL(cleaned, base) : new URL(cleaned);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username || u.password) return null;
  u.hash = '';
  return u.toString();
}

/** The host name of a URL without a leading "www.", or null. */
export function hostLabel(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
