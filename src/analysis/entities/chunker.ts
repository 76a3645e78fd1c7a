import type { DocToken, DocTokens } from './doc-tokens.js';
import { getGazetteer } from './gazetteers.js';
import { splitTitle } from './roles.js';
import { CALENDAR_WORDS as CALENDAR_WORDS_, COMMON_WORDS as COMMON_WORDS_, HONORIFICS as HONORIFICS_, NAME_PARTICLES as NAME_PARTICLES_, ORG_HEADS as ORG_HEADS_, PLACE_KEYWORDS as PLACE_KEYWORDS_, TITLE_WORDS as TITLE_WORDS_ } from './lexicon.js';

// Module-local copies of the word lists (under tsx each imported binding is a getter call).
const CALENDAR_WORDS = CALENDAR_WORDS_;
const COMMON_WORDS = COMMON_WORDS_;
const HONORIFICS = HONORIFICS_;
const NAME_PARTICLES = NAME_PARTICLES_;
const ORG_HEADS = ORG_HEADS_;
const PLACE_KEYWORDS = PLACE_KEYWORDS_;
const TITLE_WORDS = TITLE_WORDS_;

/** A run of capitalized tokens that may name something: token indices `[from, to)`. */
export interface RawChunk {
  from: number;
  to: number;
  /** An honorific ("Mr.", "Dr.") stood right before it and was removed. */
  honorific: boolean;
  /** The learned tagger's type for this span, when the chunk comes from the model. */
  ner?: NerType;
  /** The hand-written chunker's extent around a model span: the model's type is weaker evidence then. */
  extended?: boolean;
}

/** CoNLL entity types as the NER model outputs them. */
export type NerType = 'PER' | 'ORG' | 'LOC' | 'MISC';

/**
 * Candidate names: the learned tagger's spans, plus the hand-written
 * chunker's names where the model found nothing overlapping.
 */
export function findChunks(doc: DocTokens): RawChunk[] {
  // Headline-case lines ("Farmers Protest New Tariffs As Talks With Kenya") are left to addShoutyMentions:
  // the model learned from CoNLL, whose headlines are all capitals, and reads title case as one long name.
  const spans = doc.ner.filter((s) => !doc.tokens[s.from].shouty);
  const model: RawChunk[] = spans.map((s) => modelChunk(doc.tokens, s.from, s.to, s.type)).filter((c) => c.to > c.from);
  const rules = findRuleChunks(doc);
  withTitles(doc.tokens, model, rules);
  const owner = new Int32Array(doc.tokens.length).fill(-1);
  const kept = model.filter((c) => c.to > c.from);
  kept.forEach((c, i) => owner.fill(i, c.from, c.to));
  const out: RawChunk[] = [];
  const replaced = new Set<number>();
  for (const r of rules) {
    const inside = new Set<number>();
    let outside = false;
    for (let k = r.from; k < r.to; k++) if (owner[k] >= 0) inside.add(owner[k]);
    for (const i of inside) outside ||= kept[i].from < r.from || kept[i].to > r.to;
    if (inside.size === 0) {
      // Capitals the model read and passed over ("FULL TEXT:", "BREAKING NEWS") are labels, not names.
      if (!allCapsWords(doc.tokens, r)) out.push(r);
      continue;
    }
    // The hand-written chunk joins the model's spans into one name ("Faisal bin Rashid", "Church of the
    // Silver Dawn"): take its extent, with the model's type as weaker evidence.
    const parts = [...inside].map((i) => kept[i]).sort((a, b) => a.from - b.from);
    if (!outside && (sameType(parts) || touching(parts)) && extendsModel(doc.tokens, r, parts)) {
      for (const i of inside) replaced.add(i);
      // The last part is the head: "Summer" + "Olympics" names an event.
      out.push({ ...r, ner: parts[parts.length - 1].ner, extended: true });
    }
  }
  kept.forEach((c, i) => replaced.has(i) || out.push(c));
  return out.sort((a, b) => a.from - b.from);
}

/**
 * Group capitalized tokens into candidate names, sentence by sentence.
 *
 * Inside a name we allow particles ("Pilar de la Cruz", "Mohammed bin
 * Salman"), "&" and "of (the)" after heads such as "Bank", "Secretary" or
 * "Gulf". Month/weekday words, function words and honorifics are cut off;
 * "'s" and punctuation end a chunk. Headline-case sentences are skipped here
 * (see matchKnownNames).
 */
export function findRuleChunks(doc: DocTokens): RawChunk[] {
  const out: RawChunk[] = [];
  for (const [from, to] of doc.sentenceRanges) {
    let i = from;
    while (i < to) {
      const t = doc.tokens[i];
      if (!t.cap || t.caseless) {
        i++;
        continue;
      }
      const end = extend(doc.tokens, i, to);
      for (const c of splitChunk(doc.tokens, i, end)) out.push(c);
      i = end;
    }
  }
  return out;
}

/**
 * CoNLL leaves titles out of a person's span, but roles are read from them: when the hand-written chunk
 * around a person span starts with a title ("UK Home Secretary Brenda Hale"), the chunk takes the title in
 * (buildMentions splits it off as the role) and model spans inside the title ("UK") are dropped.
 */
function withTitles(tokens: DocToken[], model: RawChunk[], rules: RawChunk[]): void {
  const gaz = getGazetteer();
  let r = 0;
  for (const m of model) {
    if (m.ner !== 'PER') continue;
    while (r < rules.length && rules[r].to < m.to) r++;
    const rule = rules[r];
    if (!rule || rule.from >= m.from || rule.to !== m.to) continue;
    const split = splitTitle(tokens, rule.from, m.to, gaz);
    if (split.nameFrom !== m.from || !split.role) continue;
    for (const o of model) if (o !== m && o.from >= rule.from && o.to <= m.from) o.to = o.from; // emptied, filtered out
    m.from = rule.from;
    m.honorific ||= rule.honorific;
  }
}

/**
 * Whether a hand-written chunk may replace the model spans inside it: only when what it adds bridges them
 * ("Prince Faisal" + "bin" + "Rashid") or is a head joined by "of"/"for" ("Church of the" + "Silver Dawn").
 * Words the model left out at either edge are otherwise left out ("Initially Poland", "Inc Q2" on CoNLL dev).
 */
function extendsModel(tokens: DocToken[], r: RawChunk, spans: RawChunk[]): boolean {
  const from = Math.min(...spans.map((c) => c.from));
  const to = Math.max(...spans.map((c) => c.to));
  if (to !== r.to || (from === r.from && spans.length === 1)) return false;
  if (from === r.from && touching(spans)) return true;
  if (from === r.from) return true;
  const split = splitTitle(tokens, r.from, r.to, getGazetteer());
  if (split.role && split.nameFrom >= from) return true; // "Crown" + "Prince Faisal" + "bin Rashid"
  const before = tokens[from - 1].key === 'the' || tokens[from - 1].key === 'a' ? tokens[from - 2] : tokens[from - 1];
  return before !== undefined && (before.key === 'of' || before.key === 'for');
}

function allCapsWords(tokens: DocToken[], c: RawChunk): boolean {
  if (c.to - c.from < 2) return false;
  for (let k = c.from; k < c.to; k++) if (!/^\p{Lu}{2,}$/u.test(tokens[k].text)) return false;
  return true;
}

function sameType(parts: RawChunk[]): boolean {
  return parts.every((p) => p.ner === parts[0].ner);
}

/** Spans with nothing between them ("Summer" ORG + "Olympics" MISC): the model split one name. */
function touching(parts: RawChunk[]): boolean {
  return parts.length > 1 && parts.every((p, i) => i === 0 || p.from === parts[i - 1].to);
}

/** A model span as a chunk: an honorific inside or right before it ("Mr Key") is noted and left out. */
function modelChunk(tokens: DocToken[], from: number, to: number, ner: NerType): RawChunk {
  let honorific = from > 0 && tokens[from - 1].sent === tokens[from].sent && HONORIFICS.has(tokens[from - 1].key);
  while (from < to - 1 && HONORIFICS.has(tokens[from].key)) {
    honorific = true;
    from++;
  }
  // Punctuation at the edges ("Scientology ." at a sentence end) is never part of a name.
  while (from < to && !/[\p{L}\p{N}]/u.test(tokens[from].text)) from++;
  while (to > from && !/[\p{L}\p{N}]/u.test(tokens[to - 1].text)) to--;
  return { from, to, honorific: honorific && ner === 'PER', ner };
}

/** Extend a chunk starting at capitalized token `i` as far as a name can go. */
function extend(tokens: DocToken[], i: number, to: number): number {
  let j = i + 1;
  while (j < to) {
    const t = tokens[j];
    if (t.cap && !isBreaker(t)) {
      j++;
      continue;
    }
    // Particles: "de la Cruz", "van der Leyen", "bin Salman" (only between capitals).
    let k = j;
    while (k < to && NAME_PARTICLES.has(tokens[k].text) && k - j < 3) k++;
    if (k > j && k < to && tokens[k].cap && !isBreaker(tokens[k])) {
      j = k + 1;
      continue;
    }
    if ((t.text === 'of' || t.text === 'for') && allowsOf(tokens, i, j)) {
      let n = j + 1;
      // "Bank of the West", "Committee for a Responsible Federal Budget".
      if (n < to && (tokens[n].text === 'the' || (tokens[n].text === 'a' && t.text === 'for'))) n++;
      if (n < to && tokens[n].cap && !isBreaker(tokens[n])) {
        j = n + 1;
        continue;
      }
    }
    if (t.text === '&' && j + 1 < to && tokens[j + 1].cap) {
      j += 2;
      continue;
    }
    // "Korean People's Army", "New People's Party": a possessive inside an organization's name.
    if (t.key === "'s" && POSSESSIVE_NAME_NOUNS.has(tokens[j - 1].key) && j + 1 < to && tokens[j + 1].cap) {
      j += 2;
      continue;
    }
    break;
  }
  return j;
}

const POSSESSIVE_NAME_NOUNS = new Set(['people', 'women', 'workers', 'children', 'men', 'veterans', 'farmers', 'citizens', 'students', 'nations', 'peoples']);

/** "of" joins when the name so far has an organization/place/title head ("Bank of", "Gulf of", "Secretary of"). */
function allowsOf(tokens: DocToken[], from: number, ofIdx: number): boolean {
  for (let k = from; k < ofIdx; k++) {
    const key = tokens[k].key.replace(/\.$/, '');
    if (ORG_HEADS.has(key) || PLACE_KEYWORDS.has(key) || key === 'secretary' || key === 'minister' || key === 'mission') return true;
    if (key === 'united' || key === 'republic' || key === 'kingdom' || key === 'state' || key === 'states') return true;
  }
  return tokens[ofIdx].text === 'of' && ofIdx - from === 1 && TITLE_WORDS.has(tokens[from].key);
}

/** Capitalized tokens that can never be inside a name (months, weekdays, "I"). */
function isBreaker(t: DocToken): boolean {
  return CALENDAR_WORDS.has(t.key.replace(/\.$/, '')) || t.key === 'i';
}

/**
 * Cut a capitalized run at calendar words, then drop leading function words
 * ("The", "In") and honorifics. A capitalized common word anywhere inside
 * ("Monday The") also splits the run.
 */
function splitChunk(tokens: DocToken[], from: number, to: number): RawChunk[] {
  const out: RawChunk[] = [];
  let s = from;
  for (let k = from; k <= to; k++) {
    const cut = k === to || isBreaker(tokens[k]) || (k > s && tokens[k].cap && isCommon(tokens[k]) && !HONORIFICS.has(tokens[k].key));
    if (!cut) continue;
    let a = s;
    let honorific = false;
    while (a < k && (isCommon(tokens[a]) || HONORIFICS.has(tokens[a].key) || isBreaker(tokens[a]) || !/[\p{L}\p{N}]/u.test(tokens[a].text))) {
      if (HONORIFICS.has(tokens[a].key)) honorific = true;
      a++;
    }
    let b = k;
    while (b > a && (NAME_PARTICLES.has(tokens[b - 1].text) || tokens[b - 1].text === 'of' || tokens[b - 1].text === 'the')) b--;
    if (b > a) out.push({ from: a, to: b, honorific });
    s = isBreaker(tokens[k] ?? tokens[to - 1]) ? k + 1 : k;
  }
  return out;
}

/** A function word, unless written as an acronym ("US" is not "us"). */
export function isCommon(t: DocToken): boolean {
  if (/['’](m|re|ve|ll|d|t)$/i.test(t.text)) return true; // "I'm", "We'll", "Don't"
  return COMMON_WORDS.has(t.key) && !(t.text.length > 1 && t.text === t.text.toUpperCase());
}
