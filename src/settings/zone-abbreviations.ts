/**
 * Common time-zone abbreviations people type, mapped to representative IANA
 * zones, so `timezone EST` can answer "did you mean America/New_York?"
 * instead of silently becoming whatever the runtime's ICU links the
 * abbreviation to (Node 20 resolves "EST" to America/Panama, which has no
 * daylight saving).
 *
 * Origin: compiled by hand for newsdesk from the abbreviations in common use
 * (the IANA tz database's own `northamerica`/`europe`/`asia`/`australasia`
 * comments and the usual newsroom spellings). Abbreviations are ambiguous by
 * nature (IST is India, Ireland and Israel), so each maps to a short list,
 * most likely first; these are only suggestions, never applied silently.
 */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  // North America
  EST: ['America/New_York', 'America/Toronto'],
  EDT: ['America/New_York', 'America/Toronto'],
  ET: ['America/New_York'],
  CST: ['America/Chicago', 'America/Mexico_City', 'Asia/Shanghai'],
  CDT: ['America/Chicago'],
  CT: ['America/Chicago'],
  MST: ['America/Denver', 'America/Phoenix'],
  MDT: ['America/Denver'],
  MT: ['America/Denver'],
  PST: ['America/Los_Angeles', 'America/Vancouver'],
  PDT: ['America/Los_Angeles'],
  PT: ['America/Los_Angeles'],
  AKST: ['America/Anchorage'],
  HST: ['Pacific/Honolulu'],
  AST: ['America/Halifax', 'America/Puerto_Rico', 'Asia/Riyadh'],
  NST: ['America/St_Johns'],
  // Latin America
  COT: ['America/Bogota'],
  BRT: ['America/Sao_Paulo'],
  ART: ['America/Argentina/Buenos_Aires'],
  // Europe and Africa
  GMT: ['Europe/London', 'UTC'],
  BST: ['Europe/London'],
  WET: ['Europe/Lisbon'],
  WEST: ['Europe/Lisbon'],
  CET: ['Europe/Paris', 'Europe/Berlin', 'Europe/Madrid'],
  CEST: ['Europe/Paris', 'Europe/Berlin', 'Europe/Madrid'],
  MET: ['Europe/Paris', 'Europe/Berlin'],
  EET: ['Europe/Athens', 'Europe/Helsinki', 'Africa/Cairo'],
  EEST: ['Europe/Athens', 'Europe/Helsinki'],
  MSK: ['Europe/Moscow'],
  WAT: ['Africa/Lagos'],
  CAT: ['Africa/Johannesburg', 'Africa/Maputo'],
  SAST: ['Africa/Johannesburg'],
  EAT: ['Africa/Nairobi'],
  // Asia and Oceania
  IST: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'],
  PKT: ['Asia/Karachi'],
  ICT: ['Asia/Bangkok'],
  WIB: ['Asia/Jakarta'],
  SGT: ['Asia/Singapore'],
  HKT: ['Asia/Hong_Kong'],
  PHT: ['Asia/Manila'],
  JST: ['Asia/Tokyo'],
  KST: ['Asia/Seoul'],
  AWST: ['Australia/Perth'],
  ACST: ['Australia/Adelaide', 'Australia/Darwin'],
  AEST: ['Australia/Sydney', 'Australia/Brisbane'],
  AEDT: ['Australia/Sydney'],
  NZST: ['Pacific/Auckland'],
  NZDT: ['Pacific/Auckland'],
};
