import { MAX_ARGS_LENGTH } from '../core/command-registry.js';

/**
 * Chat platforms accept very long texts (Slack: 40 KB @mentions and slash
 * texts). Every adapter cuts what it receives before a single regex runs on
 * it, so parsing cost is bounded by a constant whatever is sent.
 */

/** Arguments the core accepts (500 characters). */
export const MAX_INPUT_ARGS = MAX_ARGS_LENGTH;

/**
 * Room for what precedes the arguments on a raw line: a mention such as
 * `<@U0123|newsdesk>`, the umbrella word and a sub-command name.
 */
export const MAX_INPUT_LINE = MAX_ARGS_LENGTH + 128;

/** Cut `text` to at most `max` UTF-16 units without leaving half a surrogate pair. */
export function clampInput(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
