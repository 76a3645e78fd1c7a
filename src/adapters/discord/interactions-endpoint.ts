import type { IncomingMessage, ServerResponse } from 'node:http';
import { REST } from '@discordjs/rest';
import { type APIInteraction, InteractionResponseType, MessageFlags, Routes } from 'discord-api-types/v10';
import type { CommandRouter } from '../../core/adapter.js';
import { type Clock, systemClock } from '../../core/clock.js';
import { errorReply } from '../../core/reply.js';
import { MAX_WEBHOOK_BODY_BYTES, isPlainObject, readLimitedBody, refuse } from '../http/read-body.js';
import { autocompleteChoices, toInvocation } from './discord-commands.js';
import type { DiscordAdapterLogger } from './gateway-interactions.js';
import { mapDiscordError } from './map-discord-error.js';
import { ed25519PublicKey, isFreshTimestamp, verifyDiscordSignature, viewOfRawInteraction } from './raw-interaction.js';
import { type DiscordMessagePayload, renderEmbeds, toRestBody } from './render-embeds.js';
import { DEFAULT_DEFER_AFTER_MS, type InteractionResponder, respondInTime } from './respond-in-time.js';

/**
 * Discord's HTTP interactions transport, for deployments without a
 * long-lived gateway connection: Discord POSTs each interaction, signed with
 * Ed25519, to a public URL (the composition root mounts this at
 * `/discord/interactions`). Fast answers go back in the HTTP response
 * (type 4); slow ones get type 5 and are completed later with
 * `PATCH /webhooks/{app}/{token}/messages/@original`.
 */

/** Options for createDiscordInteractionsHandler. */
export interface DiscordInteractionsOptions {
  /** Application public key, 64 hex characters (DISCORD_PUBLIC_KEY). */
  publicKey: string;
  router: CommandRouter;
  commandPrefix: string;
  applicationId: string;
  /** REST base (DISCORD_API_URL), used for edits and follow-ups. */
  apiUrl: string;
  clock?: Clock;
  adminRoles?: readonly string[];
  deferAfterMs?: number;
  /** Oldest accepted signature timestamp, in seconds (default 300). */
  maxSkewSeconds?: number;
  logger?: DiscordAdapterLogger;
  rest?: { retries?: number; timeout?: number };
}

/** The request handler, plus a way to wait for background edits (tests, graceful shutdown). */
export type DiscordInteractionsHandler = ((req: IncomingMessage, res: ServerResponse) => void) & { drain(): Promise<void> };

/** Build the node:http handler for POST /discord/interactions. */
export function createDiscordInteractionsHandler(opts: DiscordInteractionsOptions): DiscordInteractionsHandler {
  const key = ed25519PublicKey(opts.publicKey);
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? { info: () => undefined, warn: () => undefined, error: () => undefined };
  const rest = new REST({ api: opts.apiUrl.replace(/\/+$/, ''), ...opts.rest });
  const inflight = new Set<Promise<unknown>>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed' });
    const read = await readLimitedBody(req, MAX_WEBHOOK_BODY_BYTES);
    if (!read.ok) return refuse(res, read.status, read.status === 413 ? 'body_too_large' : 'bad_request');
    const raw = read.body;
    const sig = header(req, 'x-signature-ed25519');
    const ts = header(req, 'x-signature-timestamp');
    // Signature first, then freshness: both failures look the same from outside.
    if (!verifyDiscordSignature(key, sig, ts, raw) || !isFreshTimestamp(ts, clock.now(), opts.maxSkewSeconds ?? 300)) {
      return sendJson(res, 401, { error: 'invalid request signature' });
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'invalid json' });
    }
    // A signed `null` or array is still not an interaction; refuse before reading fields.
    if (!isPlainObject(json)) return sendJson(res, 400, { error: 'body is not an object' });
    const interaction = json as unknown as APIInteraction;
    if (interaction.type === 1) return sendJson(res, 200, { type: InteractionResponseType.Pong });
    const view = viewOfRawInteraction(interaction);
    if (!view) return sendJson(res, 400, { error: 'unsupported interaction type' });
    const specs = opts.router.specs();

    if (interaction.type === 4) {
      const choices = autocompleteChoices(view, opts.router, opts.commandPrefix);
      return sendJson(res, 200, { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
    }
    const render = (r: Parameters<typeof renderEmbeds>[0]) => renderEmbeds(r, opts.commandPrefix);
    const parsed = toInvocation(view, specs, opts.commandPrefix, opts.adminRoles ?? []);
    if (!parsed) {
      const [first] = render(errorReply(`Unknown command /${view.commandName}`, 'This command is not available any more; an admin can run `npm run discord:deploy`.'));
      return sendJson(res, 200, { type: InteractionResponseType.ChannelMessageWithSource, data: messageData(first, true) });
    }
    const responder = httpResponder(res, rest, opts.applicationId, interaction.token);
    await respondInTime(opts.router.run(parsed.invocation), { share: parsed.share, deferAfterMs: opts.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS, render, responder });
  };

  const handler = ((req: IncomingMessage, res: ServerResponse) => {
    const work = handle(req, res).catch((err: unknown) => {
      const mapped = mapDiscordError(err, 'Answering a Discord interaction (HTTP)');
      logger.error('discord interaction failed', { code: mapped.code, error: mapped.message });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
    });
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  }) as DiscordInteractionsHandler;
  handler.drain = async () => {
    await Promise.allSettled([...inflight]);
  };
  return handler;
}

/** Message data for an interaction response or webhook call, with the ephemeral flag when private. */
function messageData(p: DiscordMessagePayload, ephemeral: boolean): Record<string, unknown> {
  return { ...toRestBody(p), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

/** InteractionResponder over an HTTP response (initial answer) and the webhook REST routes (everything after). */
function httpResponder(res: ServerResponse, rest: REST, applicationId: string, token: string): InteractionResponder {
  const original = Routes.webhookMessage(applicationId, token, '@original');
  return {
    reply: async (p, ephemeral) => sendJson(res, 200, { type: InteractionResponseType.ChannelMessageWithSource, data: messageData(p, ephemeral) }),
    defer: async (ephemeral) => sendJson(res, 200, { type: InteractionResponseType.DeferredChannelMessageWithSource, data: ephemeral ? { flags: MessageFlags.Ephemeral } : {} }),
    edit: async (p) => void (await rest.patch(original, { body: toRestBody(p), auth: false })),
    deleteOriginal: async () => void (await rest.delete(original, { auth: false })),
    followUp: async (p, ephemeral) => void (await rest.post(Routes.webhook(applicationId, token), { body: messageData(p, ephemeral), auth: false })),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
