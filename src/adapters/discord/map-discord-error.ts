import type { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { NewsdeskError } from '../../core/errors.js';

/**
 * Discord failures → NewsdeskError codes the scheduler can act on
 * (retry later, pause the channel, alert the operator). JSON error codes:
 * https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
 */

/** Discord JSON error codes that mean "this channel is not there for us any more". */
const GONE_CODES = new Set([10003 /* Unknown Channel */, 10004 /* Unknown Guild */]);
/** Codes that mean "the bot is not allowed in / cannot see this channel". */
const NO_ACCESS_CODES = new Set([50001 /* Missing Access */, 50013 /* Missing Permissions */, 50007 /* Cannot send messages to this user */]);

/**
 * Errors are recognised by class name, not `instanceof`: discord.js loads the
 * CommonJS build of @discordjs/rest while our ESM imports get the ESM build,
 * so the same error class exists twice at run time.
 */
function isErrorClass<T>(err: unknown, name: string): err is T {
  return typeof err === 'object' && err !== null && (err as object).constructor?.name === name;
}

/** Map anything thrown by discord.js / @discordjs/rest while doing `what`. */
export function mapDiscordError(err: unknown, what: string): NewsdeskError {
  if (err instanceof NewsdeskError) return err;
  if (isErrorClass<RateLimitError>(err, 'RateLimitError')) {
    const wait = Math.max(err.retryAfter, err.timeToReset, 0);
    return new NewsdeskError('rate_limited', `${what}: Discord rate limit, retry in ${Math.ceil(wait / 1000)} s.`, { cause: err, retryAfterMs: wait });
  }
  if (isErrorClass<DiscordAPIError>(err, 'DiscordAPIError')) {
    const code = typeof err.code === 'number' ? err.code : Number(err.code);
    if (err.status === 429) return new NewsdeskError('rate_limited', `${what}: Discord rate limit.`, { cause: err, retryAfterMs: 1000 });
    if (GONE_CODES.has(code) || err.status === 404) return new NewsdeskError('channel_gone', `${what}: the Discord channel no longer exists or the bot was removed from the server.`, { cause: err });
    if (NO_ACCESS_CODES.has(code) || err.status === 403) return new NewsdeskError('not_in_channel', `${what}: the bot cannot post in that Discord channel (missing access or permissions).`, { cause: err });
    if (err.status === 401) return new NewsdeskError('auth_failed', `${what}: Discord rejected the bot token (DISCORD_TOKEN).`, { cause: err });
    if (err.status >= 500) return new NewsdeskError('platform_unavailable', `${what}: Discord answered ${err.status}.`, { cause: err });
    return new NewsdeskError('internal', `${what}: Discord refused the request (${err.status} ${err.message}).`, { cause: err });
  }
  if (isErrorClass<HTTPError>(err, 'HTTPError')) {
    return new NewsdeskError(err.status === 401 ? 'auth_failed' : 'platform_unavailable', `${what}: Discord answered HTTP ${err.status}.`, { cause: err });
  }
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null;
  if (e?.code === 'TokenInvalid' || e?.code === 'TokenMissing') {
    return new NewsdeskError('auth_failed', `${what}: Discord rejected the bot token; check DISCORD_TOKEN.`, { cause: err });
  }
  // Connection refused/reset, DNS failures and request timeouts (AbortError).
  return new NewsdeskError('platform_unavailable', `${what}: could not reach Discord (${String(e?.message ?? err)}).`, { cause: err });
}
