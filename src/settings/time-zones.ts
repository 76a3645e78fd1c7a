import { distance } from 'fastest-levenshtein';
import { ZONE_ABBREVIATIONS } from './zone-abbreviations.js';

/** Outcome of checking a time zone someone typed. */
export type ZoneCheck = { ok: true; zone: string } | { ok: false; reason: string; suggestions: string[] };

/** Longest zone name we look at; real IANA names are far shorter. */
const MAX_ZONE_LENGTH = 64;

/**
 * Region-style IANA names ("America/Bogota", "Etc/GMT+5") and UTC. Legacy
 * links such as "EST", "US/Eastern" or "PST8PDT" are refused even though
 * Intl knows them: they are abbreviations in disguise, and ICU may map them
 * somewhere surprising (EST → America/Panama, no daylight saving).
 */
const IANA_SHAPE = /^(?:(?:africa|america|antarctica|arctic|asia|atlantic|australia|europe|indian|pacific|etc)\/[a-z0-9_+\-/]{1,50}|utc)$/i;

/** The runtime's spelling of a zone Intl accepts ("america/bogota" → "America/Bogota"), or null. */
function intlZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * The name to store: the runtime's spelling when it only fixes letter case,
 * else the name as typed. ICU still resolves current IANA names to older
 * ones (Asia/Kolkata → Asia/Calcutta, Europe/Kyiv → Europe/Kiev); people
 * should see the name they chose.
 */
function spelling(typed: string, resolved: string): string {
  if (resolved.toLowerCase() === typed.toLowerCase()) return resolved;
  const listed = Intl.supportedValuesOf('timeZone').find((z) => z.toLowerCase() === typed.toLowerCase());
  return listed ?? typed;
}

/** True when `tz` is a region-style IANA zone (or UTC) this runtime knows. */
export function isIanaTimezone(tz: string): boolean {
  return checkTimezone(tz).ok;
}

/**
 * Accept an IANA zone in any letter case and return its canonical spelling;
 * otherwise explain why and suggest zones (abbreviations via the
 * abbreviation table, legacy links via Intl, typos by edit distance).
 */
export function checkTimezone(text: string): ZoneCheck {
  const t = text.trim();
  if (!t) return { ok: false, reason: 'no time zone given', suggestions: [] };
  if (t.length > MAX_ZONE_LENGTH) return { ok: false, reason: 'that is too long to be a time zone name', suggestions: [] };
  const resolved = intlZone(t);
  if (resolved && IANA_SHAPE.test(t)) return { ok: true, zone: spelling(t, resolved) };
  const shown = t.slice(0, 40);
  const abbreviation = ZONE_ABBREVIATIONS[t.toUpperCase()];
  if (abbreviation) {
    return { ok: false, reason: `“${shown}” is an abbreviation, and abbreviations are ambiguous and ignore daylight saving; use an IANA zone name`, suggestions: [...abbreviation] };
  }
  if (resolved && IANA_SHAPE.test(resolved)) {
    return { ok: false, reason: `“${shown}” is an old alias; use the IANA zone name`, suggestions: [resolved] };
  }
  return { ok: false, reason: `“${shown}” is not an IANA time zone`, suggestions: closeZones(t) };
}

/** Zones whose city matches or whose name is a small edit away ("Bogota", "America/Bogata"). */
function closeZones(text: string, limit = 3): string[] {
  const needle = text.toLowerCase().replace(/\s+/g, '_');
  const zones = [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  const city = zones.filter((z) => z.toLowerCase().endsWith(`/${needle}`));
  if (city.length) return city.slice(0, limit);
  return zones
    .map((z) => ({ z, d: distance(z.toLowerCase(), needle) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(needle.length / 5)))
    .sort((a, b) => a.d - b.d || a.z.localeCompare(b.z))
    .slice(0, limit)
    .map((x) => x.z);
}

/** "Did you mean America/New_York or America/Toronto?" (empty when there is nothing to suggest). */
export function suggestionText(suggestions: readonly string[]): string {
  if (!suggestions.length) return '';
  const list = suggestions.length === 1 ? suggestions[0] : `${suggestions.slice(0, -1).join(', ')} or ${suggestions[suggestions.length - 1]}`;
  return `Did you mean ${list}?`;
}
