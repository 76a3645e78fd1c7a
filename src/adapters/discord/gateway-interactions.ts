import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  GuildMember,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import type { CommandRouter } from '../../core/adapter.js';
import { errorReply } from '../../core/reply.js';
import { autocompleteChoices, type InteractionView, toInvocation } from './discord-commands.js';
import { type DiscordMessagePayload, renderEmbeds } from './render-embeds.js';
import { type InteractionResponder, respondInTime } from './respond-in-time.js';

/**
 * discord.js interaction objects → the adapter's pure rules. This file is the
 * only place that knows discord.js's interaction classes.
 */

/** Logger shape the Discord adapter uses. */
export interface DiscordAdapterLogger {
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}

/** What the interaction handler needs from the adapter. */
export interface InteractionDeps {
  router: CommandRouter;
  prefix: string;
  adminRoles: readonly string[];
  deferAfterMs: number;
  logger: DiscordAdapterLogger;
}

/** Reduce a discord.js command/autocomplete interaction to the transport-neutral view. */
export function viewOfInteraction(i: ChatInputCommandInteraction | AutocompleteInteraction): InteractionView {
  const member = i.member;
  // Role ids only: admin roles are matched by id, never by (renameable) name.
  let roleIds: string[] = [];
  if (member instanceof GuildMember) roleIds = [...member.roles.cache.keys()];
  else if (member && Array.isArray(member.roles)) roleIds = member.roles.filter((r): r is string => typeof r === 'string');
  return {
    commandName: i.commandName,
    options: i.options.data.map((o) => ({ name: o.name, value: o.value ?? '', focused: o.focused })),
    userId: i.user.id,
    userName: i.user.globalName ?? i.user.username,
    guildId: i.guildId,
    channelId: i.channelId,
    permissions: i.memberPermissions?.bitfield ?? null,
    roleIds,
  };
}

/** discord.js message options from a rendered payload (the mention guard travels with every message). */
function messageOptions(p: DiscordMessagePayload, ephemeral: boolean) {
  return {
    ...(p.content ? { content: p.content } : {}),
    embeds: p.embeds,
    allowedMentions: p.allowedMentions,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
}

/** The InteractionResponder over a discord.js ChatInputCommandInteraction. */
export function gatewayResponder(i: ChatInputCommandInteraction): InteractionResponder {
  return {
    reply: async (p, ephemeral) => void (await i.reply(messageOptions(p, ephemeral))),
    defer: async (ephemeral) => void (await i.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {})),
    edit: async (p) => void (await i.editReply({ ...(p.content ? { content: p.content } : {}), embeds: p.embeds, allowedMentions: p.allowedMentions })),
    deleteOriginal: async () => void (await i.deleteReply()),
    followUp: async (p, ephemeral) => void (await i.followUp(messageOptions(p, ephemeral))),
  };
}

/** Handle one interaction: slash commands run through the core, autocomplete asks `router.complete`. */
export async function handleInteraction(i: Interaction, deps: InteractionDeps): Promise<void> {
  if (i.isAutocomplete()) {
    await i.respond(autocompleteChoices(viewOfInteraction(i), deps.router, deps.prefix));
    return;
  }
  if (!i.isChatInputCommand()) return;
  const parsed = toInvocation(viewOfInteraction(i), deps.router.specs(), deps.prefix, deps.adminRoles);
  const render = (r: Parameters<typeof renderEmbeds>[0]) => renderEmbeds(r, deps.prefix);
  if (!parsed) {
    // A command registered by an older deploy that this version no longer has.
    const [first] = render(errorReply(`Unknown command /${i.commandName}`, 'This command is not available any more; an admin can run `npm run discord:deploy` to refresh the list.'));
    await i.reply(messageOptions(first, true));
    return;
  }
  const started = Date.now();
  const how = await respondInTime(deps.router.run(parsed.invocation), { share: parsed.share, deferAfterMs: deps.deferAfterMs, render, responder: gatewayResponder(i) });
  deps.logger.info('discord command answered', { command: parsed.invocation.name, how, ms: Date.now() - started });
}
