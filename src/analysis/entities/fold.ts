/**
 * Accent- and case-folding used for every name comparison, so that
 * "Iván Duque", "IVAN DUQUE" and "Ivan Duque" share one key.
 */
export function fold(s: string): string {
  // Fast path: plain ASCII needs only lower-casing (the common case, and gazetteer loading folds ~300k names).
  if (/^[\x20-\x7e]*$/.test(s) && !/\s\s|^\s|\s$|`/.test(s)) return s.toLowerCase();
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐-―]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Fold and drop periods, so "U.S." and "US" share a key. */
export function foldKey(s: string): string {
  const f = fold(s);
  return f.includes('.') || f.includes(' -') || f.includes('- ') ? f.replace(/\./g, '').replace(/\s*-\s*/g, '-') : f;
}
