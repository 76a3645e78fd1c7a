import { quoted, type Reply, type ReplyAction, type ReplyItem, type ReplyQuote } from '../../core/reply.js';
import { UMBRELLA_COMMAND } from '../../core/command-names.js';
import { escapeCode, escapeDiscord, escapeInline, maskedLink, truncate } from './escape.js';
import { EMBED_LIMITS } from './embed-limits.js';

/**
 * First stage of embed rendering: a Reply becomes a flat list of small,
 * already-escaped units (embed starts, text paragraphs, fields). The packer
 * (render-embeds.ts) then fits them into embeds and messages. Raw text is cut
 * *before* escaping so a cut never lands inside our own markdown, and every
 * paragraph is kept well under the 4,096-character description limit.
 */

/** One renderable piece, already escaped and within its own limit. */
export type EmbedUnit =
  | { kind: 'start'; title?: string }
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: string; value: string; inline: boolean };

/** Raw-length caps for pieces of article text (escaping can at most double them). */
const CAP = { itemTitle: 240, summary: 1200, quote: 600, speaker: 100, note: 300, sectionText: 20_000, source: 120 } as const;

/** Turn a Reply into units; the packer decides where embeds and messages break. */
export function replyToUnits(reply: Reply, prefix = ''): EmbedUnit[] {
  const units: EmbedUnit[] = [{ kind: 'start', title: reply.title.trim() ? truncate(escapeInline(reply.title), EMBED_LIMITS.title) : undefined }];
  if (reply.intro?.trim()) units.push({ kind: 'text', text: escapeDiscord(truncate(reply.intro, CAP.sectionText)) });
  for (const section of reply.sections) {
    // A headed section gets its own embed so the heading can be the embed title.
    if (section.heading?.trim()) units.push({ kind: 'start', title: truncate(escapeInline(section.heading), EMBED_LIMITS.title) });
    if (section.text?.trim()) units.push({ kind: 'text', text: escapeDiscord(truncate(section.text, CAP.sectionText)) });
    for (const f of section.fields ?? []) {
      units.push({
        kind: 'field',
        name: truncate(escapeInline(f.label), EMBED_LIMITS.fieldName) || '\u200B',
        value: truncate(escapeDiscord(f.value), EMBED_LIMITS.fieldValue) || '\u200B',
        inline: !!f.inline,
      });
    }
    for (const it of section.items ?? []) units.push({ kind: 'text', text: itemText(it) });
    for (const q of section.quotes ?? []) units.push({ kind: 'text', text: quoteLine(q, true) });
  }
  if (reply.actions?.length) units.push({ kind: 'text', text: reply.actions.map((a) => actionLine(a, prefix)).join('\n') });
  return units;
}

/** A story line: bold (linked) title, summary, quotes with speakers, source/date line, notes. */
export function itemText(it: ReplyItem): string {
  const lines = [`**${maskedLink(truncate(it.title, CAP.itemTitle), it.link)}**`];
  if (it.summary?.trim()) lines.push(escapeDiscord(truncate(it.summary, CAP.summary)));
  for (const q of it.quotes ?? []) lines.push(quoteLine(q, false));
  const context = [it.source ? escapeInline(truncate(it.source, CAP.source)) : '', it.date === undefined ? '' : escapeInline(it.date ?? 'undated')].filter(Boolean);
  if (context.length) lines.push(`*${context.join(' · ')}*`);
  for (const n of it.notes ?? []) lines.push(escapeInline(truncate(n, CAP.note)));
  return lines.join('\n');
}

/** A quote as a Discord block quote with its speaker; optionally with source and date. */
export function quoteLine(q: ReplyQuote, withSource: boolean): string {
  const speaker = escapeInline(truncate(q.speaker ?? 'unattributed', CAP.speaker));
  const extra = withSource ? [q.source, q.date].filter((x): x is string => !!x).map((x) => escapeInline(truncate(x, CAP.source))) : [];
  const tail = extra.length ? ` (${extra.join(' · ')})` : '';
  return `> ${quoted({ text: escapeInline(truncate(q.text, CAP.quote)), direct: q.direct })} — *${speaker}*${tail}`;
}

/**
 * Actions (confirm, share…) as a line telling the person what to run: the
 * umbrella `/newsdesk` with its `command` and `args` options works whatever
 * the prefix, so the hint is always correct.
 */
export function actionLine(a: ReplyAction, _prefix: string): string {
  const m = /^\/?(\S+)\s*([\s\S]*)$/.exec(a.command.trim());
  const words = m && m[1].toLowerCase() === UMBRELLA_COMMAND ? /^(\S+)\s*([\s\S]*)$/.exec(m[2]) : m;
  const name = words?.[1] ?? a.command;
  const args = words?.[2]?.trim() ?? '';
  const line = `/${UMBRELLA_COMMAND} command:${name}${args ? ` args:${args}` : ''}`;
  return `**${escapeInline(truncate(a.label, 80))}:** \`${escapeCode(truncate(line, 300))}\``;
}
