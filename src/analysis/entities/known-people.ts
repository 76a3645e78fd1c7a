/**
 * Full names for people an article calls only by surname ("Mr. Obama said",
 * "President Obama") — a reader of the news knows who is meant, and a chat
 * answer must say "Barack Obama", not "Obama" (which Obama?). The reference is
 * data: models/people-polnear-train.tsv, the full person names this entity
 * stage finds in PolNeAR train (2016 US political news), with the number of
 * articles naming each (see models/README.md for origin, licence and command).
 *
 * The lookup is conservative: a surname expands only to the person who
 * dominates it in the reference (by articles), after ruling out people of
 * the other gender when the article shows one ("Mr. Clinton" is Bill).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { givenNames, type Gender } from '../quotes/given-names.js';
import { fold } from './fold.js';

/** The shipped reference list. */
export const KNOWN_PEOPLE_PATH = fileURLToPath(new URL('../../../models/people-polnear-train.tsv', import.meta.url));

/** One full name in the reference, with how many articles named it. */
export interface KnownPerson {
  name: string;
  articles: number;
  gender: Gender | null;
}

/** Surname (folded) → the people of the reference with that surname, most articles first. */
export type KnownPeople = ReadonlyMap<string, readonly KnownPerson[]>;

/** The winner must hold this share of the (gender-compatible) articles of its surname. */
const DOMINANT_SHARE = 0.75;
/** …and be named in at least this many reference articles. */
const MIN_ARTICLES = 3;
/** Generational suffixes: "Donald Trump Jr." has the surname "Trump". */
const SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);

/** The surname key of a full name, or null when it has no given name before the surname. */
export function surnameKey(name: string): string | null {
  const w = name.split(/\s+/);
  let k = w.length - 1;
  while (k > 0 && SUFFIXES.has(w[k].toLowerCase().replace(/,$/, ''))) k--;
  return k >= 1 ? fold(w[k]) : null;
}

/** Parse the list: `#` comment lines, then `surname<TAB>full name<TAB>articles`. */
export function parseKnownPeople(src: string): KnownPeople {
  const out = new Map<string, KnownPerson[]>();
  const names = givenNames();
  for (const line of src.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const [surname, name, n] = line.split('\t');
    const articles = Number(n);
    if (!surname || !name || !Number.isFinite(articles)) continue;
    const list = out.get(surname) ?? out.set(surname, []).get(surname)!;
    list.push({ name, articles, gender: names.gender(name.split(' ')[0]) });
  }
  for (const list of out.values()) list.sort((a, b) => b.articles - a.articles || a.name.localeCompare(b.name));
  return out;
}

let memo: KnownPeople | null = null;

/** The process-wide reference list (read-only data, loaded on first use; empty if the file is missing). */
export function knownPeople(): KnownPeople {
  if (!memo) {
    let src = '';
    try {
      src = readFileSync(KNOWN_PEOPLE_PATH, 'utf8');
    } catch {
      // Without the list, surnames simply stay surnames.
    }
    memo = parseKnownPeople(src);
  }
  return memo;
}

/**
 * The full name a bare surname stands for, or null when the reference does
 * not single one person out. `gender` is what the article shows ("Mr.",
 * "she"); people of the other gender are ruled out first. Variants of one
 * name ("Donald J. Trump", "Donald Trump") count together under the most
 * frequent form. `firstNames` (folded given names the article uses alone)
 * narrow the choice to the namesake with that given name.
 */
export function expandSurname(surname: string, gender: Gender | null, ref: KnownPeople = knownPeople(), firstNames?: ReadonlySet<string>): string | null {
  const list = ref.get(fold(surname));
  if (!list) return null;
  // Variants share the first and last word: sum them under the first (most frequent) form.
  const groups = new Map<string, KnownPerson>();
  for (const p of list) {
    const w = p.name.split(' ');
    const k = fold(w[0]) + ' ' + fold(w[w.length - 1]);
    const g = groups.get(k);
    if (g) g.articles += p.articles;
    else groups.set(k, { ...p });
  }
  let pool = [...groups.values()].filter((p) => !gender || !p.gender || p.gender === gender);
  // The article's own first-name evidence picks among namesakes ("Chris" → Chris Wallace, not George).
  const named = firstNames ? pool.filter((p) => firstNames.has(fold(p.name.split(' ')[0]))) : [];
  if (named.length === 1) pool = named;
  if (pool.length === 0) return null;
  pool.sort((a, b) => b.articles - a.articles);
  const total = pool.reduce((n, p) => n + p.articles, 0);
  const top = pool[0];
  return top.articles >= MIN_ARTICLES && top.articles >= DOMINANT_SHARE * total ? top.name : null;
}
