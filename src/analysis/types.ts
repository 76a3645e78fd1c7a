/**
 * Types shared by every analysis stage. All offsets are JS string indices
 * (UTF-16) into the *cleaned* article text unless a field says otherwise.
 * Analysis is pure: text in, these values out. No I/O, no platform code.
 */

/** Half-open character range `[start, end)` into the analysed text. */
export type Span = [number, number];

/** A sentence with its character range. `text === source.slice(start, end)`. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
  /** Index of the paragraph (block separated by a blank line or a newline) it belongs to. */
  paragraph: number;
}

/** A token (word, number or punctuation mark) with its character range. */
export interface Token {
  start: number;
  end: number;
  text: string;
}

export type EntityType = 'person' | 'organization' | 'place' | 'other';

/** A role or title attached to an entity in one article ("US Secretary of State"). */
export interface RoleMention {
  role: string;
  span: Span;
}

/**
 * One entity as it appears in one article: the canonical name chosen for it,
 * every surface form that referred to it and where.
 */
export interface ArticleEntity {
  /** Canonical (longest, most complete) name, e.g. "Antony Blinken". */
  name: string;
  type: EntityType;
  /** The most informative role seen in this article, or null. */
  role: string | null;
  roles: RoleMention[];
  /** Other surface forms ("Blinken", "Colombian", "Colombia's" → "Colombia"), excluding `name`. */
  aliases: string[];
  mentions: Span[];
  /**
   * `subject` for entities the story is about; `byline` for reporters/editors
   * credited in the article (people of their own kind, never story subjects).
   */
  kind: 'subject' | 'byline';
  /** For bylines/credits: "reporter", "editor"… */
  credit?: string;
}

/**
 * What ties a quote to its speaker, strongest first: a name next to the
 * reporting verb, a transcript label, a relative pronoun ("X, who said"), a
 * personal pronoun resolved by agreement, a descriptive phrase ("the
 * senator"), a quote following on from an attributed one, a guess.
 */
export type AttributionEvidence = 'name' | 'transcript' | 'relative' | 'pronoun' | 'descriptive' | 'follow' | 'guess' | 'none';

/** A quotation or reported speech, attributed when the text makes the speaker clear. */
export interface Quote {
  text: string;
  span: Span;
  /** true for words inside quotation marks, false for reported (indirect) speech. */
  direct: boolean;
  /** Canonical entity name of the speaker, or null when the text does not say. */
  speaker: string | null;
  /** The mention that names the speaker ("he", "the group", "Blinken"), or null. */
  speakerSpan: Span | null;
  /** The reporting cue ("said", "according to", "told reporters"), or null. */
  cue: string | null;
  /**
   * How likely the attribution is right (0–1), from its evidence. `speaker` is
   * set only at or above the show threshold; below it the name is in `speakerGuess`.
   */
  confidence?: number;
  evidence?: AttributionEvidence;
  /** How sure the step that named the speaker was (pronoun resolution, role noun…), 0–1. */
  certainty?: number;
  /** The resolved name when confidence is below the show threshold (never shown to readers). */
  speakerGuess?: string | null;
}

/** Everything the analysis stage knows about one article. */
export interface ArticleAnalysis {
  entities: ArticleEntity[];
  quotes: Quote[];
  /** Extractive summary sentences, best first. */
  summary: string[];
  /** Attributions in the headline ("Speaker: claim"); spans are relative to the title, not the body. */
  headlineQuotes?: Quote[];
}

/** What the analysis stage is given. */
export interface AnalysisInput {
  /** Cleaned article body (no title line, no byline credit, no furniture). */
  text: string;
  title: string | null;
  /** Names already known to be bylines/credits (from cleaning), kept out of subjects. */
  byline: string[];
  /** ISO date or null when unknown. */
  publishedAt: string | null;
}
