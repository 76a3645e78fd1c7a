import type { Reply } from '../core/reply.js';
import type { ChannelSettings } from '../settings/channel-settings.js';
import type { RunOutcome } from './digest-runner.js';
import type { DigestRun } from './run-ledger.js';

/** What `status` shows about a channel's digests. */
export interface DigestStatus {
  nextRun: Date | null;
  /** True when a job is planned in this process right now. */
  scheduled: boolean;
  schedulerRunning: boolean;
  lastRun: DigestRun | null;
  recent: DigestRun[];
}

/** What admin commands may ask of the digest scheduler (an optional CoreServices member). */
export interface DigestControl {
  /** The next digest for a channel, rendered privately, without posting or recording. */
  preview(address: string): Reply;
  /** Build and post a digest now (recorded like any run). */
  runNow(address: string): Promise<RunOutcome>;
  status(address: string): DigestStatus;
  /** Upcoming slots for a schedule in a zone (for confirmations and `schedule show`). */
  nextRuns(settings: Pick<ChannelSettings, 'schedule' | 'timezone'>, count: number): Date[];
  isRunning(): boolean;
}
