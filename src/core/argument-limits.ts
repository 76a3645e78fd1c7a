import type { CommandSpec } from './command-spec.js';

/** Longest argument text we accept; anything longer is a paste accident, not a query. */
export const MAX_ARGS_LENGTH = 500;

/** Command names are short words; anything longer is cut before it is compared or echoed. */
export const MAX_NAME_LENGTH = 40;

/** Raw text looked at before trimming: generous for padding, still bounded. */
const MAX_SCAN_LENGTH = 4 * MAX_ARGS_LENGTH;

/** The most argument text a command accepts: the global limit or its spec's tighter one. */
export function argLimitOf(spec: CommandSpec): number {
  return Math.min(MAX_ARGS_LENGTH, ...spec.args.map((a) => a.maxLength ?? MAX_ARGS_LENGTH));
}

/** Argument text cut to its limit, and why it was cut (null when it fits). */
export interface BoundedArgs {
  /** Trimmed and never longer than the command's limit. */
  args: string;
  /** A friendly problem when the input was longer than the limit; the command must not run then. */
  tooLong: string | null;
}

/**
 * Cut raw argument text to the command's limit before any regex or handler
 * sees it. Work is bounded by a constant whatever the input size; the
 * reported length is the input's real length (`length` costs nothing).
 */
export function boundArgs(spec: CommandSpec, raw: string): BoundedArgs {
  const limit = argLimitOf(spec);
  const scanned = raw.length > MAX_SCAN_LENGTH ? raw.slice(0, MAX_SCAN_LENGTH) : raw;
  const trimmed = scanned.trim();
  if (trimmed.length <= limit && scanned.length === raw.length) return { args: trimmed, tooLong: null };
  const args = trimmed.slice(0, limit);
  if (raw.length > MAX_ARGS_LENGTH) return { args, tooLong: `that is ${raw.length} characters; please keep it under ${MAX_ARGS_LENGTH}.` };
  const named = spec.args.find((a) => a.maxLength === limit);
  return { args, tooLong: named ? `the ${named.name} can be at most ${limit} characters.` : `please keep it under ${limit} characters.` };
}
