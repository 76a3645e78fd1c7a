import type { CommandRouter } from '../../core/adapter.js';
import type { AutocompleteSource, CommandSpec } from '../../core/command-spec.js';
import { UMBRELLA_COMMAND, resolveCommand } from '../../core/command-names.js';
import type { CommandInvocation } from '../../core/invocation.js';
import { MAX_INPUT_ARGS, MAX_INPUT_LINE, clampInput } from '../input-limit.js';
import { isDiscordAdmin } from './admin-check.js';
import { SHARE_OPTION, UMBRELLA_ARGS_OPTION, UMBRELLA_COMMAND_OPTION, optionNameFor } from './command-manifest.js';

/**
 * Pure translation between Discord's view of a slash command and the core's
 * terms. Both transports (gateway via discord.js, and the HTTP interactions
 * endpoint with raw JSON) first reduce an interaction to an InteractionView,
 * so the rules below are written and tested once.
 */

/** One option value as Discord sends it (top level; newsdesk uses no sub-commands). */
export interface ViewOption {
  name: string;
  value: string | number | boolean;
  focused?: boolean;
}

/** What the adapter needs to know about a chat-input or autocomplete interaction. */
export interface InteractionView {
  commandName: string;
  options: readonly ViewOption[];
  userId: string;
  userName?: string;
  /** null in DMs. */
  guildId: string | null;
  channelId: string;
  /** The member's permissions in the channel (bitfield), null in DMs. */
  permissions: bigint | null;
  roleIds: readonly string[];
}

/** Address minted for a Discord channel: `discord:<guild>:<channel>` (`dm` as guild in DMs). */
export function encodeDiscordAddress(guildId: string | null, channelId: string): string {
  return `discord:${guildId ?? 'dm'}:${channelId}`;
}

/** Decode an address minted by encodeDiscordAddress; null when it is not a Discord address. */
export function decodeDiscordAddress(address: string): { guildId: string | null; channelId: string } | null {
  const m = /^discord:([^:\s]+):(\d+)$/.exec(address.trim());
  if (!m) return null;
  return { guildId: m[1] === 'dm' ? null : m[1], channelId: m[2] };
}

/**
 * Admin rule for an interaction: isDiscordAdmin (Manage Server/Administrator
 * or a configured role *id*). Role names are never matched: anyone who can
 * create or rename a role in a server could otherwise call it "News Editors"
 * and become a newsdesk admin there. DMs are never admin.
 */
export function isAdminView(view: Pick<InteractionView, 'guildId' | 'permissions' | 'roleIds'>, adminRoles: readonly string[]): boolean {
  if (!view.guildId) return false;
  return isDiscordAdmin(view.permissions, view.roleIds, adminRoles);
}

/** A trailing word `share` in the text makes the answer public; it is removed before the core sees the args. */
export function stripShare(args: string): { args: string; share: boolean } {
  const m = /^([\s\S]*?)(?:^|\s+)share$/i.exec(args.trim());
  return m ? { args: m[1].trim(), share: true } : { args: args.trim(), share: false };
}

function optionString(view: InteractionView, name: string): string {
  const o = view.options.find((x) => x.name === name);
  // Discord enforces max_length on declared options, but the HTTP endpoint must not rely on it.
  return o === undefined || typeof o.value === 'boolean' ? '' : clampInput(String(o.value), MAX_INPUT_LINE).trim();
}

/** The spec a platform command name refers to (`nd-brief` → brief), or null. */
export function specForCommand(commandName: string, specs: readonly CommandSpec[], prefix: string): CommandSpec | null {
  const resolved = resolveCommand(commandName, '', prefix, specs.map((s) => s.name));
  return resolved ? specs.find((s) => s.name === resolved.name) ?? null : null;
}

/** A command as the core wants it, plus whether the person asked to share it. */
export interface ParsedInteraction {
  invocation: CommandInvocation;
  share: boolean;
}

/**
 * Translate a chat-input interaction into an invocation. Option values are
 * joined in the spec's argument order (the manifest lists required options
 * first, as Discord demands). Null when the command is not ours.
 */
export function toInvocation(view: InteractionView, specs: readonly CommandSpec[], prefix: string, adminRoles: readonly string[]): ParsedInteraction | null {
  let name: string;
  let rawArgs: string;
  if (view.commandName.toLowerCase() === UMBRELLA_COMMAND) {
    const text = `${optionString(view, UMBRELLA_COMMAND_OPTION)} ${optionString(view, UMBRELLA_ARGS_OPTION)}`;
    const r = resolveCommand(UMBRELLA_COMMAND, text, prefix, specs.map((s) => s.name));
    if (!r) return null;
    name = r.name;
    rawArgs = r.args;
  } else {
    const spec = specForCommand(view.commandName, specs, prefix);
    if (!spec) return null;
    name = spec.name;
    rawArgs = spec.args.map((a) => optionString(view, optionNameFor(a))).filter(Boolean).join(' ');
  }
  const { args: fullArgs, share: typedShare } = stripShare(clampInput(rawArgs, MAX_INPUT_LINE));
  const args = clampInput(fullArgs, MAX_INPUT_ARGS);
  const flag = view.options.find((o) => o.name === SHARE_OPTION)?.value === true;
  return {
    share: flag || typedShare,
    invocation: {
      name,
      args,
      actor: { id: view.userId, name: view.userName, isAdmin: isAdminView(view, adminRoles) },
      channel: encodeDiscordAddress(view.guildId, view.channelId),
      platform: 'discord',
    },
  };
}

/**
 * Where suggestions for the focused option come from, and the typed prefix;
 * null when the focused option has no autocomplete source. For the umbrella's
 * `args` option the chosen command's first argument decides.
 */
export function autocompleteTarget(view: InteractionView, specs: readonly CommandSpec[], prefix: string): { source: AutocompleteSource; typed: string } | null {
  const focused = view.options.find((o) => o.focused);
  if (!focused) return null;
  const typed = clampInput(String(focused.value ?? ''), MAX_INPUT_ARGS).trim();
  if (view.commandName.toLowerCase() === UMBRELLA_COMMAND) {
    if (focused.name !== UMBRELLA_ARGS_OPTION) return null;
    const spec = specs.find((s) => s.name === optionString(view, UMBRELLA_COMMAND_OPTION).toLowerCase());
    const source = spec?.args[0]?.autocomplete;
    return source ? { source, typed } : null;
  }
  const spec = specForCommand(view.commandName, specs, prefix);
  const arg = spec?.args.find((a) => optionNameFor(a) === focused.name);
  return arg?.autocomplete ? { source: arg.autocomplete, typed } : null;
}

/** Suggestions as Discord choices: at most 25, names and values at most 100 characters, no duplicates. */
export function toChoices(values: readonly string[]): { name: string; value: string }[] {
  const seen = new Set<string>();
  const out: { name: string; value: string }[] = [];
  for (const v of values) {
    const text = v.trim().slice(0, 100);
    if (!text || seen.has(text)) continue;
    seen.add(text);
    out.push({ name: text, value: text });
    if (out.length === 25) break;
  }
  return out;
}

/**
 * The choices to answer an autocomplete interaction with: command names for
 * the umbrella's `command` option (used when there are too many commands for
 * static choices), otherwise suggestions from `router.complete`.
 */
export function autocompleteChoices(view: InteractionView, router: CommandRouter, prefix: string): { name: string; value: string }[] {
  const specs = router.specs();
  const focused = view.options.find((o) => o.focused);
  if (focused && view.commandName.toLowerCase() === UMBRELLA_COMMAND && focused.name === UMBRELLA_COMMAND_OPTION) {
    const typed = clampInput(String(focused.value), 100).trim().toLowerCase();
    return toChoices(specs.map((s) => s.name).filter((n) => n.startsWith(typed)));
  }
  const target = autocompleteTarget(view, specs, prefix);
  return target ? toChoices(router.complete(target.source, target.typed, 25)) : [];
}
