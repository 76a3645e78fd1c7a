import type { AutocompleteSource, CommandSpec } from './command-spec.js';
import type { CommandInvocation, Platform } from './invocation.js';
import type { Reply } from './reply.js';

/**
 * What an adapter needs from the core: the command specs (to register
 * platform commands), a way to run a translated invocation, and autocomplete.
 * `run` never throws: every failure comes back as an error Reply.
 */
export interface CommandRouter {
  specs(): readonly CommandSpec[];
  run(inv: CommandInvocation): Promise<Reply>;
  complete(source: AutocompleteSource, prefix: string, limit: number): string[];
}

/**
 * A platform adapter: translates platform events into invocations and
 * Replies into native messages. Delivery failures are thrown as
 * NewsdeskError with codes `rate_limited`, `channel_gone`, `not_in_channel`,
 * `platform_unavailable` or `auth_failed` so the scheduler can decide to retry or pause.
 */
export interface PlatformAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True when this adapter minted `address` (e.g. starts with "slack:"). */
  owns(address: string): boolean;
  post(address: string, reply: Reply): Promise<void>;
}
