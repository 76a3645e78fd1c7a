import { NewsdeskError } from '../../core/errors.js';

/**
 * Translate a failure from Slack's Web API client into a NewsdeskError
 * whose code tells the scheduler what to do: wait (`rate_limited`), stop
 * posting to that channel (`channel_gone`, `not_in_channel`), retry later
 * (`platform_unavailable`) or alert the operator (`auth_failed`).
 *
 * Matching is on the web-api error's `code` string and fields rather than
 * its classes, because @slack/web-api is only a transitive dependency.
 */

/** Slack `error` strings meaning the channel no longer exists for us. */
const CHANNEL_GONE = new Set(['channel_not_found', 'is_archived', 'channel_is_archived', 'team_not_found', 'team_access_not_granted']);
/** The channel exists but the bot may not post there. */
const NOT_IN_CHANNEL = new Set(['not_in_channel', 'restricted_action', 'restricted_action_read_only_channel', 'ekm_access_denied', 'cannot_reply_to_message']);
/** The token is wrong, revoked or the app was uninstalled. */
const AUTH = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission', 'missing_scope', 'not_allowed_token_type', 'app_uninstalled']);
/** Slack-side trouble worth retrying. */
const UNAVAILABLE = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

interface SlackLikeError {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
  message?: unknown;
}

/** Map any error thrown by a Web API call; `what` names the operation for the message. */
export function mapSlackError(err: unknown, what = 'Slack request'): NewsdeskError {
  if (err instanceof NewsdeskError) return err;
  const e = (err ?? {}) as SlackLikeError;
  const code = typeof e.code === 'string' ? e.code : '';
  if (code === 'slack_webapi_rate_limited_error') {
    const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter : 30;
    return new NewsdeskError('rate_limited', `${what}: Slack asked us to slow down (retry in ${seconds}s).`, { cause: err, retryAfterMs: Math.max(0, seconds) * 1000 });
  }
  if (code === 'slack_webapi_platform_error') {
    const slackError = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
    return fromSlackErrorString(slackError, what, err);
  }
  if (code === 'slack_webapi_http_error') {
    const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
    if (status === 401 || status === 403) return new NewsdeskError('auth_failed', `${what}: Slack rejected the bot token (HTTP ${status}).`, { cause: err });
    if (status === 404) return new NewsdeskError('platform_unavailable', `${what}: Slack API endpoint not found (HTTP 404) — check SLACK_API_URL.`, { cause: err });
    return new NewsdeskError('platform_unavailable', `${what}: Slack answered HTTP ${status || 'error'}; try again later.`, { cause: err });
  }
  const message = typeof e.message === 'string' ? e.message : String(err);
  return new NewsdeskError('platform_unavailable', `${what}: could not reach Slack (${message}).`, { cause: err });
}

/** Map Slack's `error` string from an `ok:false` answer. */
export function fromSlackErrorString(slackError: string, what: string, cause?: unknown): NewsdeskError {
  if (CHANNEL_GONE.has(slackError)) return new NewsdeskError('channel_gone', `${what}: the Slack channel is gone or archived (${slackError}).`, { cause });
  if (NOT_IN_CHANNEL.has(slackError)) return new NewsdeskError('not_in_channel', `${what}: newsdesk is not a member of that Slack channel — invite it with /invite @newsdesk (${slackError}).`, { cause });
  if (AUTH.has(slackError)) return new NewsdeskError('auth_failed', `${what}: the Slack token is not valid or lacks a permission (${slackError}).`, { cause });
  if (UNAVAILABLE.has(slackError)) return new NewsdeskError('platform_unavailable', `${what}: Slack is having trouble (${slackError}); try again later.`, { cause });
  return new NewsdeskError('internal', `${what}: Slack refused the request (${slackError}).`, { cause });
}
