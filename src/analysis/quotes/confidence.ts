/**
 * Confidence of each attribution from the evidence behind it, and the show
 * threshold: below it a quote keeps its words but loses its name
 * (`speaker: null`, the guess kept in `speakerGuess`), so chat answers,
 * digests and /quotes never put words in the wrong mouth.
 *
 * The score is a logistic model over a few evidence features. Its weights
 * (confidence-weights.json) were fitted on the PolNeAR train split (840
 * articles, see tools/train_confidence.py), where a quote counts as right when
 * its content and its speaker mention match an annotated attribution; the
 * threshold was chosen on the dev split with the resolved-speaker gold.
 */
import type { ArticleEntity, Quote } from '../types.js';
import { readFileSync } from 'node:fs';

/** Weights and threshold: data, refitted by tools/train_confidence.py. */
const weights = JSON.parse(readFileSync(new URL('./confidence-weights.json', import.meta.url), 'utf8')) as { w: number[]; threshold: number };

/** Attributions at or above this confidence are shown with their speaker. */
export const SHOW_THRESHOLD: number = weights.threshold;

/** Feature names, in the order of the weight vector. */
export const FEATURE_NAMES = [
  'bias', 'ev_name', 'ev_transcript', 'ev_relative', 'ev_pronoun', 'ev_descriptive', 'ev_follow', 'ev_guess',
  'certainty', 'direct', 'cue_say', 'cue_according', 'cue_colon', 'cue_participle', 'cue_other',
  'one_word_person', 'speaker_org', 'no_entity', 'log_words', 'speaker_after',
  'object_cue', 'joined_quotes', 'starts_that', 'headline_case',
  'according_inside', 'short_content', 'log_distance', 'log_mentions', 'partial_quote',
] as const;

/** Verbs that usually take a noun object ("described the incident as…"): what follows is rarely a statement. */
const OBJECT_CUES = /^(?:describ|call|dismiss|blast|accus|criticiz|prais|condemn|mock|defend|attack|cit|question|show|find|found)/;

const SAY = /^(?:said|says|say|told|tells|tell|added|adds|wrote|writes|stated|asked|asks|explained|noted)$/;

/** The evidence features of one attributed quote. */
export function quoteFeatures(q: Quote, entity: ArticleEntity | null): number[] {
  const ev = q.evidence ?? 'none';
  const cue = (q.cue ?? '').toLowerCase();
  const words = q.text.split(/\s+/).filter(Boolean).length;
  const oneWordPerson = (entity?.type === 'person' || !entity) && !!q.speaker && !q.speaker.includes(' ');
  return [
    1,
    Number(ev === 'name'), Number(ev === 'transcript'), Number(ev === 'relative'), Number(ev === 'pronoun'),
    Number(ev === 'descriptive'), Number(ev === 'follow'), Number(ev === 'guess'),
    q.certainty ?? 0,
    Number(q.direct),
    Number(SAY.test(cue)), Number(cue.startsWith('according')), Number(cue === ':'), Number(cue.endsWith('ing')),
    Number(!!cue && !SAY.test(cue) && !cue.startsWith('according') && cue !== ':' && !cue.endsWith('ing')),
    Number(oneWordPerson), Number(entity?.type === 'organization'), Number(!entity),
    Math.log1p(words) / 4,
    Number(!!q.speakerSpan && q.speakerSpan[0] >= q.span[1]),
    Number(OBJECT_CUES.test(cue)),
    // '“A,” “B.”': two quotations run together, which usually means two attributions.
    Number(/["”]\s+["“]/.test(q.text)),
    Number(/^that\b/i.test(q.text)),
    // Every word capitalised: a headline or a title, not speech.
    Number(words >= 3 && q.text.split(/\s+/).filter((w) => /^\p{L}/u.test(w)).every((w) => /^\p{Lu}/u.test(w))),
    // '…, according to the Roper Center': the content names a source of its own, often the real one.
    Number(!q.direct && /\baccording to\b/i.test(q.text)),
    // One to three words ("Wednesday", "People like Scott"): rarely a statement.
    Number(words <= 3),
    // The further the speaker's mention from the words, the more room for a wrong link.
    q.speakerSpan ? Math.log1p(gap(q)) / 8 : 1,
    // How often the article names the speaker: a name met once is more often a misread one.
    entity ? Math.log1p(entity.mentions.length) / 3 : 0,
    // Reported speech quoting a phrase ('called it "a disgrace"'): the words are partly the writer's.
    Number(!q.direct && /["“”]/.test(q.text)),
  ];
}

/** Characters between the speaker's mention and the quoted words (0 when they touch or overlap). */
function gap(q: Quote): number {
  const [s, e] = q.speakerSpan as [number, number];
  return Math.max(0, q.span[0] - e, s - q.span[1]);
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Calibrated probability that the attribution is right, from its features. */
export function confidenceOf(features: readonly number[]): number {
  let z = 0;
  for (let k = 0; k < features.length; k++) z += (weights.w[k] ?? 0) * features[k];
  return sigmoid(z);
}

/**
 * Score every quote and hide names below the threshold. A bare one-word
 * name that is not an organization ("Obama", "Dallas") never shows: a
 * reader cannot tell which Obama.
 */
export function scoreQuotes(text: string, quotes: Quote[], entities: readonly ArticleEntity[]): Quote[] {
  const byName = new Map<string, ArticleEntity>();
  for (const e of entities) if (e.kind !== 'byline' && !byName.has(e.name)) byName.set(e.name, e);
  return quotes.filter((q) => !isFurniture(text, q)).map((q) => {
    if (!q.speaker) return { ...q, confidence: 0, evidence: 'none' };
    const entity = byName.get(q.speaker) ?? null;
    const x = quoteFeatures(q, entity);
    const c = confidenceOf(x);
    // A guess (an unknown capitalised word) or a bare one-word name is never shown.
    // Organizations go by one word ("Reuters"); a one-word person, place or unknown does not say who.
    const bare = q.evidence === 'guess' || (entity?.type !== 'organization' && !q.speaker.includes(' '));
    // '…reports that X, according to the Roper Center': two sources for one content, and the one named inside
    // is usually the source (6 of 27 such quotes had the outer speaker right on PolNeAR train) — name neither.
    const twoSources = !q.direct && /\baccording to\b/i.test(q.text);
    if (c < SHOW_THRESHOLD || bare || twoSources) return { ...q, confidence: c, speakerGuess: q.speaker, speaker: null };
    return { ...q, confidence: c };
  });
}

/** "Follow Pam Key on Twitter", "Sign up for…": a promotion line, not anyone's words. */
const PROMO = /^\W*(?:follow|like|sign up|subscribe|click|read more|watch|listen)\b.*\b(?:twitter|facebook|instagram|newsletter|here|@\w+)\b/i;
/** Labels that open editorial furniture: what follows them is the publication's, not a quote. */
const NOTE_LABEL = /\b(?:editor['’]?s note|note|disclosure|correction|clarification|update|updated|caption|photo|image|credit)\s*:\s*["“]?$/i;
/** Photo credits mark a caption line. */
const CAPTION = /\((?:AP |Reuters |AFP )?Photo\b|\bPhoto (?:by|credit)\b|\bGetty Images\b|\bAP Photo\/|\/(?:Reuters|AFP|AP)\)/i;

/**
 * Not a quote: promotion lines ("Follow X on Twitter"), editor's notes and
 * other labelled notes, photo captions (lines carrying a photo credit).
 */
export function isFurniture(text: string, q: Quote): boolean {
  const lineStart = text.lastIndexOf('\n', q.span[0] - 1) + 1;
  let lineEnd = text.indexOf('\n', q.span[1]);
  if (lineEnd < 0) lineEnd = text.length;
  const inner = q.text.replace(/^["“”'‘’\s]+/, '');
  if (PROMO.test(inner) && inner.length < 160) return true;
  if (NOTE_LABEL.test(text.slice(lineStart, q.span[0]).trimEnd())) return true;
  if (/^(?:editor['’]?s note|note|disclosure|correction|clarification)\s*:/i.test(inner)) return true;
  return CAPTION.test(text.slice(lineStart, lineEnd));
}
