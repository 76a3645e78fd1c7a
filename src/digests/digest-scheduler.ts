import cron, { type ScheduledTask } from 'node-cron';
import type { PlatformAdapter } from '../core/adapter.js';
import type { Reply } from '../core/reply.js';
import type { ChannelSettings } from '../settings/channel-settings.js';
import type { DigestControl, DigestStatus } from './digest-control.js';
import { DigestRunner, type DigestRunnerDeps, type RunOutcome } from './digest-runner.js';
import { channelScheduleProblem, isSchedulePause, SCHEDULE_PAUSE_PREFIX } from '../settings/schedule-check.js';
import { cronOf, isSchedulable, latestSlot, slotKey, upcomingSlots } from './schedule-math.js';
import { cronLogger, planBasis } from './scheduler-support.js';

export interface DigestSchedulerOptions extends Omit<DigestRunnerDeps, 'adapters'> {
  /** Missed slots up to this many minutes old are posted late on start; older ones are skipped. */
  graceMinutes: number;
  /**
   * Re-read every channel this often and re-plan those changed elsewhere
   * (another process sharing the database); off when absent. Changes made
   * through this process's store are re-planned at once either way.
   */
  resyncMs?: number | null;
}

const MINUTE = 60_000;

/**
 * One node-cron v4 job per scheduled channel (with the channel's time zone
 * and `noOverlap`), rebuilt whenever that channel's settings change. On
 * start it first catches up: the latest missed slot inside the grace window
 * is posted late, anything older is recorded as skipped — never a flood.
 *
 * node-cron reads the system clock (`Date`) to time jobs; the injected
 * clock is used for everything recorded. In production both are the system
 * clock; tests drive both with vitest fake timers.
 */
export class DigestScheduler implements DigestControl {
  readonly runner: DigestRunner;
  private adapters: readonly PlatformAdapter[] = [];
  private readonly tasks = new Map<string, ScheduledTask>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Per channel, the tail of its queued re-plans: one channel's plans never interleave. */
  private readonly replans = new Map<string, Promise<void>>();
  /** Re-tries of slots another process held, waiting for that claim to lapse. */
  private readonly retries = new Set<NodeJS.Timeout>();
  private unsubscribe: (() => void) | null = null;
  private started = false;
  /** What each channel's current plan was made from, to notice changes made by other processes. */
  private readonly plannedFrom = new Map<string, string>();
  private resyncTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: DigestSchedulerOptions) {
    this.runner = new DigestRunner({ ...opts, adapters: () => this.adapters });
  }

  /**
   * Attach the started adapters, catch up on missed slots, then plan every
   * channel's job. Never throws for one channel's settings: a schedule or
   * zone that cannot run pauses that channel with the reason (see `status`).
   */
  async start(adapters: readonly PlatformAdapter[]): Promise<void> {
    if (this.started) return;
    this.adapters = [...adapters];
    this.started = true;
    this.unsubscribe = this.opts.settings.subscribe((address) => void this.replan(address));
    // Snapshot first: catch-up needs each channel's slot as planned before the downtime.
    // Every stored channel is planned, so a bad stored value is found (and paused) now, not at its first slot.
    const channels = await this.opts.settings.list();
    // Jobs first, so a slot falling due during a slow catch-up still fires (the ledger dedupes).
    for (const s of channels) await this.replan(s.address);
    await this.idle();
    for (const s of channels) {
      if (!this.tasks.has(s.address)) continue;
      try {
        await this.track(this.catchUp(s));
      } catch (e) {
        this.opts.logger.error('digest catch-up failed', { address: s.address, error: (e as Error).message });
      }
    }
    if (this.opts.resyncMs) {
      this.resyncTimer = setInterval(() => {
        this.resync().catch((e: unknown) => this.opts.logger.warn('digest settings re-sync failed', { error: (e as Error).message }));
      }, this.opts.resyncMs);
      this.resyncTimer.unref();
    }
    this.opts.logger.info('digest scheduler started', { channels: this.tasks.size });
  }

  /** Stop every job and wait for runs in progress to finish recording. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    this.resyncTimer = null;
    for (const t of this.retries) clearTimeout(t);
    this.retries.clear();
    await this.idle();
    for (const t of this.tasks.values()) await t.destroy();
    this.tasks.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Re-plan every channel whose settings changed since its plan was made (or that is new). */
  async resync(): Promise<void> {
    if (!this.started) return;
    for (const s of await this.opts.settings.list()) {
      if (this.plannedFrom.get(s.address) !== planBasis(s)) await this.replan(s.address);
    }
  }

  /** Resolves once every queued re-plan (from settings changes) has been applied. */
  async idle(): Promise<void> {
    while (this.replans.size) await Promise.allSettled([...this.replans.values()]);
  }

  isRunning(): boolean {
    return this.started;
  }

  /** Addresses that currently have a job. */
  planned(): string[] {
    return [...this.tasks.keys()].sort();
  }

  /**
   * Drop and, if the channel is still scheduled, recreate its job. A
   * schedule that cannot run pauses the channel with the reason instead of
   * throwing (node-cron's `start()` throws for expressions that never match);
   * once the schedule works again, such a pause is lifted here.
   */
  replan(address: string): Promise<void> {
    const queued = (this.replans.get(address) ?? Promise.resolve()).then(() => this.replanNow(address));
    this.replans.set(address, queued);
    void queued.finally(() => {
      if (this.replans.get(address) === queued) this.replans.delete(address);
    });
    return queued;
  }

  private async replanNow(address: string): Promise<void> {
    const old = this.tasks.get(address);
    if (old) {
      void old.destroy();
      this.tasks.delete(address);
    }
    if (!this.started) return;
    try {
      await this.plan(address);
    } catch (e) {
      await this.pauseForSchedule(address, (e as Error).message);
    }
  }

  private async plan(address: string): Promise<void> {
    const s = await this.opts.settings.get(address);
    this.plannedFrom.set(address, planBasis(s));
    const problem = s.enabled ? channelScheduleProblem(s) : null;
    if (problem) {
      if (!s.paused) await this.pauseForSchedule(address, problem);
      await this.opts.settings.setNextSlot(address, null);
      return;
    }
    if (s.paused && isSchedulePause(s.paused.reason) && s.enabled) {
      // Fixed since: lift the pause; the store's event queues another re-plan, which plans the job.
      await this.opts.settings.setPaused(address, null, this.opts.clock.now());
      return;
    }
    const expr = cronOf(s);
    if (!expr || !isSchedulable(s)) {
      await this.opts.settings.setNextSlot(address, null);
      return;
    }
    const task = cron.createTask(expr, (ctx) => this.track(this.fire(address, ctx.date, 'scheduled')), {
      timezone: s.timezone,
      noOverlap: true,
      name: `digest ${address}`,
      // A busy event loop can delay the tick; the ledger makes a late run safe, so be tolerant.
      missedExecutionTolerance: MINUTE,
      logger: cronLogger(this.opts.logger),
    });
    try {
      task.on('execution:missed', (ctx) => void this.track(this.fire(address, ctx.date, 'late')));
      void task.start();
    } catch (e) {
      void task.destroy();
      throw e;
    }
    this.tasks.set(address, task);
    await this.opts.settings.setNextSlot(address, task.getNextRun()?.toISOString() ?? null);
  }

  /** Pause a channel whose schedule cannot run; the store's event queues a re-plan, which then plans nothing. */
  private async pauseForSchedule(address: string, problem: string): Promise<void> {
    this.opts.logger.warn('digest paused: schedule cannot run', { address, problem });
    try {
      await this.opts.settings.setNextSlot(address, null);
      await this.opts.settings.setPaused(address, `${SCHEDULE_PAUSE_PREFIX}${problem}`, this.opts.clock.now());
    } catch (e) {
      this.opts.logger.error('could not record a digest pause', { address, error: (e as Error).message });
    }
  }

  async preview(address: string): Promise<Reply> {
    return { ...(await this.runner.preview(address)).reply, visibility: 'private' };
  }

  runNow(address: string): Promise<RunOutcome> {
    return this.track(this.runner.run(address, this.opts.clock.now(), 'manual'));
  }

  async status(address: string): Promise<DigestStatus> {
    const [s, recent] = await Promise.all([this.opts.settings.get(address), this.opts.ledger.recent(address, 5)]);
    const task = this.tasks.get(address);
    const next = task ? task.getNextRun() : isSchedulable(s) ? (this.nextRuns(s, 1)[0] ?? null) : null;
    return { nextRun: next, scheduled: !!task, schedulerRunning: this.started, lastRun: recent[0] ?? null, recent };
  }

  nextRuns(settings: Pick<ChannelSettings, 'schedule' | 'timezone'>, count: number): Date[] {
    const expr = cronOf(settings);
    if (!expr) return [];
    try {
      return upcomingSlots(expr, settings.timezone, count);
    } catch {
      // A schedule that never fires (or a zone the runtime refuses) has no upcoming runs.
      return [];
    }
  }

  /** Run a slot that fired, then remember the channel's next slot (for downtime detection). */
  private async fire(address: string, slot: Date, reason: 'scheduled' | 'late'): Promise<RunOutcome> {
    try {
      if (reason === 'late' && this.opts.clock.now().getTime() - slot.getTime() > this.opts.graceMinutes * MINUTE) {
        await this.opts.ledger.recordSkipped(address, slotKey(slot), 'missed: the process was too busy to run it within the grace window', this.opts.clock.now());
        return { status: 'inactive', storyCount: 0, detail: 'missed outside grace window' };
      }
      const outcome = await this.runner.run(address, slot, reason);
      if (outcome.status === 'duplicate' && outcome.retryAt) this.retryAfterLapse(address, slot, outcome.retryAt);
      return outcome;
    } catch (e) {
      this.opts.logger.error('digest run failed', { address, slot: slot.toISOString(), error: (e as Error).message });
      return { status: 'failed', storyCount: 0, detail: `internal: ${(e as Error).message}` };
    } finally {
      const task = this.tasks.get(address);
      if (task) await this.opts.settings.setNextSlot(address, task.getNextRun()?.toISOString() ?? null).catch(() => undefined);
    }
  }

  /**
   * Another process holds this slot unfinished. If its claim lapses inside
   * the grace window (that process died mid-run), try the slot again then:
   * the ledger hands it over only if the claim really lapsed.
   */
  private retryAfterLapse(address: string, slot: Date, retryAt: Date): void {
    const deadline = slot.getTime() + this.opts.graceMinutes * MINUTE;
    if (!this.started || retryAt.getTime() > deadline) return;
    // A second past the expiry, so the claimer's own clock has surely passed it too.
    const wait = Math.max(0, retryAt.getTime() - this.opts.clock.now().getTime()) + 1_000;
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      if (this.started) void this.track(this.fire(address, slot, 'late'));
    }, wait);
    timer.unref();
    this.retries.add(timer);
  }

  /**
   * After downtime: post the latest slot inside the grace window once (if
   * nobody did), and record the slot planned before the downtime as skipped
   * when it is older than that.
   */
  private async catchUp(s: ChannelSettings): Promise<void> {
    const { ledger, clock, logger, graceMinutes } = this.opts;
    const expr = cronOf(s)!;
    const now = clock.now();
    const latest = latestSlot(expr, s.timezone, now, graceMinutes * MINUTE);
    const latestIso = latest ? slotKey(latest) : null;
    const planned = s.nextSlot;
    if (planned && new Date(planned) <= now && (!latestIso || planned < latestIso) && !(await ledger.get(s.address, planned))) {
      await ledger.recordSkipped(s.address, planned, `missed while newsdesk was not running; older than the ${graceMinutes}-minute grace window`, now);
      logger.warn('digest slot skipped after downtime', { address: s.address, slot: planned, graceMinutes });
    }
    const existing = latest && latestIso ? await ledger.get(s.address, latestIso) : undefined;
    // An unfinished claim that can lapse (its process died mid-run) is worth trying: the ledger decides.
    const open = !existing || (existing.status === 'claimed' && existing.claimExpiresAt !== null);
    if (latest && latestIso && open) {
      const late = now.getTime() - latest.getTime() >= MINUTE;
      // Only slots a scheduler had planned count: a schedule set (or seeded) just now must not fire for a slot before it existed.
      if (planned !== null && planned <= latestIso) {
        logger.info('catching up on a digest slot', { address: s.address, slot: latestIso, late });
        await this.fire(s.address, latest, late ? 'late' : 'scheduled');
      }
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }
}
