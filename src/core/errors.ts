/**
 * Errors that carry a stable machine code and a message a person can read.
 * Adapters and the scheduler switch on `code`; users only ever see `message`.
 */
export type ErrorCode =
  | 'config_invalid'
  | 'bad_argument'
  | 'unknown_command'
  | 'not_admin'
  | 'not_found'
  | 'ingest_failed'
  | 'store_failed'
  | 'rate_limited'
  | 'channel_gone'
  | 'not_in_channel'
  | 'platform_unavailable'
  | 'auth_failed'
  | 'internal';

export class NewsdeskError extends Error {
  readonly code: ErrorCode;
  /** For `rate_limited`: how long the platform asked us to wait. */
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NewsdeskError';
    this.code = code;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

export function isNewsdeskError(e: unknown): e is NewsdeskError {
  return e instanceof NewsdeskError;
}
