/**
 * Making arbitrary text (user arguments, article titles, quotes) safe to put
 * into Slack mrkdwn: it must never ping anyone, never become a link the
 * author did not intend and never break the message layout.
 *
 * Slack parses `<…>` as special syntax (`<!channel>`, `<@U123>`,
 * `<https://x|label>`), so escaping `&`, `<` and `>` defuses every control
 * sequence. Bare `@here`/`@everyone` only ping with `link_names`, which we
 * never set, but a zero-width space after the `@` keeps them inert even if
 * a client or a later change turns it on. Formatting characters are swapped
 * for look-alikes because mrkdwn has no backslash escape.
 *
 * Every entry point first applies normaliseUntrusted (NFKC, invisible
 * characters removed), so full-width `＜!here＞`, `﹫channel` or a mention
 * split by a zero-width joiner are defused like their ASCII forms.
 */

import { normaliseUntrusted } from '../../render/untrusted-text.js';

const ZWSP = '\u200B';

/** Look-alikes for mrkdwn control characters (mrkdwn has no escape character). */
const FORMAT_LOOKALIKES: Record<string, string> = {
  '*': '\u2217', // ∗ asterisk operator
  '~': '\u223C', // ∼ tilde operator
  '`': '\u02CB', // ˋ modifier letter grave accent
};

/** Escape Slack's three control characters. Safe for any mrkdwn or plain_text field. */
export function escapeControlChars(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Insert a zero-width space after an `@` that starts a word, so
 * `@everyone`, `@here`, `@channel` and `@name` never resolve to a mention.
 * E-mail addresses (`a@b.org`) are left alone: their `@` follows a letter.
 */
export function neutraliseAtMentions(text: string): string {
  return text
    .replace(/(^|[^\p{L}\p{N}_.-])@(?=[\p{L}\p{N}_])/gu, `$1@${ZWSP}`)
    // The broadcast words are broken wherever they stand, even inside a word.
    .replace(/@(?=(?:here|channel|everyone)\b)/gi, `@${ZWSP}`);
}

/**
 * Replace characters that would toggle bold/strike/code, and underscores
 * that sit on a word boundary (italic markers); underscores inside words
 * such as file names stay as they are.
 */
export function neutraliseFormatting(text: string): string {
  return text
    .replace(/[*~`]/g, (c) => FORMAT_LOOKALIKES[c] ?? c)
    .replace(/(^|[^\p{L}\p{N}])_|_(?=$|[^\p{L}\p{N}])/gu, (m, pre: string | undefined) => (pre === undefined ? '\uFF3F' : `${pre}\uFF3F`));
}

/**
 * Turn untrusted text into inert mrkdwn: no mentions, no links, no
 * formatting. Use for everything that comes from users or articles.
 */
export function escapeMrkdwn(text: string): string {
  return neutraliseFormatting(neutraliseAtMentions(escapeControlChars(normaliseUntrusted(text))));
}

/** Same as escapeMrkdwn but also folds newlines, for one-line contexts (titles, labels). */
export function escapeInline(text: string): string {
  return escapeMrkdwn(text.replace(/\s*[\r\n]+\s*/g, ' '));
}

/**
 * Text for `plain_text` objects (headers, button labels). Slack does not
 * parse mentions there, but we still defuse them so copies into mrkdwn
 * elsewhere stay safe and the rule is the same everywhere.
 */
export function escapePlain(text: string): string {
  // Entities are not reliably decoded in plain_text, so angle brackets become look-alikes instead.
  return neutraliseAtMentions(normaliseUntrusted(text).replace(/\s*[\r\n]+\s*/g, ' ').replace(/</g, '\u2039').replace(/>/g, '\u203A'));
}

/**
 * Escape and cut to `max` characters. Cutting happens before escaping (to
 * bound the work on huge input) and again after it, because escaping can
 * lengthen text: `&` becomes `&amp;` and NFKC expands some characters
 * (U+FDFA becomes 18 letters), so a pre-escape cut alone could overflow.
 */
export function escapeCapped(text: string, max: number, inline = true): string {
  const head = truncate(text, max);
  return truncate(inline ? escapeInline(head) : escapeMrkdwn(head), max);
}

/**
 * A link in Slack syntax, or just the escaped label when the URL is not
 * plain http(s). The URL is percent-encoded where Slack's `<url|label>`
 * syntax would otherwise break, and the label cannot close the link early.
 */
export function mrkdwnLink(url: string | undefined, label: string): string {
  const safeLabel = escapeCapped(label, 300).replace(/\|/g, '\u2223');
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return safeLabel;
  const safeUrl = url.replace(/[<>|"\s]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');
  return `<${safeUrl}|${safeLabel}>`;
}

/**
 * Cut text to at most `max` characters, on a word boundary when one is
 * near, ending with an ellipsis. Never splits an escape entity (`&amp;`).
 */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ellipsis.length));
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.7) cut = cut.slice(0, space);
  // Drop a half-cut entity such as "&am" so Slack never shows garbage.
  cut = cut.replace(/&[a-z]{0,4}$/i, '');
  // Do not leave a dangling high surrogate.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.trimEnd() + ellipsis;
}
