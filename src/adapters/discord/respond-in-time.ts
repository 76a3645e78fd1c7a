import { errorReply, type Reply } from '../../core/reply.js';
import type { DiscordMessagePayload } from './render-embeds.js';

/**
 * Answering an interaction within Discord's 3-second deadline. Fast answers
 * are sent as the initial response (one round trip, no "thinking…" flash);
 * slow ones are deferred shortly before the deadline and the deferred
 * message is edited when the answer is ready. Transport-neutral: the gateway
 * (discord.js) and the HTTP endpoint each supply a Responder.
 */

/** Discord's hard limit for the initial interaction response. */
export const DISCORD_INTERACTION_DEADLINE_MS = 3000;
/** Default time we wait for the core before deferring: leaves a second for the defer round trip. */
export const DEFAULT_DEFER_AFTER_MS = 2000;

/** The interaction operations the flow needs, whatever the transport. */
export interface InteractionResponder {
  /** Initial response with a message (callback type 4). */
  reply(payload: DiscordMessagePayload, ephemeral: boolean): Promise<void>;
  /** Initial response "thinking…" (callback type 5). */
  defer(ephemeral: boolean): Promise<void>;
  /** Replace the deferred response (PATCH …/messages/@original). */
  edit(payload: DiscordMessagePayload): Promise<void>;
  /** Remove the deferred response (used when its visibility turns out wrong). */
  deleteOriginal(): Promise<void>;
  /** Further messages (POST /webhooks/{app}/{token}). */
  followUp(payload: DiscordMessagePayload, ephemeral: boolean): Promise<void>;
}

export interface RespondOptions {
  /** The person asked to share the answer with the channel. */
  share: boolean;
  deferAfterMs: number;
  render: (reply: Reply) => DiscordMessagePayload[];
  responder: InteractionResponder;
}

/**
 * Whether an answer goes to the channel: when the person asked to share it,
 * or the core marked it for the channel; errors always stay private.
 */
export function isPublic(reply: Reply, share: boolean): boolean {
  return reply.kind !== 'error' && (share || reply.visibility === 'channel');
}

/** Run the flow; resolves with how the answer was delivered. Responder failures propagate. */
export async function respondInTime(work: Promise<Reply>, opts: RespondOptions): Promise<'direct' | 'deferred'> {
  const safeWork = work.catch(() => errorReply('Something went wrong', 'newsdesk hit an unexpected problem answering that. Please try again.'));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), Math.max(0, opts.deferAfterMs));
  });
  const early = await Promise.race([safeWork, late]);
  clearTimeout(timer);
  const { responder } = opts;

  if (early) {
    const ephemeral = !isPublic(early, opts.share);
    const [first, ...rest] = opts.render(early);
    await responder.reply(first, ephemeral);
    for (const p of rest) await responder.followUp(p, ephemeral);
    return 'direct';
  }

  // We must commit to a visibility before the answer exists: the person's request decides.
  const deferredEphemeral = !opts.share;
  await responder.defer(deferredEphemeral);
  const reply = await safeWork;
  const ephemeral = !isPublic(reply, opts.share);
  const [first, ...rest] = opts.render(reply);
  if (ephemeral && !deferredEphemeral) {
    // A shared request that failed: errors stay private, so swap the public placeholder for a private message.
    await responder.deleteOriginal();
    await responder.followUp(first, true);
  } else {
    await responder.edit(first);
  }
  for (const p of rest) await responder.followUp(p, deferredEphemeral || ephemeral);
  return 'deferred';
}
