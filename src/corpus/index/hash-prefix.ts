/**
 * The first 32 bits of a hex content hash (any other string: a cheap string hash): what the corpus index keeps
 * of an article's hash, enough to tell whether a change notice is news.
 */
export function hashPrefix(hash: string): number {
  const v = /^[0-9a-f]{8}/i.test(hash) ? Number.parseInt(hash.slice(0, 8), 16) : NaN;
  if (!Number.isNaN(v)) return v >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < hash.length; i++) h = Math.imul(h ^ hash.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
