import type { APIEmbed } from 'discord-api-types/v10';
import type { Reply, ReplyKind } from '../../core/reply.js';
import { EMBED_LIMITS } from './embed-limits.js';
import { type EmbedUnit, replyToUnits } from './embed-units.js';
import { neutraliseMentions, truncate } from './escape.js';

/**
 * Reply → Discord message payloads (pure). Content is split across as many
 * embeds and messages as needed so every payload respects every limit in
 * EMBED_LIMITS; nothing is silently dropped except text cut with "…" where a
 * single piece exceeds its own field limit.
 */

/** One message to send: embeds plus the mention guard that goes on everything the bot sends. */
export interface DiscordMessagePayload {
  content?: string;
  embeds: APIEmbed[];
  allowedMentions: { parse: [] };
}

/** REST body for a message: the raw API spells the mention guard `allowed_mentions`. */
export function toRestBody(p: DiscordMessagePayload): Record<string, unknown> {
  return { ...(p.content ? { content: p.content } : {}), embeds: p.embeds, allowed_mentions: { parse: [] } };
}

/** Embed colours by reply kind (Discord brand blurple, grey, red). */
const COLOURS: Record<ReplyKind, number> = { answer: 0x5865f2, empty: 0x99aab5, error: 0xed4245 };

/** Render a Reply as one or more message payloads. `prefix` only affects command hints. */
export function renderEmbeds(reply: Reply, prefix = ''): DiscordMessagePayload[] {
  const embeds = packEmbeds(replyToUnits(reply, prefix), COLOURS[reply.kind] ?? COLOURS.answer);
  addFooter(embeds, reply.footer, COLOURS[reply.kind] ?? COLOURS.answer);
  return packMessages(embeds).map((group) => ({ embeds: group, allowedMentions: { parse: [] } }));
}

/** Characters of an embed that count towards the 6,000 per-message total. */
export function embedSize(e: APIEmbed): number {
  let n = (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length + (e.author?.name ?? '').length;
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Fit units into embeds: text goes into descriptions, fields after them; a text after fields opens a new embed. */
function packEmbeds(units: EmbedUnit[], color: number): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  let cur: APIEmbed | undefined;
  const open = (title?: string): APIEmbed => {
    cur = { color, ...(title ? { title } : {}) };
    embeds.push(cur);
    return cur;
  };
  for (const u of units) {
    if (u.kind === 'start') {
      // An embed with nothing in it yet just takes the title instead of leaving an empty embed behind.
      if (cur && embedSize(cur) === 0 && u.title) cur.title = u.title;
      else open(u.title);
      continue;
    }
    if (u.kind === 'field') {
      let e = cur ?? open();
      const add = u.name.length + u.value.length;
      if ((e.fields?.length ?? 0) >= EMBED_LIMITS.fields || embedSize(e) + add > EMBED_LIMITS.totalPerMessage) e = open();
      (e.fields ??= []).push({ name: u.name, value: u.value, inline: u.inline });
      continue;
    }
    for (const piece of splitText(u.text, EMBED_LIMITS.description)) {
      let e = cur ?? open();
      if (e.fields?.length) e = open();
      const sep = e.description ? '\n\n' : '';
      const tooLong = (e.description ?? '').length + sep.length + piece.length > EMBED_LIMITS.description;
      if (tooLong || embedSize(e) + sep.length + piece.length > EMBED_LIMITS.totalPerMessage) e = open();
      e.description = e.description ? `${e.description}\n\n${piece}` : piece;
    }
  }
  const filled = embeds.filter((e) => embedSize(e) > 0);
  return filled.length ? filled : [{ color, description: '\u200B' }];
}

/** The footer goes on the last embed, or on an embed of its own when that one is full. */
function addFooter(embeds: APIEmbed[], footer: string | undefined, color: number): void {
  if (!footer?.trim()) return;
  // Footers render no markdown, so only mentions and mention-like syntax are defused.
  const text = truncate(neutraliseMentions(footer.replace(/\s*[\r\n]+\s*/g, ' ')), EMBED_LIMITS.footer);
  const last = embeds[embeds.length - 1];
  if (embedSize(last) + text.length <= EMBED_LIMITS.totalPerMessage) last.footer = { text };
  else embeds.push({ color, footer: { text } });
}

/** Group embeds into messages of at most 10 embeds and 6,000 characters. */
function packMessages(embeds: APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let cur: APIEmbed[] = [];
  let size = 0;
  for (const e of embeds) {
    const n = embedSize(e);
    if (cur.length && (cur.length >= EMBED_LIMITS.embedsPerMessage || size + n > EMBED_LIMITS.totalPerMessage)) {
      messages.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(e);
    size += n;
  }
  if (cur.length) messages.push(cur);
  return messages;
}

/**
 * Split text into pieces of at most `max` characters, preferring paragraph
 * breaks, then line breaks, then spaces; a hard cut only for unbroken runs.
 */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let at = window.lastIndexOf('\n\n');
    if (at < max / 2) at = window.lastIndexOf('\n');
    if (at < max / 2) at = window.lastIndexOf(' ');
    if (at <= 0) at = max;
    // Never split between a backslash and the character it escapes.
    if (at === max && rest[at - 1] === '\\') at -= 1;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^\s+/, '');
  }
  if (rest.length) out.push(rest);
  return out;
}
