import type { Clock } from './clock.js';
import type { CommandSpec } from './command-spec.js';
import type { CorpusView } from '../corpus/corpus-view.js';
import type { DigestControl } from '../digests/digest-control.js';
import type { SettingsStore } from '../settings/settings-store.js';

/**
 * Everything a command handler may use. Handlers get it as an argument (no
 * globals), so tests build exactly the services they need. Later features
 * (channel settings, digests, feeds) add optional members here.
 */
export interface CoreServices {
  corpus: CorpusView;
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
