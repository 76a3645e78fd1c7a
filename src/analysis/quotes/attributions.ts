/**
 * Attribution finder for one clause unit: reporting verbs before or after
 * their content ("X said (that) …", "… , X said.", "…," said X), "according
 * to X" and participles that continue a report (", adding that …").
 */
import { CUE_VERBS, type CueInfo, PARTICIPLE_CUES, PASSIVE_AUX } from './lexicon.js';
import { CLAUSE_BREAKS, contentEndAt, nextClauseBreak, nextParticiple } from './next-clause-break.js';
import { PREP_START, skipObject, skipVerbModifiers } from './skip-verb-modifiers.js';
import { subjectAfter, subjectBefore, type Phrase } from './speaker-phrase.js';
import { isCapitalized, isQuoteMark, type Unit, type Word } from './units.js';

/** A reported content with its speaker mention, in character offsets. */
export interface Attribution {
  contentStart: number;
  contentEnd: number;
  /** Speaker mention `[start, end)`, or null when only the content is known. */
  speaker: [number, number] | null;
  cue: string;
  /** Set for "X said:" with nothing after the colon — the content is in the next paragraph. */
  pendingColon?: boolean;
  /** The content ends at a comma inside a quote ('"…," he said') — a following quote continues it. */
  splitOpen?: boolean;
}

/**
 * Verbs that take their target as an object: after a comma the name that follows is who they are about,
 * not who spoke ("Christie, who…, blasted Clinton as a disgrace"). Only saying verbs invert ("…," said X).
 */
const NO_INVERSION = new Set([
  'criticize', 'accuse', 'blast', 'condemn', 'describe', 'defend', 'dismiss', 'praise', 'mock', 'call', 'attack',
  'question', 'cite', 'encourage', 'urge', 'threaten', 'find', 'prove', 'decide', 'understand', 'learn', 'realize',
  'feel', 'believe', 'think', 'hope', 'expect', 'fear', 'doubt', 'suspect', 'worry', 'imply', 'insinuate',
  'propose', 'recommend', 'demand', 'remind', 'assure', 'inform', 'advise', 'reveal',
]);

const PUNCT_END = /[.!?;:,]$/;

function phraseSpan(words: Word[], p: Phrase): [number, number] {
  return [words[p.first].start, words[p.last].end];
}

/** First word index at or after character `pos`. */
function wordAt(words: Word[], pos: number): number {
  let k = 0;
  while (k < words.length && words[k].start < pos) k++;
  return k;
}

/** Find every attribution in `unit` (words are the unit's tokens). */
export function findAttributions(text: string, unit: Unit, words: Word[]): Attribution[] {
  const out: Attribution[] = [];
  let clauseStart = unit.start;
  const hi = words.length;
  for (let i = 0; i < hi; i++) {
    const w = words[i];
    if (w.quote >= 0 || w.end <= clauseStart) continue;
    if (w.lower === 'according' && words[i + 1]?.lower === 'to') {
      const np = subjectAfter(words, i + 1, hi);
      if (!np) continue;
      const after = np.last + 1;
      const cue = text.slice(w.start, words[i + 1].end);
      const speaker = phraseSpan(words, np);
      if (i === 0 || (i > 0 && /^[A-Z]/.test(w.text))) {
        let k = after;
        while (k < hi && words[k].text !== ',') k++;
        if (k + 1 < hi) {
          const stop = Math.min(unit.end, nextClauseBreak(words, k + 1, hi) ?? unit.end);
          out.push({ contentStart: words[k + 1].start, contentEnd: contentEndAt(text, stop, words[k + 1].start), speaker, cue });
        }
      } else if (i > 0 && words[i - 1].text === ',') {
        if (words[i - 1].start - clauseStart > 8) out.push({ contentStart: clauseStart, contentEnd: words[i - 1].start, speaker, cue });
      }
      clauseStart = words[Math.min(np.last, hi - 1)].end;
      i = np.last;
      continue;
    }
    const info = CUE_VERBS.get(w.lower) ?? thatClauseVerb(words, i);
    if (!info || isCapitalized(w) || w.text !== w.lower) continue;
    if (i > 0 && PASSIVE_AUX.has(words[i - 1].lower)) continue;
    const prev = words[i - 1];
    // "Clinton's plan is…", "the rules that…", "his claims": after a possessive or a determiner the word is a noun.
    if (prev && prev.quote < 0 && (/['’]s$/.test(prev.lower) || /^(?:the|a|an|his|her|their|its|our|my|your)$/.test(prev.lower))) continue;
    // Inverted: '"…," said Paul Martin' / '…, says the report.'
    if (prev && (prev.text === ',' || isQuoteMark(prev) || prev.text === '—') && !PARTICIPLE_CUES.has(w.lower) && !NO_INVERSION.has(info.lemma)) {
      const np = subjectAfter(words, i, hi);
      const nextAfter = np ? words[np.last + 1] : undefined;
      // A lower-case subject running on into more words ("…, said the union expected…") is the clause, not a speaker.
      const clauseLike = !!np && !isCapitalized(words[np.first]) && nextAfter !== undefined && !/^[.,;:—]$/.test(nextAfter.text);
      // 'said Rep. Jane Roe (D-Mass.), head of…': a bracket after a capitalised name holds its party or state.
      const bracket = !!np && nextAfter?.text === '(' && isCapitalized(words[np.last]);
      if (np && !clauseLike && (nextAfter === undefined || bracket || /^[.,;:—]$/.test(nextAfter.text) || PREP_START.test(nextAfter.lower))) {
        const end = prev.text === ',' && isQuoteMark(words[i - 2] ?? prev) ? words[i - 2].end : prev.text === ',' || prev.text === '—' ? prev.start : prev.end;
        if (end - clauseStart > 8 && wordsBetween(text, clauseStart, end) >= 2) {
          out.push(finishPostposed(text, unit, words, clauseStart, end, phraseSpan(words, np), w.lower, np.last + 1, out));
          clauseStart = out[out.length - 1].contentEnd > end ? out[out.length - 1].contentEnd : words[np.last].end;
          i = np.last;
          continue;
        }
      }
    }
    if (PARTICIPLE_CUES.has(w.lower)) {
      if (prev && (prev.text === ',' || prev.lower === 'and' || prev.lower === 'while')) {
        let k = i + 1;
        if (info.object) k = skipObject(words, k, hi);
        if (k < hi && words[k].start < unit.end) {
          const end = nextParticiple(words, k, hi) ?? unit.end;
          const ce = contentEndAt(text, end, words[k].start);
          if (ce - words[k].start > 8) out.push({ contentStart: words[k].start, contentEnd: ce, speaker: null, cue: w.lower });
        }
      }
      continue;
    }
    const np = subjectBefore(words, i, wordAt(words, clauseStart));
    // "X said A and warned B": a coordinated reporting verb shares the subject of the one before.
    const shared = !np && prev?.lower === 'and' ? (out.length > 0 && out[out.length - 1].speaker ? out[out.length - 1] : sentenceSubject(words, i)) : null;
    if (shared && info.clausal) {
      let k2 = i + 1;
      if (info.object) k2 = skipObject(words, k2, hi);
      k2 = skipVerbModifiers(words, k2, hi);
      if (k2 < hi && !/^[.,;—]$/.test(words[k2].text)) {
        const cs2 = words[k2].start;
        const stop2 = Math.min(nextParticiple(words, k2, hi) ?? unit.end, nextClauseBreak(words, k2, hi) ?? unit.end);
        const ce2 = contentEndAt(text, stop2, cs2);
        if (ce2 - cs2 >= 10) {
          out.push({ contentStart: cs2, contentEnd: ce2, speaker: shared.speaker, cue: w.lower });
          clauseStart = ce2;
          i = wordAt(words, stop2) - 1;
        }
      }
      continue;
    }
    if (!np) continue;
    const speaker = phraseSpan(words, np);
    let before = words[np.first - 1];
    // Skip the appositive comma run: the subject's own left context decides the orientation.
    let k = i + 1;
    if (k < hi && info.object) k = skipObject(words, k, hi);
    k = skipVerbModifiers(words, k, hi);
    if (k < hi && isQuoteMark(words[k]) && k > i + 1 && (/['’]s$/.test(words[k - 1].lower) || words[k - 1].lower === 'on')) {
      // 'told MSNBC's "Morning Joe" that…': past the title to the clause that follows it.
      let j = k + 1;
      while (j < hi && (words[j].quote >= 0 || isQuoteMark(words[j]))) j++;
      if (words[j]?.lower === 'that') k = j;
    }
    const restStart = k < hi ? words[k] : undefined;
    // '…, Flynn said on Fox News's “Fox and Friends.”', '…said on "Meet the Press"': a quotation right after a
    // possessive or "on" is a programme or title the modifiers name, not what was said; the content is before it.
    const titleAfter = !!restStart && isQuoteMark(restStart) && k > i + 1 && (/['’]s$/.test(words[k - 1].lower) || words[k - 1].lower === 'on');
    const clauseFinal = !restStart || restStart.text === ',' || restStart.text === '.' || restStart.text === ';' || restStart.text === '—' || titleAfter;
    const opensQuote = (restStart?.text === ',' || restStart?.text === ':') && words[k + 1] && isQuoteMark(words[k + 1]);
    // '"A," he said, "b."': a piece closed by '," before the subject is the first half of the same quotation —
    // handled below as a post-posed attribution that runs on, not as a new quote opening after the verb.
    const closesPiece = !!before && isQuoteMark(before) && words[np.first - 2]?.text === ',';
    if (opensQuote && !closesPiece && (!before || before.text !== ',' || np.first === 0)) {
      const cs = words[k + 1].start;
      out.push({ contentStart: cs, contentEnd: contentEndAt(text, unit.end, cs), speaker, cue: w.lower });
      break;
    }
    if (restStart?.text === ':') {
      const cs = words[k + 1]?.start;
      if (cs === undefined) out.push({ contentStart: unit.end, contentEnd: unit.end, speaker, cue: w.lower, pendingColon: true });
      else out.push({ contentStart: cs, contentEnd: contentEndAt(text, unit.end, cs), speaker, cue: w.lower });
      break;
    }
    if (clauseFinal) {
      if (before && (before.text === ',' || isQuoteMark(before) || before.text === '—')) {
        if (before.text === ',' && np.first >= 2 && isQuoteMark(words[np.first - 2])) before = words[np.first - 2];
        const end = before.text === ',' || before.text === '—' ? before.start : before.end;
        if (end - clauseStart > 8 && wordsBetween(text, clauseStart, end) >= 2) {
          out.push(finishPostposed(text, unit, words, clauseStart, end, speaker, w.lower, k, out));
          clauseStart = Math.max(out[out.length - 1].contentEnd, w.end);
          i = Math.max(i, k - 1);
        }
      }
      continue;
    }
    if (!info.clausal || !restStart) continue;
    const cs = restStart.start;
    const stop = Math.min(nextParticiple(words, k, hi) ?? unit.end, nextClauseBreak(words, k, hi) ?? unit.end);
    const ce = contentEndAt(text, stop, cs);
    if (ce - cs < 10) continue;
    out.push({ contentStart: cs, contentEnd: ce, speaker, cue: w.lower });
    clauseStart = ce;
    i = wordAt(words, stop) - 1;
  }
  return out;
}

/** Words ending like verbs that are not stance verbs before "that" ("so that", "now that", "the idea that"). */
const NOT_THAT_VERBS = new Set(['is', 'was', 'has', 'does', 'this', 'its', 'his', 'hers', 'ours', 'yours', 'theirs', 'less', 'unless', 'news', 'times', 'ones', 'days', 'years', 'series']);

/**
 * Any past or present-tense verb directly followed by "that" ("X conceded that…",
 * "the memo states that…") reports content, even when it is not in the cue list.
 */
function thatClauseVerb(words: Word[], i: number): CueInfo | undefined {
  const w = words[i];
  if (words[i + 1]?.lower !== 'that' || w.quote >= 0 || w.lower.length < 4 || NOT_THAT_VERBS.has(w.lower)) return undefined;
  // Past tense only: a plural noun before a relative "that" ("fees that…") must not read as a verb.
  if (!/^[a-z]+ed$/.test(w.text) || /(need|seed|feed|speed|bed|shed|red|hundred)$/.test(w.lower)) return undefined;
  // "overruled that request, …": a determiner, not a clause — a clause needs a subject and a verb before its first stop
  // ("that Mr. Clarke had…": the period of an abbreviation is not a stop).
  for (let k = i + 2; k <= i + 3; k++) {
    const t = words[k]?.text;
    if (t === undefined || /^[,;:!?—]$/.test(t) || (t === '.' && !isCapitalized(words[k - 1]))) return undefined;
  }
  return { lemma: w.lower, object: false, clausal: true };
}

/** Openers that are not the subject of the sentence. */
const NOT_SUBJECT = new Set(['the', 'a', 'an', 'but', 'and', 'in', 'on', 'at', 'after', 'before', 'when', 'while', 'as', 'if', 'for', 'still', 'however', 'meanwhile', 'on', 'by', 'with', 'this', 'that', 'there']);

/**
 * "Mayor Ana Ruiz visited the site and said…": the capitalised name that opens
 * the sentence is the subject of a later coordinated reporting verb.
 */
function sentenceSubject(words: Word[], i: number): { speaker: [number, number] } | null {
  let k = 0;
  while (k < i && (words[k].text === '"' || words[k].text === '“')) k++;
  const first = words[k];
  if (!first || first.quote >= 0 || NOT_SUBJECT.has(first.lower)) return null;
  if (/^(?:he|she|they|it|we)$/.test(first.lower)) return { speaker: [first.start, first.end] };
  if (!isCapitalized(first)) return null;
  let e = k;
  while (e + 1 < i && words[e + 1].quote < 0 && (isCapitalized(words[e + 1]) || words[e + 1].text === '.') && e - k < 5) e++;
  return { speaker: [first.start, words[e].end] };
}

/**
 * A post-posed attribution: content before the speaker. When the sentence
 * carries on after the attribution with another quote ('"A," he said, "B."')
 * or a short interruption ('But, he said, local officials…'), the content runs on.
 */
function finishPostposed(
  text: string,
  unit: Unit,
  words: Word[],
  start: number,
  end: number,
  speaker: [number, number],
  cue: string,
  after: number,
  _prior: Attribution[],
): Attribution {
  const tail = words[after];
  const splitOpen = /,["”'’]*$/.test(text.slice(start, end).trimEnd()) || /,\s*["”'’]+$/.test(text.slice(Math.max(start, end - 3), end));
  if (tail && tail.text === ',' && words[after + 1]) {
    const next = words[after + 1];
    const restWords = words.length - after;
    // "…, he said, and soon the crowd…": a conjunction starts the writer's own clause, not more quote.
    // '"A," said X, an economist…': a piece closed by its quote mark goes on only where the quotation resumes
    // ('"A," X said, referring to…, "b."'); otherwise what follows the name is about X, not more of the quote.
    const closedPiece = /["”'’]\s*$/.test(text.slice(start, end)) && !words.slice(after + 1).some((x) => isQuoteMark(x) && x.quote < 0);
    const runOn = !closedPiece && !CLAUSE_BREAKS.has(next.lower) && next.lower !== 'and' && next.lower !== 'as' && next.lower !== 'when';
    // '"A," he said, but "b."': the quotation resumes after the conjunction.
    const resumes = next.lower === 'but' && !!words[after + 2] && isQuoteMark(words[after + 2]);
    if (isQuoteMark(next) || resumes) return { contentStart: start, contentEnd: contentEndAt(text, unit.end, start), speaker, cue };
    // 'During his years in office, Mr. Obama said, a majority…': a fronted adverbial is no statement on its own.
    const lead = /^[\s"“'‘]*(\p{L}+)/u.exec(text.slice(start, end))?.[1]?.toLowerCase() ?? '';
    const fronted = PREP_START.test(lead) && !/[,;]/.test(text.slice(start, end));
    if (runOn && (wordsBetween(text, start, end) <= 6 || fronted) && !PARTICIPLE_CUES.has(next.lower) && restWords > 3 && !isCapitalized(next)) {
      // '…, North Korea said, was its biggest yet, although…': the sentence goes on, up to the writer's own clause.
      const stop = Math.min(unit.end, nextClauseBreak(words, after + 1, words.length) ?? unit.end);
      return { contentStart: start, contentEnd: contentEndAt(text, stop, start), speaker, cue };
    }
  }
  return { contentStart: start, contentEnd: end, speaker, cue, splitOpen: splitOpen && !PUNCT_END.test('') };
}

function wordsBetween(text: string, s: number, e: number): number {
  return (text.slice(s, e).match(/[\p{L}\p{N}]+/gu) ?? []).length;
}
