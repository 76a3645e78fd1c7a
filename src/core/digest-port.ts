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
  /** Process holding the claim (engines with expiring claims; null on SQLite, whose claims never expire). */
  claimedBy: string | null;
  /** When an unfinished claim lapses and another process may take the slot over; null = never. */
  claimExpiresAt: string | null;
}

/** How a claimed run ended. */
export interface RunResult {
  status: Exclude<RunStatus, 'claimed'>;
  articleIds?: string[];
  storyCount?: number;
  coveredUntil?: string | null;
  detail?: string | null;
  attempts?: number;
}

/**
 * The record of every digest run, and the exactly-once guard. A slot
 * (address, slot key) is claimed before anything is posted; a second claim
 * of the same slot fails, from this process or another. Engines whose
 * claims expire (PostgreSQL) let another process take over a slot whose
 * claimer stopped renewing it; a live claim is never taken.
 */
export interface DigestLedger {
  /** Claim a slot; the run id, or null when someone holds (or finished) it. */
  claim(address: string, slot: string, reason: RunReason, now: Date): Promise<number | null>;
  /** Extend a claim while its run is in progress; false when the claim was lost (taken over or finished). */
  renew(id: number, now: Date): Promise<boolean>;
  /** Record how a claimed run ended (ends the claim). */
  finish(id: number, result: RunResult, now: Date): Promise<void>;
  /** Record a slot deliberately not run (missed outside the grace window); false if the slot exists already. */
  recordSkipped(address: string, slot: string, detail: string, now: Date): Promise<boolean>;
  get(address: string, slot: string): Promise<DigestRun | undefined>;
  /** Most recent runs of a channel, newest first. */
  recent(address: string, limit?: number): Promise<DigestRun[]>;
  last(address: string): Promise<DigestRun | undefined>;
  /** Every article already sent to the channel: digests never repeat a story. */
  sentArticleIds(address: string): Promise<Set<string>>;
  /** Up to when the channel's articles have been covered (by a posted or quietly empty digest). */
  coveredUntil(address: string): Promise<Date | null>;
  /** How many runs in a row, newest first, ended in failure. */
  consecutiveFailures(address: string): Promise<number>;
}

/** What one run did. */
export interface RunOutcome {
  status: 'sent' | 'empty' | 'failed' | 'duplicate' | 'inactive';
  storyCount: number;
  detail?: string;
  /** For a duplicate: when the other process's unfinished claim lapses and the slot may be taken over. */
  retryAt?: Date;
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
  preview(address: string): Promise<Reply>;
  /** Build and post a digest now (recorded like any run). */
  runNow(address: string): Promise<RunOutcome>;
  status(address: string): Promise<DigestStatus>;
  /** Upcoming slots for a schedule in a zone (for confirmations and `schedule show`). */
  nextRuns(settings: Pick<ChannelSettings, 'schedule' | 'timezone'>, count: number): Date[];
  isRunning(): boolean;
}
