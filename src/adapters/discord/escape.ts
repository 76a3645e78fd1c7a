/**
 * Making untrusted text (user arguments, article titles, summaries, quotes)
 * safe to put into Discord messages and embeds.
 *
 * Two independent defences: every message the bot sends carries
 * `allowedMentions: { parse: [] }` so nothing can ping, and the text itself is
 * made inert so it does not even *render* as a mention pill, a masked link or
 * formatting that would break the layout (a stray `**`, `||`, a `# ` heading
 * or a `> ` quote swallowing the rest of the embed).
 */

import { normaliseUntrusted } from '../../render/untrusted-text.js';

const ZWSP = '\u200B';

/**
 * Characters Discord markdown treats specially anywhere in a line. A
 * backslash before them shows them literally (Discord's own escape rule).
 */
const INLINE_MARKDOWN = /[\\*_~`|[\]]/g;

/**
 * Break `@everyone`, `@here` and `@name` so they neither ping nor look like a
 * mention: a zero-width space goes after the `@`. E-mail addresses keep their
 * `@` because it follows a letter.
 */
export function neutraliseAtMentions(text: string): string {
  return text
    .replace(/(^|[^\p{L}\p{N}_.+-])@(?=[\p{L}\p{N}_])/gu, `$1@${ZWSP}`)
    // Discord honours @everyone/@here even glued to a word ("hi@everyone").
    .replace(/@(?=(?:everyone|here)\b)/gi, `@${ZWSP}`);
}

/**
 * Break Discord's angle-bracket syntax: user `<@id>`/`<@!id>`, role `<@&id>`,
 * channel `<#id>`, slash-command `</name:id>`, emoji `<:name:id>`/`<a:name:id>`
 * and timestamps `<t:…>`. A zero-width space after `<` stops the parser.
 */
export function neutraliseAngleSyntax(text: string): string {
  return text.replace(/<(?=[@#/:]|a:|t:)/g, `<${ZWSP}`);
}

/**
 * Escape markdown that would change the layout: inline markers get a
 * backslash; block markers at the start of a line (`#` headings, `-#`
 * subtext, `>` quotes, list bullets) are escaped too.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_MARKDOWN, (c) => `\\${c}`)
    .replace(/^(\s*)(#{1,3}\s|-#\s|>{1,3}\s?|[-+]\s|\d+[.)]\s)/gm, (_m, space: string, marker: string) => `${space}\\${marker}`);
}

/** Untrusted text → inert Discord markdown (multi-line allowed). */
export function escapeDiscord(text: string): string {
  return neutraliseAtMentions(neutraliseAngleSyntax(escapeMarkdown(normaliseUntrusted(text))));
}

/**
 * Only the mention syntax defused (after normalisation), for places that
 * render no markdown such as embed footers.
 */
export function neutraliseMentions(text: string): string {
  return neutraliseAtMentions(neutraliseAngleSyntax(normaliseUntrusted(text)));
}

/** Same as escapeDiscord but folds line breaks, for one-line places (titles, field names, list lines). */
export function escapeInline(text: string): string {
  return escapeDiscord(text.replace(/\s*[\r\n]+\s*/g, ' '));
}

/**
 * Text for inline code spans (`` `…` ``): markdown is not parsed there, but a
 * backtick would end the span early, so it becomes a look-alike.
 * Mentions inside code do not render, yet we still break them for copies.
 */
export function escapeCode(text: string): string {
  return neutraliseAngleSyntax(neutraliseAtMentions(normaliseUntrusted(text).replace(/`/g, '\u02CB').replace(/\s*[\r\n]+\s*/g, ' ')));
}

/**
 * A masked link `[label](url)` when the URL is plain http(s), otherwise the
 * escaped label alone. The URL is wrapped in `<…>` to suppress previews.
 */
export function maskedLink(label: string, url: string | undefined): string {
  const safe = escapeInline(label);
  if (!url || !/^https?:\/\/[^\s<>()]+$/i.test(url)) return safe;
  return `[${safe}](<${url}>)`;
}

/** Cut `text` to at most `max` characters, ending with "…" when cut (at a word boundary when one is near). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const body = space > max * 0.6 ? cut.slice(0, space) : cut;
  // Never end on a lone backslash: it would escape the ellipsis and dangle.
  return `${body.replace(/\\+$/, '').trimEnd()}…`;
}
