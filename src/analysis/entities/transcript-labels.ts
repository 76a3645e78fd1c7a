/**
 * Speaker labels in transcripts ("WALLACE: Let's start…", "CHRIS WALLACE:"):
 * an all-capitals name opening a line and followed by a colon, used at least
 * twice, is a person taking turns. Labels of names the article already knows
 * ("PENCE" after "Mike Pence") join that entity through the shouty-name
 * pass; a label nobody else names becomes a person of its own, so a reader
 * (and known-people.ts) can give it a full name.
 */
import type { Cluster } from './coreference.js';
import type { DocTokens } from './doc-tokens.js';
import { foldKey } from './fold.js';
import { noEvidence, type Mention } from './mention.js';
import { cleanRole } from './roles.js';

/** A label seen this often is a speaker's turn marker, not a one-off heading ("NOTE:"). */
const MIN_TURNS = 2;
/** Evidence a turn label gives: a person, above a single model span's 6 only with several turns. */
const TURN_WEIGHT = 3;
const MAX_LABEL_TOKENS = 3;

/** Add a person cluster for each repeated all-capitals line label that no cluster already holds. */
export function addTranscriptSpeakers(text: string, doc: DocTokens, clusters: Cluster[]): void {
  const t = doc.tokens;
  const found = new Map<string, Mention[]>();
  // A label opens a line, and a line break always ends a sentence: only sentence starts (and the word after an
  // opening quote mark) need looking at.
  for (const [s] of doc.sentenceRanges) {
    const k = s < t.length && !/\p{L}/u.test(t[s].text) ? s + 1 : s;
    if (k >= t.length || !t[k].cap || !opensLine(text, t[k].start) || !isCapsWord(t[k].text)) continue;
    let e = k + 1;
    while (e < t.length && e - k < MAX_LABEL_TOKENS && isCapsWord(t[e].text) && t[e].start - t[e - 1].end === 1) e++;
    if (t[e]?.text !== ':' || t[e].start !== t[e - 1].end) continue;
    // "UPDATE:", "NOTE:": a word the article also writes in lower case is a heading, not a name.
    if (e - k === 1 && doc.lowerSeen.has(t[k].key)) continue;
    const name = cleanRole(t, k, e).toLowerCase().replace(/(^|[\s-])\p{L}/gu, (c) => c.toUpperCase());
    const key = foldKey(name);
    const m: Mention = {
      from: k, to: e, start: t[k].start, end: t[e - 1].end, text: name, key, sent: t[k].sent, possessive: false,
      evidence: { ...noEvidence(), person: TURN_WEIGHT }, role: null, placeName: null, demonym: false,
      titleOnly: false, descriptive: false, credit: null,
    };
    (found.get(key) ?? found.set(key, []).get(key)!).push(m);
  }
  if (found.size === 0) return;
  const known = new Map<string, Cluster>();
  const taken = new Set<number>();
  for (const c of clusters) {
    for (const k of c.keys) known.set(k, c);
    for (const m of c.mentions) taken.add(m.start);
  }
  for (const [key, ms] of found) {
    if (ms.length < MIN_TURNS) continue;
    const holder = known.get(key);
    if (holder) {
      // The label was read as a name already (typed from its all-capitals look): taking turns says person.
      holder.evidence.person += TURN_WEIGHT * ms.length;
      continue;
    }
    const free = ms.filter((m) => !taken.has(m.start));
    if (free.length < MIN_TURNS) continue;
    const evidence = noEvidence();
    evidence.person = TURN_WEIGHT * free.length;
    clusters.push({ mentions: free, evidence, keys: new Set([key]), placeName: null });
  }
}

function isCapsWord(s: string): boolean {
  return /^\p{Lu}[\p{Lu}'’.-]+$/u.test(s);
}

/** Only quote marks and spaces between the last line break (or the text start) and `pos`. */
function opensLine(text: string, pos: number): boolean {
  for (let p = pos - 1; p >= 0; p--) {
    const ch = text[p];
    if (ch === '\n') return true;
    if (ch !== ' ' && ch !== '\t' && ch !== '\r' && ch !== '"' && ch !== '“' && ch !== '”' && ch !== "'" && ch !== '‘' && ch !== '’') return false;
  }
  return true;
}
