/**
 * Regex-free fast paths for the leading-character tests run on every token: each is exactly the named
 * Unicode regex, falling back to it when the characters involved are not ASCII.
 */

const LU_RE = /^\p{Lu}/u;
const LL_RE = /^\p{Ll}/u;
const L2_RE = /^\p{L}{2}/u;
const LU_LL_RE = /^\p{Lu}\p{Ll}/u;

function asciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** /^\p{Lu}/u.test(w) */
export function startsUpper(w: string): boolean {
  if (w.length === 0) return false;
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return LU_RE.test(w);
}

/** /^\p{Ll}/u.test(w) */
export function startsLower(w: string): boolean {
  if (w.length === 0) return false;
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 97 && c <= 122;
  return LL_RE.test(w);
}

/** /^\p{L}{2}/u.test(w) (equivalently /^\p{L}{2,}/u) */
export function startsTwoLetters(w: string): boolean {
  if (w.length < 2) return w.length === 1 && w.charCodeAt(0) >= 128 ? L2_RE.test(w) : false;
  const a = w.charCodeAt(0);
  const b = w.charCodeAt(1);
  if (a < 128 && !asciiLetter(a)) return false;
  if (a < 128 && b < 128) return asciiLetter(b);
  return L2_RE.test(w);
}

/** /^\p{Lu}\p{Ll}/u.test(w) */
export function startsUpperLower(w: string): boolean {
  if (w.length < 2) return w.length === 1 && w.charCodeAt(0) >= 128 ? LU_LL_RE.test(w) : false;
  const a = w.charCodeAt(0);
  const b = w.charCodeAt(1);
  if (a < 128 && !(a >= 65 && a <= 90)) return false;
  if (a < 128 && b < 128) return b >= 97 && b <= 122;
  return LU_LL_RE.test(w);
}
