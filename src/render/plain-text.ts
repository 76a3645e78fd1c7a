import { formatDate } from '../briefing/source-label.js';
import { quoted, type Reply, type ReplyItem, type ReplyQuote } from '../core/reply.js';
import { stripTerminalControls } from './untrusted-text.js';

/**
 * Render a Reply as readable plain text for the console and the CLI.
 * `width` wraps long paragraphs so a terminal stays readable. Terminal
 * escape sequences and control characters from articles or arguments are
 * removed: the output goes straight to someone's terminal.
 */
export function renderPlainText(reply: Reply, width = 100): string {
  const out: string[] = [];
  out.push(reply.title, '='.repeat(Math.min(reply.title.length, width)));
  if (reply.intro) out.push(wrap(reply.intro, width));
  for (const s of reply.sections) {
    out.push('');
    if (s.heading) out.push(`## ${s.heading}`);
    if (s.text) out.push(wrap(s.text, width));
    for (const f of s.fields ?? []) out.push(wrap(`${f.label}: ${f.value.replace(/\n/g, '; ')}`, width));
    (s.items ?? []).forEach((it, i) => out.push(...renderItem(it, i + 1, width)));
    for (const q of s.quotes ?? []) out.push(...renderQuote(q, width, ''));
  }
  if (reply.actions?.length) out.push('', reply.actions.map((a) => `[${a.label}: ${a.command}]`).join('  '));
  if (reply.footer) out.push('', reply.footer);
  return stripTerminalControls(out.join('\n'));
}

function renderItem(it: ReplyItem, n: number, width: number): string[] {
  const lines = [`${n}. ${it.title}`];
  const meta = [it.source, it.date !== undefined ? formatDate(it.date) : undefined, it.link].filter(Boolean).join(' · ');
  if (meta) lines.push(`   ${meta}`);
  if (it.summary) lines.push(indent(wrap(it.summary, width - 3), '   '));
  for (const q of it.quotes ?? []) lines.push(...renderQuote(q, width, '   '));
  for (const note of it.notes ?? []) lines.push(indent(wrap(note, width - 3), '   '));
  lines.push('');
  return lines;
}

function renderQuote(q: ReplyQuote, width: number, pad: string): string[] {
  const who = q.speaker ?? 'unattributed';
  const where = [q.source, q.date !== undefined ? formatDate(q.date) : undefined].filter(Boolean).join(', ');
  return [indent(wrap(`> ${quoted(q)} — ${who}${where ? ` (${where})` : ''}`, width - pad.length), pad)];
}

function indent(s: string, pad: string): string {
  return s.split('\n').map((l) => pad + l).join('\n');
}

/** Greedy word wrap. */
export function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((para) => {
      const words = para.split(/\s+/).filter(Boolean);
      const lines: string[] = [];
      let cur = '';
      for (const w of words) {
        if (cur && cur.length + 1 + w.length > width) {
          lines.push(cur);
          cur = w;
        } else cur = cur ? `${cur} ${w}` : w;
      }
      if (cur) lines.push(cur);
      return lines.join('\n');
    })
    .join('\n');
}
