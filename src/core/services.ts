import type { Clock } from './clock.js';
import type { CommandSpec } from './command-spec.js';
import type { CorpusView } from '../corpus/corpus-view.js';

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
}
