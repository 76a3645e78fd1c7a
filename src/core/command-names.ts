/**
 * Mapping between platform command names and core command names. Workspaces
 * may already have a `/who` or `/brief`, so platform names carry a configurable
 * prefix (`nd-` → `/nd-brief`), and the umbrella `/newsdesk <command> …`
 * always works whatever the prefix.
 */
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
  const name = platformName.replace(/^\//, '').toLowerCase();
  const trimmed = text.trim();
  if (name === UMBRELLA_COMMAND) {
    const m = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
    if (!m) return { name: 'help', args: '' };
    return { name: m[1].toLowerCase(), args: m[2].trim() };
  }
  if (!name.startsWith(prefix)) return null;
  const core = name.slice(prefix.length);
  return known.includes(core) ? { name: core, args: trimmed } : null;
}
