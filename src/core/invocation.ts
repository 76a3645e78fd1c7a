/**
 * What adapters hand to the command core: a platform event translated into
 * plain data. Addresses are opaque strings with a platform prefix
 * (`slack:T…:C…`, `discord:<guild>:<channel>`, `console:local`); only the
 * adapter that minted an address decodes it.
 */

export type Platform = 'slack' | 'discord' | 'console' | 'cli';

/** Who asked. `isAdmin` is decided by the adapter from the platform's own rules. */
export interface Actor {
  id: string;
  name?: string;
  isAdmin: boolean;
}

export interface CommandInvocation {
  /** Command name as typed, lower-cased, without prefix or slash ("brief"). */
  name: string;
  /** Raw argument text after the command name, trimmed. */
  args: string;
  actor: Actor;
  /** Channel address the command was issued in. */
  channel: string;
  platform: Platform;
}
