import { formatDate } from '../../briefing/source-label.js';
import { quoted, type Reply, type ReplyField, type ReplyItem, type ReplyQuote, type ReplySection } from '../../core/reply.js';
import { SLACK_LIMITS, type SlackBlock, type SlackText, context, mrkdwn, section } from './block-kit.js';
import { escapeCapped, escapeMrkdwn, mrkdwnLink, truncate } from './escape.js';

/**
 * Turns the body of a Reply into "units": small groups of blocks that belong
 * together (a story with its quotes and sources) and may not be split across
 * messages. Every unit is built to fit comfortably inside one message, so the
 * packer in render-blocks.ts only has to decide where messages break.
 */

/** A group of blocks kept in one message; `items` counts stories/quotes for "N more not shown". */
export interface BlockUnit {
  blocks: SlackBlock[];
  items: number;
}

/** Per-piece caps: long article text is cut ("…") rather than flooding the channel. */
export const PIECE_CAPS = {
  title: 250,
  summary: 1200,
  quote: 600,
  quotesPerItem: 4,
  note: 300,
  notesPerItem: 3,
  source: 200,
  /** Section fields per unit, each at most `field` characters, so a unit fits one message. */
  fieldsPerUnit: 5,
  field: 1500,
} as const;

/** Split escaped mrkdwn into chunks of at most `max` characters, preferring paragraph/line/word breaks. */
export function splitText(text: string, max: number = SLACK_LIMITS.sectionText): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    if (cut < max * 0.5) cut = window.lastIndexOf(' ');
    if (cut < max * 0.5) cut = max;
    let piece = rest.slice(0, cut);
    // Never end a chunk inside an entity such as "&amp;".
    const entity = /&[a-z]{0,4}$/i.exec(piece);
    if (entity) piece = piece.slice(0, entity.index);
    if (/[\uD800-\uDBFF]$/.test(piece)) piece = piece.slice(0, -1);
    out.push(piece.trimEnd());
    rest = rest.slice(piece.length).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/** Free text as one unit per chunk, so a very long text can flow over several messages. */
export function textUnits(raw: string): BlockUnit[] {
  return splitText(escapeMrkdwn(raw)).map((t) => ({ blocks: [section(t)], items: 0 }));
}

/** A quote as a mrkdwn block-quote line with its speaker. */
export function quoteLine(q: ReplyQuote): string {
  const who = q.speaker ? `_${escapeCapped(q.speaker, PIECE_CAPS.source)}_` : '_unattributed_';
  const where = [q.source ? escapeCapped(q.source, PIECE_CAPS.source) : undefined, q.date !== undefined ? formatDate(q.date) : undefined]
    .filter(Boolean)
    .join(', ');
  return `>${quoted({ text: escapeCapped(q.text, PIECE_CAPS.quote), direct: q.direct })} — ${who}${where ? ` (${where})` : ''}`;
}

/** Quote lines packed into as few sections as the 3,000-character limit allows. */
function quoteBlocks(quotes: readonly ReplyQuote[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let cur = '';
  for (const q of quotes) {
    const line = quoteLine(q);
    if (cur && cur.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      blocks.push(section(cur));
      cur = '';
    }
    cur = cur ? `${cur}\n${line}` : line;
  }
  if (cur) blocks.push(section(cur));
  return blocks;
}

/** One story: title (linked), summary, up to a few quotes, and a context line for source, date and notes. */
export function itemUnit(it: ReplyItem, n: number): BlockUnit {
  const title = `*${n}. ${mrkdwnLink(it.link, truncate(it.title, PIECE_CAPS.title))}*`;
  const summary = it.summary ? escapeCapped(it.summary, PIECE_CAPS.summary, false) : '';
  const head = truncate(summary ? `${title}\n${summary}` : title, SLACK_LIMITS.sectionText);
  const blocks: SlackBlock[] = [section(head)];
  const quotes = it.quotes ?? [];
  blocks.push(...quoteBlocks(quotes.slice(0, PIECE_CAPS.quotesPerItem)));
  const meta = [it.source ? escapeCapped(it.source, PIECE_CAPS.source) : undefined, it.date !== undefined ? formatDate(it.date) : undefined]
    .filter(Boolean)
    .join(' · ');
  const extra = quotes.length > PIECE_CAPS.quotesPerItem ? [`+${quotes.length - PIECE_CAPS.quotesPerItem} more quotes`] : [];
  const elements = [meta, ...(it.notes ?? []).slice(0, PIECE_CAPS.notesPerItem).map((x) => escapeCapped(x, PIECE_CAPS.note)), ...extra].filter((x) => x);
  if (elements.length) blocks.push(context(elements));
  return { blocks, items: 1 };
}

/** Fields as section fields (5 per section, Slack allows 10), bold label above the value. */
function fieldBlocks(fields: readonly ReplyField[]): BlockUnit[] {
  const units: BlockUnit[] = [];
  for (let i = 0; i < fields.length; i += PIECE_CAPS.fieldsPerUnit) {
    const texts: SlackText[] = fields
      .slice(i, i + PIECE_CAPS.fieldsPerUnit)
      .map((f) => mrkdwn(truncate(`*${escapeCapped(f.label, 100)}*\n${escapeMrkdwn(truncate(f.value, PIECE_CAPS.field))}`, Math.min(PIECE_CAPS.field, SLACK_LIMITS.fieldText))));
    units.push({ blocks: [{ type: 'section', fields: texts }], items: 0 });
  }
  return units;
}

/** All units for one Reply section, in reading order. */
export function sectionUnits(s: ReplySection): BlockUnit[] {
  const units: BlockUnit[] = [];
  if (s.heading) units.push({ blocks: [section(`*${escapeCapped(s.heading, 300)}*`)], items: 0 });
  if (s.text) units.push(...textUnits(s.text));
  if (s.fields?.length) units.push(...fieldBlocks(s.fields));
  (s.items ?? []).forEach((it, i) => units.push(itemUnit(it, i + 1)));
  for (let i = 0; i < (s.quotes ?? []).length; i += 5) {
    const chunk = s.quotes!.slice(i, i + 5);
    units.push({ blocks: quoteBlocks(chunk), items: chunk.length });
  }
  return units;
}

/** All body units of a reply: intro, then each section separated by a divider. */
export function replyUnits(reply: Reply): BlockUnit[] {
  const units: BlockUnit[] = [];
  if (reply.intro) units.push(...textUnits(reply.intro));
  reply.sections.forEach((s, i) => {
    if (i > 0 || reply.intro) units.push({ blocks: [{ type: 'divider' }], items: 0 });
    units.push(...sectionUnits(s));
  });
  return units;
}
