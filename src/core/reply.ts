/**
 * The platform-neutral answer every command returns. Renderers (console,
 * Slack Block Kit, Discord embeds) turn it into native messages and enforce
 * their platform's size limits; handlers never think about those.
 */

/** A quotation shown in a reply, always with who said it. */
export interface ReplyQuote {
  text: string;
  /** Canonical speaker name; null renders as "unattributed". */
  speaker: string | null;
  /** false for reported speech: renderers show it without quotation marks. Default true. */
  direct?: boolean;
  /** Where it came from (source label or URL), for traceability. */
  source?: string;
  date?: string | null;
}

/** A story or article line in a reply. */
export interface ReplyItem {
  title: string;
  summary?: string;
  /** Human source label ("reuters.com", "000_5f47e1443f69a352.txt"). */
  source?: string;
  /** ISO date, or null for "undated". */
  date?: string | null;
  link?: string;
  quotes?: ReplyQuote[];
  /** Extra short lines ("Also reported by: …"). */
  notes?: string[];
}

/** A labelled value ("Role: US Secretary of State"). */
export interface ReplyField {
  label: string;
  value: string;
  /** Renderers may put inline fields side by side. */
  inline?: boolean;
}

/** An action a person can take on the reply (e.g. share to the channel, confirm). */
export interface ReplyAction {
  /** Stable id the adapter routes back as a command, e.g. "share". */
  id: string;
  label: string;
  /** The command line to run when pressed, e.g. "newsdesk topics remove x confirm". */
  command: string;
  style?: 'primary' | 'danger';
}

/** A titled block of content. */
export interface ReplySection {
  heading?: string;
  text?: string;
  items?: ReplyItem[];
  quotes?: ReplyQuote[];
  fields?: ReplyField[];
}

/** Visibility of a reply: only to the person who asked, or to the whole channel. */
export type ReplyVisibility = 'private' | 'channel';

/** How the reply should be treated: normal answer, "nothing found", or a problem with the request. */
export type ReplyKind = 'answer' | 'empty' | 'error';

export interface Reply {
  kind: ReplyKind;
  title: string;
  /** Short lead paragraph under the title. */
  intro?: string;
  sections: ReplySection[];
  footer?: string;
  actions?: ReplyAction[];
  visibility: ReplyVisibility;
  /** Plain-text fallback for notifications and text-only clients. */
  text: string;
}

/** Convenience constructor: a reply whose `text` fallback is derived from its content. */
export function makeReply(r: Omit<Reply, 'text' | 'visibility' | 'kind'> & Partial<Pick<Reply, 'text' | 'visibility' | 'kind'>>): Reply {
  const base: Reply = {
    kind: r.kind ?? 'answer',
    title: r.title,
    intro: r.intro,
    sections: r.sections,
    footer: r.footer,
    actions: r.actions,
    visibility: r.visibility ?? 'private',
    text: '',
  };
  base.text = r.text ?? fallbackText(base);
  return base;
}

/** A reply that explains a problem with the request in friendly words. */
export function errorReply(title: string, message: string, hint?: string): Reply {
  return makeReply({ kind: 'error', title, intro: message, sections: hint ? [{ text: hint }] : [] });
}

/** One-line-per-thing text used for notifications and as the fallback body. */
export function fallbackText(reply: Pick<Reply, 'title' | 'intro' | 'sections' | 'footer'>): string {
  const lines: string[] = [reply.title];
  if (reply.intro) lines.push(reply.intro);
  for (const s of reply.sections) {
    if (s.heading) lines.push(s.heading);
    if (s.text) lines.push(s.text);
    for (const f of s.fields ?? []) lines.push(`${f.label}: ${f.value}`);
    for (const it of s.items ?? []) lines.push(`• ${it.title}`);
    for (const q of s.quotes ?? []) lines.push(`${quoted(q)} — ${q.speaker ?? 'unattributed'}`);
  }
  if (reply.footer) lines.push(reply.footer);
  return lines.join('\n');
}

/** Direct quotes in quotation marks; reported speech marked as such, never dressed up as verbatim. */
export function quoted(q: Pick<ReplyQuote, 'text' | 'direct'>, open = '“', close = '”'): string {
  return q.direct === false ? `(reported) ${q.text}` : `${open}${q.text}${close}`;
}
