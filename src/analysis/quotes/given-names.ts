/**
 * Gender of given names, for pronoun agreement: "she" never resolves to a
 * man named earlier. The list is data (wordlists/given-name-gender.txt, whose
 * header names its open source); it is read once per process on first use.
 */
import { readFileSync } from 'node:fs';

/** Grammatical gender a pronoun can agree with; `null` when unknown. */
export type Gender = 'm' | 'f';

/** Lookup over given names (lower case). */
export interface GivenNames {
  gender(first: string): Gender | null;
  has(first: string): boolean;
}

let cached: GivenNames | null = null;

/** Parse the data file's "m<TAB>names…" / "f<TAB>names…" lines. */
export function parseGivenNames(src: string): GivenNames {
  const map = new Map<string, Gender>();
  for (const line of src.split(/\r?\n/)) {
    const m = /^([mf])\t(.*)$/.exec(line);
    if (!m) continue;
    for (const n of m[2].split(' ')) if (n) map.set(n, m[1] as Gender);
  }
  return {
    gender: (first) => map.get(first.toLowerCase()) ?? null,
    has: (first) => map.has(first.toLowerCase()),
  };
}

/** The shipped list (loaded lazily, shared: it is read-only). */
export function givenNames(): GivenNames {
  if (!cached) cached = parseGivenNames(readFileSync(new URL('./wordlists/given-name-gender.txt', import.meta.url), 'utf8'));
  return cached;
}
