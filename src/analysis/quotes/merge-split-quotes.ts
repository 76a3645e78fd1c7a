/**
 * Joining quote pieces the writer meant as one statement: a direct quote that
 * runs on across a paragraph break, and a quotation interrupted by its own
 * attribution clause ('"A," said X, who…. "B."'). Runs over the extracted
 * quotes in text order, before they are scored.
 */
import type { Quote } from '../types.js';

/**
 * A direct quote left open at the end of its paragraph runs on into the next
 * paragraph's quote by the same speaker: one quote, as the writer meant it.
 */
export function mergeRunOnQuotes(text: string, quotes: Quote[]): Quote[] {
  const out: Quote[] = [];
  for (const q of quotes) {
    const prev = out[out.length - 1];
    const turnGoesOn = prev?.evidence === 'transcript' && q.evidence === 'follow';
    if (prev && ((prev.direct && q.direct) || turnGoesOn) && prev.speaker && prev.speaker === q.speaker && q.span[0] > prev.span[1]) {
      const gap = text.slice(prev.span[1], q.span[0]);
      const closed = /["”]\s*$/.test(prev.text) && (prev.text.match(/["“”]/g)?.length ?? 0) % 2 === 0;
      // A transcript turn goes on in the next paragraphs until another label ('"PENCE: …' then '"But the truth…').
      const turn = prev.evidence === 'transcript' && q.evidence === 'follow';
      if (/^[\s"“]*$/.test(gap) && gap.includes('\n') && (!closed || turn)) {
        prev.span = [prev.span[0], q.span[1]];
        prev.text = text.slice(prev.span[0], q.span[1]);
        continue;
      }
    }
    out.push(q);
  }
  return out;
}

/** Longest attribution clause that may interrupt one quotation ('"A," said X, an economist at…. "B."'). */
const MAX_SPLIT_GAP = 260;
/** Longest lead from that comma to the speaker's mention ('," said Sen.', '," Flynn'). */
const MAX_CLAUSE_LEAD = 40;
/** Most the interrupting clause may measure, as a share of the words said around it. */
export const MAX_CLAUSE_SHARE = 0.8;

/**
 * '"A," said X, who…. "B."' and '"A," he told the host, "b."': a quotation
 * broken by its own attribution clause is one statement. The first piece ends
 * in a comma inside its closing mark (the writer's sign that the sentence goes
 * on), the clause between names the speaker, and the next piece opens with a
 * quote mark in the same paragraph. The span runs from the first piece to the
 * last, so it covers the clause; the text joins the quoted pieces.
 */
export function mergeSplitQuotes(text: string, quotes: Quote[]): Quote[] {
  const out: Quote[] = [];
  for (const q of quotes) {
    const prev = out[out.length - 1];
    if (prev && isSplitContinuation(text, prev, q)) {
      if (!prev.speaker && q.speaker) {
        prev.speaker = q.speaker;
        prev.speakerSpan = q.speakerSpan;
        prev.cue = q.cue;
        prev.evidence = q.evidence;
        prev.certainty = q.certainty;
      }
      prev.span = [prev.span[0], q.span[1]];
      prev.text = `${prev.text} ${q.text}`;
      prev.direct = prev.direct || q.direct;
      continue;
    }
    out.push(q);
  }
  return out;
}

/** Whether `q` continues `prev` across an interrupting attribution clause (see mergeSplitQuotes). */
function isSplitContinuation(text: string, prev: Quote, q: Quote): boolean {
  if (q.span[0] <= prev.span[1] || q.span[0] - prev.span[1] > MAX_SPLIT_GAP) return false;
  if (!/^(?:["“'‘]{1,2})/.test(q.text)) return false;
  if (text.slice(prev.span[0], q.span[0]).includes('\n')) return false;
  if (prev.speaker !== q.speaker && prev.speaker && q.speaker) return false;
  if (!prev.speaker && !q.speaker) return false;
  // The next piece has an attribution of its own after it ('"B," she said'): a new statement.
  if (q.speakerSpan && q.speakerSpan[0] >= q.span[0]) return false;
  // The clause between names the speaker of the first piece — the attribution interrupting the quotation
  // ('"A," said X, who…. "B."'); a first piece attributed before it ('X scolded him: "A," she said. "B."') is done.
  const who = prev.speakerSpan ?? q.speakerSpan;
  if (!who || who[1] > q.span[0] || (q.speakerSpan && q.speakerSpan[0] !== who[0])) return false;
  // …right after a comma that closes a piece of the first statement ('…,"' or '…, X said').
  let comma = -1;
  for (const m of text.slice(prev.span[0], who[0]).matchAll(/,\s*["”'’]{0,2}\s/g)) comma = prev.span[0] + (m.index ?? 0);
  if (comma < 0 || who[0] - comma > MAX_CLAUSE_LEAD || q.span[0] - comma > MAX_SPLIT_GAP) return false;
  // One span covers the clause too: worth it only while the words said outweigh the clause between them
  // ('"A," said X, who…' with a long appositive is better left as two pieces).
  const said = comma + 1 - prev.span[0] + (q.span[1] - q.span[0]);
  if (q.span[0] - comma > MAX_CLAUSE_SHARE * said) return false;
  // 'X scolded him: "A," she said. "B."': the first piece was introduced by an attribution of its own.
  const lead = /["“'‘]/.exec(prev.text);
  return !(lead && prev.text.slice(0, lead.index).includes(':'));
}
