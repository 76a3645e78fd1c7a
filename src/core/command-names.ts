/**
 * Mapping between platform command names and core command names. Workspaces
 * may already have a `/who` or `/brief`, so platform names carry a configurable
 * prefix (`nd-` → `/nd-brief`), and the umbrella `/newsdesk <command> …`
 * always works whatever the prefix.
 */
import { MAX_NAME_LENGTH } from './argument-limits.js';

export const UMBRELLA_COMMAND = 'newsdesk';

/** Platform-visible name for a core command ("brief" + "nd-" → "nd-brief"). */
export function platformCommandName(core: string, prefix: string): string {
  return `${prefix}${core}`.toLowerCase();
}

/**
 * Translate a platform command (without its slash) and its text into the core
 * command name and argument text. Returns null when the name is not ours.
 */
export function resolveCommand(
  platformName: string,
  text: string,
  prefix: string,
  known: readonly string[],
): { name: string; args: string } | null {
  const name = platformName.slice(0, MAX_NAME_LENGTH + 1).replace(/^\//, '').toLowerCase();
  const trimmed = text.trim();
  if (name === UMBRELLA_COMMAND) {
    const split = splitCommandWord(trimmed);
    if (!split) return { name: 'help', args: '' };
    return split;
  }
  if (!name.startsWith(prefix)) return null;
  const core = name.slice(prefix.length);
  return known.includes(core) ? { name: core, args: trimmed } : null;
}

/**
 * "Brief colombia peace" → { name: "brief", args: "colombia peace" }. Only a
 * bounded head of the text meets a regex; the rest is passed on untouched
 * (the registry cuts it to the command's limit and reports its real length).
 */
export function splitCommandWord(text: string): { name: string; args: string } | null {
  const head = text.slice(0, MAX_NAME_LENGTH + 1);
  const m = /^(\S+)(\s|$)/.exec(head);
  if (!m) return null;
  return { name: m[1].toLowerCase(), args: text.slice(m[1].length).trim() };
}
