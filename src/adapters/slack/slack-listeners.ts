import type { App, BlockButtonAction, RespondFn, types } from '@slack/bolt';
import type { CommandRouter } from '../../core/adapter.js';
import type { Reply } from '../../core/reply.js';
import { errorReply } from '../../core/reply.js';
import { REPLY_ACTION_PREFIX, SHARE_ACTION_ID, type SlackMessage, renderBlocks } from './render-blocks.js';
import type { SlackAdapterLogger } from './slack-app.js';
import {
  type ParsedCommand,
  encodeSlackAddress,
  mentionCommandText,
  parseCommandLine,
  parseSlashCommand,
  shareValueOf,
  slashCommandNames,
} from './slack-commands.js';

/**
 * The bolt listeners: slash commands, the "Share to channel" button, reply
 * action buttons and @mentions. Each one acks first (Slack's 3-second
 * limit), then runs the core and answers. No business logic here.
 */

/** What the listeners need from the adapter. */
export interface ListenerDeps {
  router: CommandRouter;
  prefix: string;
  isAdmin(userId: string, teamId: string | undefined): Promise<boolean>;
  logger: SlackAdapterLogger;
  /** Register background work so stop() can wait for it. */
  track<T>(work: Promise<T>): Promise<T>;
}

/** Who asked, where: the Slack ids a command arrives with. */
interface Origin {
  userId: string;
  userName?: string;
  teamId?: string;
  channelId?: string;
}

/** Run a parsed command through the core as the given Slack user. */
async function runCommand(deps: ListenerDeps, parsed: ParsedCommand, origin: Origin): Promise<Reply> {
  // Always decided, not only for adminOnly specs: handlers check sub-commands
  // (e.g. "topics add") themselves. The check is cached, so this is cheap.
  const isAdmin = await deps.isAdmin(origin.userId, origin.teamId);
  return deps.router.run({
    name: parsed.name,
    args: parsed.args,
    actor: { id: origin.userId, name: origin.userName, isAdmin },
    channel: encodeSlackAddress(origin.teamId ?? '', origin.channelId ?? ''),
    platform: 'slack',
  });
}

/** Public answers: asked for with `share` or marked by the core; errors always stay private. */
export function isPublic(reply: Reply, share: boolean): boolean {
  return reply.kind !== 'error' && (share || reply.visibility === 'channel');
}

/** Bolt's block types are wider than ours; our SlackBlock is a structural subset of KnownBlock. */
function asKnownBlocks(m: SlackMessage): types.KnownBlock[] {
  return m.blocks as unknown as types.KnownBlock[];
}

/** Send every rendered message through response_url. */
async function respondAll(respond: RespondFn, messages: SlackMessage[], inChannel: boolean, replaceFirst = false): Promise<void> {
  for (const [i, m] of messages.entries()) {
    await respond({
      response_type: inChannel ? 'in_channel' : 'ephemeral',
      replace_original: replaceFirst && i === 0,
      text: m.text,
      blocks: asKnownBlocks(m),
    });
  }
}

/** Render a reply to a person: private answers get a "Share to channel" button. */
function renderForPerson(reply: Reply, parsed: ParsedCommand, inChannel: boolean): SlackMessage[] {
  const shareValue = !inChannel && reply.kind === 'answer' ? shareValueOf(parsed.name, parsed.args) : undefined;
  return renderBlocks(reply, { shareValue });
}

/** Log and tell the person, rather than leaving them with a silent failure. */
async function failSoftly(deps: ListenerDeps, respond: RespondFn | undefined, what: string, err: unknown): Promise<void> {
  deps.logger.error(`slack ${what} failed`, { error: err instanceof Error ? err.message : String(err) });
  if (!respond) return;
  const messages = renderBlocks(errorReply('Something went wrong', 'newsdesk could not answer that just now. Please try again.'));
  await respondAll(respond, messages, false).catch(() => undefined);
}

/** Register all listeners on a bolt App. */
export function registerSlackListeners(app: App, deps: ListenerDeps): void {
  const known = () => deps.router.specs().map((s) => s.name);

  for (const name of slashCommandNames(deps.router.specs(), deps.prefix)) {
    app.command(name, async ({ command, ack, respond }) => {
      await deps.track(
        (async () => {
          await ack();
          const parsed = parseSlashCommand(command.command, command.text ?? '', deps.prefix, known());
          if (!parsed) return;
          const reply = await runCommand(deps, parsed, { userId: command.user_id, userName: command.user_name, teamId: command.team_id, channelId: command.channel_id });
          const inChannel = isPublic(reply, parsed.share);
          await respondAll(respond, renderForPerson(reply, parsed, inChannel), inChannel);
        })().catch((err) => failSoftly(deps, respond, `command ${command.command}`, err)),
      );
    });
  }

  // "Share to channel": run the same command again as the clicker and post it publicly.
  app.action<BlockButtonAction>({ action_id: SHARE_ACTION_ID }, async ({ ack, body, action, respond }) => {
    await deps.track(
      (async () => {
        await ack();
        const parsed = parseCommandLine(action.value ?? '', '', known());
        const reply = await runCommand(deps, parsed, { userId: body.user.id, userName: body.user.name, teamId: body.team?.id ?? body.user.team_id, channelId: body.channel?.id });
        const inChannel = reply.kind !== 'error';
        await respondAll(respond, renderBlocks(reply), inChannel);
        // The private copy has served its purpose once the public one is posted.
        if (inChannel) await respond({ delete_original: true }).catch(() => undefined);
      })().catch((err) => failSoftly(deps, respond, 'share', err)),
    );
  });

  // Buttons the core asked for (e.g. "Confirm"): run their command line, replacing the private message.
  app.action<BlockButtonAction>({ action_id: new RegExp(`^${REPLY_ACTION_PREFIX}\\d+$`) }, async ({ ack, body, action, respond }) => {
    await deps.track(
      (async () => {
        await ack();
        const parsed = parseCommandLine(action.value ?? '', deps.prefix, known());
        const reply = await runCommand(deps, parsed, { userId: body.user.id, userName: body.user.name, teamId: body.team?.id ?? body.user.team_id, channelId: body.channel?.id });
        const inChannel = isPublic(reply, parsed.share);
        await respondAll(respond, renderForPerson(reply, parsed, inChannel), inChannel, !inChannel);
      })().catch((err) => failSoftly(deps, respond, 'button', err)),
    );
  });

  // "@newsdesk brief colombia": answered in a thread under the mention, visible to the channel
  // because the question itself was public.
  app.event('app_mention', async ({ event, client, context }) => {
    await deps.track(
      (async () => {
        const parsed = parseCommandLine(mentionCommandText(event.text ?? '', context.botUserId), deps.prefix, known());
        const userId = event.user ?? 'unknown';
        const reply = await runCommand(deps, parsed, { userId, teamId: event.team ?? context.teamId, channelId: event.channel });
        for (const m of renderBlocks(reply)) {
          await client.chat.postMessage({
            channel: event.channel,
            thread_ts: event.thread_ts ?? event.ts,
            text: m.text,
            blocks: asKnownBlocks(m),
            unfurl_links: false,
            unfurl_media: false,
          });
        }
      })().catch((err) => failSoftly(deps, undefined, 'app_mention', err)),
    );
  });
}
