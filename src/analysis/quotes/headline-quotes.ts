import type { ArticleEntity, Quote } from '../types.js';

/** Labels that open headlines without being anyone's words ("The Latest: …", "Live: …"). */
const NOT_SPEAKERS = new Set([
  'the latest', 'latest', 'live', 'watch', 'video', 'update', 'updated', 'exclusive', 'breaking', 'analysis', 'opinion',
  'explainer', 'factbox', 'timeline', 'editorial', 'review', 'podcast', 'photos', 'in pictures', 'correction', 'fact check',
  'q&a', 'interview', 'column', 'commentary', 'read', 'listen', 'quiz', 'recap', 'preview',
]);

const SAYS = /,\s*((?:\p{Lu}[\p{L}'’.-]*\s+){0,4}\p{Lu}[\p{L}'’.-]*)\s+([Ss]ays|[Ss]aid|[Ss]ay|[Ww]arns|[Cc]laims|[Aa]rgues|[Ii]nsists|[Tt]ells\s+\S+)\.?$/u;
const LABEL = /^((?:\p{Lu}[\p{L}'’.-]*)(?:\s+(?:\p{Lu}[\p{L}'’.-]*|of|the|de|van|von|al|bin)){0,4}):\s+(.+?)\.?$/u;

/**
 * Attributions in a headline, the news convention for who claims what:
 * "Speaker: claim" and "Claim, Speaker Says". Spans are relative to the
 * headline; the speaker is resolved to a body entity when one matches.
 */
export function extractHeadlineQuotes(title: string, entities: readonly ArticleEntity[]): Quote[] {
  const t = title.trimEnd();
  const says = SAYS.exec(t);
  if (says) {
    const end = says.index;
    const speakerStart = t.indexOf(says[1], end);
    if (end >= 12) return [quote(t, 0, end, says[1], speakerStart, says[2].split(/\s+/)[0].toLowerCase(), entities)];
  }
  const label = LABEL.exec(t);
  if (label && !NOT_SPEAKERS.has(label[1].toLowerCase()) && label[1].split(/\s+/).length <= 5) {
    const start = t.indexOf(label[2], label[1].length);
    const end = start + label[2].length;
    if (label[2].split(/\s+/).length >= 3) return [quote(t, start, end, label[1], 0, ':', entities)];
  }
  return [];
}

function quote(t: string, s: number, e: number, speakerText: string, speakerStart: number, cue: string, entities: readonly ArticleEntity[]): Quote {
  const text = t.slice(s, e);
  const direct = /^["“‘'].*["”’']$/.test(text.trim());
  // A headline label names a speaker only when the story names that person or organization in full
  // ("Pence: …" with Mike Pence in the body); "Stealth Over Health: …" is a headline, not a speaker.
  const known = canonical(speakerText, entities);
  return {
    text,
    span: [s, e],
    direct,
    speaker: known,
    speakerSpan: [speakerStart, speakerStart + speakerText.length],
    cue,
    evidence: known ? 'name' : 'none',
    confidence: known ? HEADLINE_CONFIDENCE : 0,
    speakerGuess: known ? null : speakerText,
  };
}

/** Headline attributions are terse and often paraphrase: shown, but below a body "X said". */
const HEADLINE_CONFIDENCE = 0.6;

/** The body entity a headline speaker names ("Pence" → "Mike Pence"), or null when the body names nobody so. */
function canonical(name: string, entities: readonly ArticleEntity[]): string | null {
  const n = name.toLowerCase();
  const full = (e: ArticleEntity): boolean => e.kind !== 'byline' && (e.type === 'organization' || e.name.includes(' ')) && (e.type === 'person' || e.type === 'organization');
  for (const e of entities) {
    if (!full(e)) continue;
    if (e.name.toLowerCase() === n || e.aliases.some((a) => a.toLowerCase() === n)) return e.name;
  }
  for (const e of entities) {
    if (full(e) && e.type === 'person' && e.name.toLowerCase().split(' ').pop() === n.split(' ').pop()) return e.name;
  }
  return null;
}
