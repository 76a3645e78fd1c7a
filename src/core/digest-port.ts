import type { Reply } from './reply.js';
import type { ChannelSettings } from './settings-port.js';

/**
 * The digest surface the core hands to command handlers; the digests module
 * implements it (scheduler, runner, ledger).
 */

/** Why a run happened. */
export type RunReason = 'scheduled' | 'late' | 'manual';

/**
 * A run's state. `claimed` means a process took the slot and has not finished
 * it (still posting, or it died mid-run: such a slot is never posted again).
 */
export type RunStatus = 'claimed' | 'sent' | 'empty' | 'failed' | 'skipped';

/** One recorded digest run. */
export interface DigestRun {
  id: number;
  address: string;
  /** ISO instant of the schedule slot (or of the request, for manual runs). */
  slot: string;
  reason: RunReason;
  status: RunStatus;
  articleIds: string[];
  storyCount: number;
  /** Articles that arrived up to this instant were considered; the next digest starts here. */
  coveredUntil: string | null;
  detail: string | null;
  attempts: number;
  claimedAt: string;
  finishedAt: string | null;
}

/** What one run did. */
export interface RunOutcome {
  status: 'sent' | 'empty' | 'failed' | 'duplicate' | 'inactive';
  storyCount: number;
  detail?: string;
}

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
