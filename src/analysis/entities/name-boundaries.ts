/**
 * Name boundaries the tagger misses when an organization's name runs straight
 * into a person's, with no comma or lower-case word between them:
 *
 * - "Wells Fargo CEO John Stumpf", "FBI Director James Comey": an office word
 *   inside the run, then a given name and a surname. The run is the
 *   organization, then the person with the office as the title
 *   (splitTitle takes it from there).
 * - "the Washington Post Trump said": a run ending in the surname of a person
 *   the article names in full, right after an organization word ("Post",
 *   "Times", "News"). The surname is its own mention.
 *
 * Decisions come from casing, the given-name list and the article's own full
 * names, never from a list of the organizations or people involved.
 */
import { givenNames } from '../quotes/given-names.js';
import type { RawChunk } from './chunker.js';
import type { DocToken, DocTokens } from './doc-tokens.js';
import { ORG_SUFFIXES as ORG_SUFFIXES_ } from './lexicon.js';
import { getGazetteer } from './gazetteers.js';
import { HEAD_TITLES as HEAD_TITLES_, splitTitle } from './roles.js';

// Module-local copies of the word lists (under tsx each imported binding is a getter call).
const ORG_SUFFIXES = ORG_SUFFIXES_;
const HEAD_TITLES = HEAD_TITLES_;

/** Office words that end a title right before a name ("CEO", "Director", "spokesman"). */
function isOffice(t: DocToken): boolean {
  return HEAD_TITLES.has(t.key) || HEAD_TITLES.has(t.key.replace(/\.$/, ''));
}

/** Split chunks that glue an organization's name to a person's; returns a new sorted list. */
export function splitGluedChunks(doc: DocTokens, chunks: RawChunk[]): RawChunk[] {
  const { tokens } = doc;
  const names = givenNames();
  // Surnames of people the article names in full (a given name first): "Donald Trump" → "trump".
  const surnames = new Set<string>();
  for (const c of chunks) {
    if (c.ner === 'PER' && c.to - c.from >= 2 && names.has(tokens[c.from].key)) surnames.add(tokens[c.to - 1].key);
  }
  const out: RawChunk[] = [];
  let split = false;
  for (const c of chunks) {
    const office = c.to - c.from >= 4 ? officeBeforeName(tokens, c) : -1;
    if (office > c.from) {
      // The organization keeps no model type: the model called the whole run a person.
      out.push({ from: c.from, to: office, honorific: false });
      out.push({ ...c, from: office, honorific: false, extended: false });
      split = true;
      continue;
    }
    const n = c.to - c.from;
    if (n >= 2 && surnames.has(tokens[c.to - 1].key) && ORG_SUFFIXES.has(tokens[c.to - 2].key) && !names.has(tokens[c.to - 2].key)) {
      out.push({ ...c, to: c.to - 1 });
      out.push({ from: c.to - 1, to: c.to, honorific: false, ner: 'PER' });
      split = true;
      continue;
    }
    out.push(c);
  }
  return split ? out.sort((a, b) => a.from - b.from) : chunks;
}

/**
 * Index of the office word that starts the title before a personal name inside
 * the chunk ("CEO" in "Wells Fargo CEO John Stumpf"), or -1. The name after it
 * is a known given name and at least one more capitalised word; what comes
 * before the title is not itself a title (splitTitle handles "Sen." and "US
 * Secretary of State").
 */
function officeBeforeName(tokens: DocToken[], c: RawChunk): number {
  const names = givenNames();
  for (let k = c.to - 3; k > c.from; k--) {
    if (!isOffice(tokens[k]) || !names.has(tokens[k + 1].key)) continue;
    // Walk back over the rest of the title ("Chief Executive", "Deputy Director").
    let s = k;
    while (s - 1 > c.from && isOffice(tokens[s - 1])) s--;
    if (isOffice(tokens[c.from]) || tokens[s - 1].key === 'of' || tokens[s - 1].key === 'the') return -1;
    for (let j = k + 1; j < c.to; j++) if (!tokens[j].cap) return -1;
    // A prefix of title words and places is the title itself ("Vice President", "Massachusetts Sen.").
    return splitTitle(tokens, c.from, c.to, getGazetteer()).role ? -1 : s;
  }
  return -1;
}
