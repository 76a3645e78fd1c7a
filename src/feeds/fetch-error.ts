import { NewsdeskError } from '../core/errors.js';

/** What went wrong with a fetch, for backoff decisions, `feeds list` and logs. */
export type FetchFailure =
  | 'refused'
  | 'bad_url'
  | 'timeout'
  | 'too_large'
  | 'http_status'
  | 'too_many_redirects'
  | 'redirect_loop'
  | 'network'
  | 'not_a_feed';

/** A failed fetch. `code` is always `ingest_failed`; `failure` says which way it failed. */
export class FetchError extends NewsdeskError {
  readonly failure: FetchFailure;
  /** HTTP status for `http_status`. */
  readonly status?: number;

  constructor(failure: FetchFailure, message: string, options?: { cause?: unknown; status?: number }) {
    super('ingest_failed', message, { cause: options?.cause });
    this.name = 'FetchError';
    this.failure = failure;
    this.status = options?.status;
  }
}

export function isFetchError(e: unknown): e is FetchError {
  return e instanceof FetchError;
}
