/**
 * Accent- and case-folding used for every name comparison, so that
 * "Iván Duque", "IVAN DUQUE" and "Ivan Duque" share one key.
 */
export function fold(s: string): string {
  // Fast path: plain ASCII needs only lower-casing (the common case, and gazetteer loading folds ~300k names).
  if (plainAscii(s)) return s.toLowerCase();
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
  return keyOfFolded(fold(s));
}

/** foldKey from an already folded string: keyOfFolded(fold(s)) === foldKey(s). */
export function keyOfFolded(f: string): string {
  return f.includes('.') || f.includes(' -') || f.includes('- ') ? f.replace(/\./g, '').replace(/\s*-\s*/g, '-') : f;
}

/** Printable ASCII with no backquote and no leading, trailing or doubled space (fold's fast path; no regex). */
function plainAscii(s: string): boolean {
  const n = s.length;
  let prevSpace = true; // a leading space counts as doubled
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x60) return false;
    if (c === 0x20) {
      if (prevSpace) return false;
      prevSpace = true;
    } else prevSpace = false;
  }
  return !(n > 0 && prevSpace);
}
