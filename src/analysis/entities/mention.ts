import type { EntityType, Span } from '../types.js';

/** Evidence for each entity type, summed over a mention's cues. */
export type Evidence = Record<EntityType, number>;

/** One candidate name mention in the article, before coreference. */
export interface Mention {
  /** Token range of the name itself (titles and honorifics excluded). */
  from: number;
  to: number;
  start: number;
  end: number;
  /** Surface text of the name. */
  text: string;
  /** Folded comparison key (foldKey of `text`, or of the gazetteer name for places). */
  key: string;
  sent: number;
  /** The mention is followed by a possessive "'s". */
  possessive: boolean;
  evidence: Evidence;
  role: { role: string; span: Span } | null;
  /** Canonical gazetteer place name when the surface is a place, demonym or abbreviation. */
  placeName: string | null;
  demonym: boolean;
  /** The context itself says place ("in Washington", "flew to Washington"), not just the gazetteer. */
  placeCue?: boolean;
  /** Matched the list of well-known organizations (weaker than context when a person shares the name). */
  knownOrg?: boolean;
  /** Gazetteer kind of `placeName` ("country", "city"…). */
  placeKind?: string;
  /** A title with no name ("The President"), resolved to the person holding it. */
  titleOnly: boolean;
  /** Descriptive reference ("the group") resolved to the organization before it. */
  descriptive: boolean;
  /** A name inside a longer name ("Andy Warhol" in "Andy Warhol Foundation"): a mention, not an alias. */
  nested?: boolean;
  /** The learned tagger's type when the mention comes from a model span. */
  ner?: 'PER' | 'ORG' | 'LOC' | 'MISC';
  /** A demonym the NER model typed MISC (a nationality, not a place) — kept only as an alias of a named country. */
  miscDemonym?: boolean;
  /** For byline credits. */
  credit: string | null;
}

/** Fresh zero evidence. */
export function noEvidence(): Evidence {
  return { person: 0, organization: 0, place: 0, other: 0 };
}

/** The type with the most evidence, or null when nothing speaks for any type. */
export function bestType(e: Evidence): EntityType | null {
  let best: EntityType | null = null;
  let score = 0.5;
  for (const t of ['person', 'organization', 'place', 'other'] as const) {
    if (e[t] > score) [best, score] = [t, e[t]];
  }
  return best;
}

/** Add `b` into `a` in place. */
export function addEvidence(a: Evidence, b: Evidence): void {
  a.person += b.person;
  a.organization += b.organization;
  a.place += b.place;
  a.other += b.other;
}
