import type { DocToken } from './doc-tokens.js';
import type { Gazetteer } from './gazetteers.js';
import { foldKey } from './fold.js';
import { givenNames } from '../quotes/given-names.js';
import { COMMON_WORDS as COMMON_WORDS_, ORG_NOUNS as ORG_NOUNS_, ORG_SUFFIXES as ORG_SUFFIXES_, PERSON_ROLE_NOUNS as PERSON_ROLE_NOUNS_, PLACE_KEYWORDS as PLACE_KEYWORDS_, TITLE_WORDS as TITLE_WORDS_ } from './lexicon.js';

// Module-local copies of the word lists (under tsx each imported binding is a getter call).
const COMMON_WORDS = COMMON_WORDS_;
const ORG_NOUNS = ORG_NOUNS_;
const ORG_SUFFIXES = ORG_SUFFIXES_;
const PERSON_ROLE_NOUNS = PERSON_ROLE_NOUNS_;
const PLACE_KEYWORDS = PLACE_KEYWORDS_;
const TITLE_WORDS = TITLE_WORDS_;

/**
 * Title words that name an office by themselves ("President", "Secretary").
 * Other title words only modify one ("State", "Foreign", "Vice").
 */
export const HEAD_TITLES: ReadonlySet<string> = new Set(`
president minister secretary chancellor premier king queen prince princess emperor empress sheikh emir sultan pope
cardinal archbishop bishop reverend rev rev. pastor rabbi imam ayatollah senator sen sen. representative rep rep.
congressman congresswoman governor gov gov. mayor ambassador envoy general gen gen. colonel col col. major maj maj.
captain capt capt. sergeant sgt sgt. admiral adm adm. commander cmdr corporal cpl marshal brigadier justice judge
magistrate attorney prosecutor chairman chairwoman ceo cfo coo cto founder co-founder president-elect professor prof
prof. detective det det. inspector sheriff superintendent constable coach manager striker leader speaker spokesman
spokeswoman spokesperson councillor councilman councilwoman commissioner administrator secretary-general
director-general director dean lieutenant lt lt. chief officer agent lady first-lady counsel mp mep msp mla
`.trim().split(/\s+/));

/** Connectors that may sit inside a title ("Secretary of State", "Ambassador to the United States"). */
const TITLE_LINKS = new Set(['of', 'the', 'to', 'for', 'and', '&']);

/** Result of splitting a chunk into its title prefix and the name after it. */
export interface TitleSplit {
  /** Token index where the name starts (== chunk start when there is no title). */
  nameFrom: number;
  /** Role text ("US Secretary of State"), or null. */
  role: string | null;
  roleSpan: [number, number] | null;
}

/**
 * Split "US Secretary of State Antony Blinken" into role "US Secretary of
 * State" and name "Antony Blinken". The prefix may mix title words,
 * demonyms and place names, but must contain a head title and leave at least
 * one name token that is not itself a title or an organization word
 * ("General Motors" and "Justice Department" are not split).
 */
export function splitTitle(tokens: DocToken[], from: number, to: number, gaz: Gazetteer): TitleSplit {
  let lastHead = -1;
  let k = from;
  while (k < to - 1) {
    const key = tokens[k].key;
    const bare = key.replace(/\.$/, '');
    if (HEAD_TITLES.has(key) || HEAD_TITLES.has(bare)) lastHead = k;
    else if (k === from && tokens[k].initial && PERSON_ROLE_NOUNS.has(key)) lastHead = k; // "Striker Ana Lima scored"
    else if (TITLE_WORDS.has(key) || TITLE_WORDS.has(bare) || TITLE_LINKS.has(key)) {
      // modifier or connector
    } else if (gaz.demonyms.has(foldKey(tokens[k].text)) || gaz.places.has(foldKey(tokens[k].text))) {
      // "Colombian President", "US Secretary", "Afghan Ambassador"
    } else break;
    k++;
  }
  // The title runs up to the last head title, plus modifiers right after it ("Secretary of State").
  if (lastHead < 0) return { nameFrom: from, role: null, roleSpan: null };
  let end = lastHead + 1;
  while (end < to - 1 && isTitleTail(tokens, end, gaz)) end++;
  while (end > lastHead + 1 && TITLE_LINKS.has(tokens[end - 1].key)) end--;
  const rest = tokens.slice(end, to);
  // "Mayor of London" alone is a title with its complement, not a person called "of London".
  if (rest.length === 0 || TITLE_LINKS.has(rest[0].key)) return { nameFrom: from, role: null, roleSpan: null };
  const last = rest[rest.length - 1].key.replace(/\.$/, '');
  // "General Motors", "Justice Department" are not titles + names; "Gov. Lisa Park" is.
  const givenName = rest.length >= 2 && gaz.personNames.has(rest[0].key);
  if (!givenName && (ORG_SUFFIXES.has(last) || PLACE_KEYWORDS.has(last) || ORG_NOUNS.has(last))) return { nameFrom: from, role: null, roleSpan: null };
  if (rest.every((t) => TITLE_WORDS.has(t.key) || COMMON_WORDS.has(t.key))) return { nameFrom: from, role: null, roleSpan: null };
  const roleFrom = from;
  return {
    nameFrom: end,
    role: roleFrom < end ? cleanRole(tokens, roleFrom, end) : null,
    roleSpan: roleFrom < end ? [tokens[roleFrom].start, tokens[end - 1].end] : null,
  };
}

/** Words that may follow a head title and still belong to it: "of State", "General", "of the Treasury". */
function isTitleTail(tokens: DocToken[], k: number, gaz: Gazetteer): boolean {
  const key = tokens[k].key;
  if (TITLE_LINKS.has(key)) return k + 1 < tokens.length && tokens[k + 1].cap;
  if (TITLE_WORDS.has(key) || HEAD_TITLES.has(key)) return true;
  // "Secretary of State", "Minister of Defense", "Ambassador to the United States": a place after a link.
  const prev = tokens[k - 1]?.key;
  return (prev === 'of' || prev === 'the' || prev === 'to') && gaz.places.has(foldKey(tokens[k].text));
}

/** Role text from tokens, normalising "U.S." spacing but keeping the writer's wording. */
export function cleanRole(tokens: DocToken[], from: number, to: number): string {
  let s = '';
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    const glue = k > from && t.start === tokens[k - 1].end;
    s += (k > from && !glue ? ' ' : '') + t.text;
  }
  return s.replace(/\s+/g, ' ').trim();
}

/** A role found in the words around a name (appositive or lower-case noun before it). */
export interface ContextRole {
  role: string;
  span: [number, number];
  /** The role noun says person (true) or organization (false). */
  person: boolean;
}

const DETERMINERS = new Set(['a', 'an', 'the']);

/**
 * Appositive after a name: "Paul Martin, a Pinellas sheriff's detective," or
 * "Ana Ruiz, the mayor of Cali." The phrase runs to the next comma or the end
 * of the sentence (cut before "who"/"which"), must start with a determiner or
 * a role noun, and must contain a role noun within its first words.
 */
export function appositiveRole(tokens: DocToken[], nameEnd: number, sentEnd: number): ContextRole | null {
  if (nameEnd >= sentEnd || tokens[nameEnd].text !== ',') return null;
  let a = nameEnd + 1;
  if (a >= sentEnd) return null;
  const first = tokens[a].key;
  const hasDet = DETERMINERS.has(first);
  if (hasDet) a++;
  let b = a;
  let headPerson: boolean | null = null;
  let headAt = -1;
  while (b < sentEnd && b - a < 9) {
    const t = tokens[b];
    if (t.text === ',' || t.text === ';' || t.text === '.' || t.text === '(' || t.text === ')' || /^[“”"]$/.test(t.text)) break;
    if (t.key === 'who' || t.key === 'which' || t.key === 'that' || t.key === 'said' || t.key === 'says') break;
    if (headPerson === null || b - headAt <= 1) {
      if (PERSON_ROLE_NOUNS.has(t.key)) [headPerson, headAt] = [true, b];
      else if (ORG_NOUNS.has(t.key) && headPerson === null) [headPerson, headAt] = [false, b];
    }
    b++;
  }
  if (headPerson === null || b === a) return null;
  if (!hasDet && headAt !== a && !tokens[a].cap) return null;
  // Keep "of …" and "at …" complements short: "the mayor of Cali" but not a whole clause.
  const end = b;
  if (end - a > 8) return null;
  return { role: cleanRole(tokens, a, end), span: [tokens[a].start, tokens[end - 1].end], person: headPerson };
}

/**
 * Lower-case role noun right before a name: "team member Rodaba Noori",
 * "advocacy group Human Rights Watch", "the Afghan team's coach, Alireza
 * Mehraban". Walks back over up to two modifier words.
 */
export function precedingRole(tokens: DocToken[], nameFrom: number, sentStart: number): ContextRole | null {
  let k = nameFrom - 1;
  if (k >= sentStart && tokens[k].text === ',') k--;
  if (k < sentStart) return null;
  const head = tokens[k];
  if (head.cap) return null;
  const person = PERSON_ROLE_NOUNS.has(head.key);
  if (!person && !ORG_NOUNS.has(head.key)) return null;
  let a = k;
  while (a - 1 >= sentStart && k - a < 2) {
    const p = tokens[a - 1];
    if (!/^[\p{L}'’-]+$/u.test(p.text) || COMMON_WORDS.has(p.key) || DETERMINERS.has(p.key)) break;
    a--;
  }
  return { role: cleanRole(tokens, a, k + 1), span: [tokens[a].start, head.end], person };
}

/** Party words that precede a name ("Republican Donald Trump") without being part of it. */
const PARTY_WORDS = new Set(['republican', 'republicans', 'democrat', 'democratic', 'democrats', 'gop', 'independent', 'libertarian', 'labour', 'conservative', 'tory', 'liberal']);

/** A name split into the person's own name and the title or role words written before it. */
export interface CleanName {
  name: string;
  /** The stripped prefix ("FBI Director", "Sen."), or null when nothing was stripped. */
  role: string | null;
}

function isTitleToken(w: string): boolean {
  const k = w.toLowerCase();
  const bare = k.replace(/\.$/, '');
  return TITLE_WORDS.has(k) || TITLE_WORDS.has(bare) || HEAD_TITLES.has(k) || HEAD_TITLES.has(bare) || PARTY_WORDS.has(bare) || /^(?:sens|reps|govs|mr|mrs|ms|dr)$/.test(bare);
}

/**
 * A person's name without the titles, party words and roles a writer put in
 * front of it, so one person is one entity: "Republican Donald Trump" →
 * "Donald Trump", "Sens. Jon Tester" → "Jon Tester", "FBI Director James
 * Comey" → "James Comey", "Wells Fargo CEO John Stumpf" → "John Stumpf".
 * A prefix made only of title words may leave one word ("Sen. Warren");
 * a prefix with other words ("FBI", "Wells Fargo") needs an office word
 * right before a name of at least two words.
 */
export function stripNameTitles(name: string): CleanName {
  const w = name.split(/\s+/);
  // "Post Trump" (from "the Washington Post Trump said"): an organization word glued before a surname.
  if (w.length === 2 && (ORG_SUFFIXES.has(w[0].toLowerCase()) || ORG_NOUNS.has(w[0].toLowerCase())) && !givenNames().has(w[0])) {
    return { name: w[1], role: null };
  }
  let k = 0;
  while (k < w.length - 1 && isTitleToken(w[k])) k++;
  // An office word after other words: the last one before a two-word name.
  for (let j = w.length - 3; j >= k; j--) {
    const bare = w[j].toLowerCase().replace(/\.$/, '');
    if (HEAD_TITLES.has(bare) || HEAD_TITLES.has(w[j].toLowerCase())) {
      k = j + 1;
      break;
    }
  }
  if (k === 0 || !/^\p{Lu}/u.test(w[k] ?? '')) return { name, role: null };
  // "Dean Baquet", "Earl Blumenauer": a given name that is also a title word stays when only a surname would be left.
  if (w.length - k === 1 && k === 1 && givenNames().has(w[0])) return { name, role: null };
  return { name: w.slice(k).join(' '), role: w.slice(0, k).join(' ') };
}
