import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { UMBRELLA_COMMAND, platformCommandName } from '../../core/command-names.js';
import type { ArgSpec, CommandSpec } from '../../core/command-spec.js';
import { MAX_ARGS_LENGTH } from '../../core/command-registry.js';

/**
 * Application-command JSON generated from the command specs — the single
 * source for both `npm run discord:deploy` and the adapter's own option
 * parsing, so what Discord shows and what the adapter reads cannot drift.
 */

/** Name of the boolean option that makes an answer visible to the channel. */
export const SHARE_OPTION = 'share';
/** Umbrella `/newsdesk` options: which command, and its argument text. */
export const UMBRELLA_COMMAND_OPTION = 'command';
export const UMBRELLA_ARGS_OPTION = 'args';

/** Discord's limits on command/option names, descriptions and choices. */
const LIMITS = { name: 32, description: 100, choices: 25, choiceText: 100, maxLength: 6000 } as const;

/**
 * Discord option name for an argument: lower case, letters/digits/`-`/`_`
 * only, at most 32 characters ("window or action" → "window_or_action").
 */
export function optionNameFor(arg: Pick<ArgSpec, 'name'>): string {
  const name = arg.name
    .toLowerCase()
    .replace(/[^-_\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, LIMITS.name);
  // An argument literally called "share" would collide with the share flag.
  return !name ? 'value' : name === SHARE_OPTION ? `${name}_text` : name;
}

/** Description cut to Discord's 100 characters (never empty). */
export function commandDescription(text: string, fallback: string): string {
  const t = text.replace(/\s+/g, ' ').trim() || fallback;
  return t.length <= LIMITS.description ? t : `${t.slice(0, LIMITS.description - 1).trimEnd()}…`;
}

function choiceText(v: string): string {
  return v.slice(0, LIMITS.choiceText);
}

/** One string option per declared argument. */
function argOption(arg: ArgSpec): APIApplicationCommandBasicOption {
  const choices = arg.choices?.length ? arg.choices.slice(0, LIMITS.choices).map((c) => ({ name: choiceText(c), value: choiceText(c) })) : undefined;
  return {
    type: ApplicationCommandOptionType.String,
    name: optionNameFor(arg),
    description: commandDescription(arg.description, arg.name),
    required: arg.required,
    ...(choices ? { choices } : arg.autocomplete ? { autocomplete: true } : {}),
    ...(arg.maxLength ? { max_length: Math.min(arg.maxLength, LIMITS.maxLength) } : {}),
  } as APIApplicationCommandBasicOption;
}

function shareOption(): APIApplicationCommandBasicOption {
  return { type: ApplicationCommandOptionType.Boolean, name: SHARE_OPTION, description: 'Post the answer to the whole channel instead of only to you', required: false };
}

/** Admin-only commands are hidden from members without Manage Server and unavailable in DMs. */
function permissionsFor(spec: CommandSpec): Partial<RESTPostAPIChatInputApplicationCommandsJSONBody> {
  return spec.adminOnly || spec.adminByDefault ? { default_member_permissions: PermissionFlagsBits.ManageGuild.toString(), dm_permission: false } : {};
}

/** The chat-input command for one spec. Discord wants required options first; parsing re-orders by spec. */
export function commandJson(spec: CommandSpec, prefix: string): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const args = spec.args.map(argOption);
  const ordered = [...args.filter((o) => o.required), ...args.filter((o) => !o.required)];
  return {
    type: ApplicationCommandType.ChatInput,
    name: platformCommandName(spec.name, prefix).slice(0, LIMITS.name),
    description: commandDescription(spec.description, spec.name),
    options: [...ordered, shareOption()],
    ...permissionsFor(spec),
  };
}

/** `/newsdesk command:<name> args:<text> share:<bool>` — works whatever the prefix. */
export function umbrellaCommandJson(specs: readonly CommandSpec[]): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const names = specs.map((s) => s.name);
  const commandOption: APIApplicationCommandBasicOption = {
    type: ApplicationCommandOptionType.String,
    name: UMBRELLA_COMMAND_OPTION,
    description: 'Which newsdesk command to run',
    required: true,
    ...(names.length <= LIMITS.choices ? { choices: names.map((n) => ({ name: choiceText(n), value: choiceText(n) })) } : { autocomplete: true }),
  } as APIApplicationCommandBasicOption;
  return {
    type: ApplicationCommandType.ChatInput,
    name: UMBRELLA_COMMAND,
    description: 'Run any newsdesk command, e.g. command:brief args:colombia',
    options: [
      commandOption,
      { type: ApplicationCommandOptionType.String, name: UMBRELLA_ARGS_OPTION, description: 'What to pass to the command (topic, name, sub-command…)', required: false, autocomplete: true, max_length: MAX_ARGS_LENGTH },
      shareOption(),
    ],
  };
}

/**
 * Every command to register: one per spec (with the configured prefix) plus
 * the `/newsdesk` umbrella. A spec whose platform name clashes with an
 * earlier one is skipped rather than sent as a duplicate Discord would reject.
 */
export function buildCommandManifest(specs: readonly CommandSpec[], prefix: string): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const out: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [];
  const seen = new Set<string>([UMBRELLA_COMMAND]);
  for (const spec of specs) {
    const json = commandJson(spec, prefix);
    if (seen.has(json.name)) continue;
    seen.add(json.name);
    out.push(json);
  }
  out.push(umbrellaCommandJson(specs));
  return out;
}
