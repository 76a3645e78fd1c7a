/**
 * What a bare-name mention says about the gender of the person it names, and
 * whether a surname whose pronouns disagree with the full name's given name
 * is really someone else (coreference.ts decides with these).
 */
import type { Gender } from '../quotes/given-names.js';
import type { DocTokens } from './doc-tokens.js';
import { fold } from './fold.js';
import { expandSurname } from './known-people.js';
import type { Mention } from './mention.js';

/**
 * The gender a bare-name mention itself shows: an honorific before it ("Mr.",
 * "Mrs.") or, failing that (and when `pronouns`), the he/she/his/her later in
 * its sentence ("Clinton wrote that her doctor…").
 */
export function mentionGender(m: Mention, doc: DocTokens, pronouns = true): Gender | null {
  const prev = doc.tokens[m.from - 1]?.key.replace(/\.$/, '');
  if (prev === 'mr') return 'm';
  if (prev === 'mrs' || prev === 'ms') return 'f';
  if (!pronouns) return null;
  // "Shelby said he refused to follow her commands": pronouns of both genders say nothing about the name.
  let found: Gender | null = null;
  for (let k = m.to; k < doc.tokens.length && k < m.to + 15 && doc.tokens[k].sent === m.sent; k++) {
    const t = doc.tokens[k].key;
    const g = t === 'he' || t === 'his' || t === 'him' ? 'm' : t === 'she' || t === 'her' || t === 'hers' ? 'f' : null;
    if (g && found && g !== found) return null;
    found ??= g;
    // Another name in between may be what the pronoun points to.
    if (doc.tokens[k].cap && k > m.to) break;
  }
  return found;
}

/**
 * The bare surname's pronouns disagree with the full name's given name
 * (`fullFirst`, folded): is there really someone else? Only when an honorific
 * says so ("Mrs. Clinton") or the reference list knows a person of that
 * surname and gender other than the one named in full ("Clinton … her" beside
 * Bill Clinton is Hillary). A given name's listed gender can be wrong for the
 * person ("Lindsey Graham … him"): then the article's pronouns are about the
 * person it names.
 */
export function otherGenderKnown(surname: string, fullFirst: string, clash: Mention[], doc: DocTokens): boolean {
  if (clash.some((m) => mentionGender(m, doc, false) !== null)) return true;
  const g = mentionGender(clash[0], doc);
  const other = g ? expandSurname(surname, g) : null;
  return other !== null && fold(other.split(' ')[0]) !== fullFirst;
}
