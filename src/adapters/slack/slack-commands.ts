import { UMBRELLA_COMMAND, platformCommandName, resolveCommand } from '../../core/command-names.js';
import type { CommandSpec } from '../../core/command-spec.js';
import { MAX_INPUT_ARGS, MAX_INPUT_LINE, clampInput } from '../input-limit.js';

/**
 * Pure helpers that translate Slack's view of a command (slash command
 * name + text, an @mention, a button value, a channel address) into the
 * core's terms. Kept free of bolt so they are trivially testable.
 */

/** A Slack channel address as minted by this adapter: `slack:<team>:<channel>`. */
export interface SlackAddress {
  teamId: string;
  channelId: string;
}

/** Mint the address the core and the scheduler use for a Slack channel. */
export function encodeSlackAddress(teamId: string, channelId: string): string {
  return `slack:${teamId}:${channelId}`;
}

/** Decode an address minted by encodeSlackAddress; null when it is not a Slack address. */
export function decodeSlackAddress(address: string): SlackAddress | null {
  const m = /^slack:([A-Z0-9_-]*):([A-Z0-9]+)$/i.exec(address.trim());
  return m ? { teamId: m[1], channelId: m[2] } : null;
}

/** The slash commands this adapter registers: one per spec (with prefix) plus `/newsdesk`. */
export function slashCommandNames(specs: readonly CommandSpec[], prefix: string): string[] {
  const names = specs.map((s) => `/${platformCommandName(s.name, prefix)}`);
  return [...new Set([...names, `/${UMBRELLA_COMMAND}`])];
}

/**
 * A trailing word `share` makes the answer public; it is removed before the
 * core sees the arguments (`colombia share` → `colombia`, shared).
 */
export function stripShare(args: string): { args: string; share: boolean } {
  const m = /^([\s\S]*?)(?:^|\s+)share$/i.exec(args.trim());
  if (!m) return { args: args.trim(), share: false };
  return { args: m[1].trim(), share: true };
}

/** A command as the core wants it, plus whether the person asked to share it. */
export interface ParsedCommand {
  name: string;
  args: string;
  share: boolean;
}

/**
 * Resolve a slash command (`/brief`, `/nd-brief`, `/newsdesk brief …`).
 * Null when the name is not one of ours.
 */
export function parseSlashCommand(command: string, text: string, prefix: string, known: readonly string[]): ParsedCommand | null {
  // Cut before any regex runs: Slack delivers slash texts of many kilobytes.
  const resolved = resolveCommand(clampInput(command, 64), clampInput(text, MAX_INPUT_LINE), prefix, known);
  if (!resolved) return null;
  const { args, share } = stripShare(resolved.args);
  return { name: resolved.name, args: clampInput(args, MAX_INPUT_ARGS), share };
}

/**
 * Parse a free-text command line as typed after an @mention or stored in a
 * button: "brief colombia", "/brief colombia", "nd-brief colombia" or
 * "newsdesk brief colombia". An empty line means help.
 */
export function parseCommandLine(line: string, prefix: string, known: readonly string[]): ParsedCommand {
  const m = /^\/?(\S+)\s*([\s\S]*)$/.exec(clampInput(line, MAX_INPUT_LINE).trim());
  if (!m) return { name: 'help', args: '', share: false };
  const word = m[1].toLowerCase();
  const resolved =
    resolveCommand(word, m[2], prefix, known) ??
    { name: word, args: m[2].trim() };
  const { args, share } = stripShare(resolved.args);
  return { name: resolved.name, args: clampInput(args, MAX_INPUT_ARGS), share };
}

/**
 * The command part of an app_mention's text: everything after the first
 * mention of the bot (Slack writes it as `<@U123>` or `<@U123|name>`).
 * Other mentions in the text are left for the core to treat as words.
 */
export function mentionCommandText(fullText: string, botUserId: string | undefined): string {
  // A mention can be 40 KB long; only its start can hold a command.
  const text = clampInput(fullText, MAX_INPUT_LINE);
  const mention = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`) : /<@[A-Z0-9]+(?:\|[^>]*)?>/i;
  const m = mention.exec(text);
  const after = m ? text.slice(m.index + m[0].length) : text;
  return after.replace(/^[\s,:]+/, '').trim();
}

/** The command line a "Share to channel" button carries, so a click can re-run it. */
export function shareValueOf(name: string, args: string): string {
  return `${name} ${args}`.trim();
}
