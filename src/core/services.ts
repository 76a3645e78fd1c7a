import type { Clock } from './clock.js';
import type { CommandSpec } from './command-spec.js';
import type { RegisteredCorpus } from './corpus-port.js';
import type { DigestControl } from './digest-port.js';
import type { SettingsStore } from './settings-port.js';

/**
 * Everything a command handler may use. Handlers get it as an argument (no
 * globals), so tests build exactly the services they need. Every type here
 * is the core's own (ports); modules above implement them, and the core
 * imports nothing above itself.
 */
export interface CoreServices {
  /** The analysed corpus: the view registered by the application (see corpus-port.ts). */
  corpus: RegisteredCorpus;
  clock: Clock;
  /** All command specs, for help and suggestions. */
  specs(): readonly CommandSpec[];
  /** Platform command prefix, so help can show the names people actually type. */
  commandPrefix: string;
  /** Channel settings (topics, schedule, time zone…); absent in tools that have no store. */
  settings?: SettingsStore;
  /** Digest preview/run/status; absent when no scheduler was built. */
  digests?: DigestControl;
}
