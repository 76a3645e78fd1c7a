import type { PlatformAdapter } from '../core/adapter.js';
import type { Clock } from '../core/clock.js';
import type { RunOutcome } from '../core/digest-port.js';
import type { CorpusView } from '../corpus/corpus-view.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { buildDigest, type Digest, type DigestWindow } from './build-digest.js';
import { DEFAULT_RETRY, deliverWithRetry, type RetryPolicy } from './deliver.js';
import type { RunLedger, RunReason } from './run-ledger.js';
import { slotKey } from './schedule-math.js';

/** Minimal logger the digest code needs (the app Logger fits). */
export interface DigestLogger {
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}

/** What happened when a slot was run (defined by the core's digest port). */
export type { RunOutcome } from '../core/digest-port.js';

export interface DigestRunnerDeps {
  settings: SettingsStore;
  ledger: RunLedger;
  corpus: CorpusView;
  clock: Clock;
  logger: DigestLogger;
  /** The started adapters; looked up at run time so adapters can be attached after construction. */
  adapters: () => readonly PlatformAdapter[];
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  /** Pause a channel after this many failed runs in a row (default 3). */
  pauseAfterFailures?: number;
}

const DAY_MS = 86_400_000;

/**
 * Runs one digest slot for one channel: claim the slot in the ledger (the
 * exactly-once guard), build the digest, deliver it with retries, record
 * the result, and pause a channel that cannot receive digests any more.
 */
export class DigestRunner {
  constructor(private readonly deps: DigestRunnerDeps) {}

  /** The coverage window of the channel's next digest. */
  window(address: string, now: Date = this.deps.clock.now()): DigestWindow {
    const covered = this.deps.ledger.coveredUntil(address);
    // A channel's first digest covers the day before it.
    const arrivedSince = covered ?? new Date(now.getTime() - DAY_MS);
    return { arrivedSince, excludeArticleIds: this.deps.ledger.sentArticleIds(address), now };
  }

  /** The digest the channel would get now, without posting or recording anything. */
  preview(address: string): Digest {
    return buildDigest(this.deps.corpus, this.deps.settings.get(address), this.window(address));
  }

  /**
   * Run a slot. Scheduled and late runs only happen for enabled, unpaused
   * channels; manual runs (`digest now`) happen whenever an admin asks.
   */
  async run(address: string, slot: Date, reason: RunReason): Promise<RunOutcome> {
    const { settings, ledger, clock, logger } = this.deps;
    const s = settings.get(address);
    if (reason !== 'manual' && (!s.enabled || s.paused)) return { status: 'inactive', storyCount: 0, detail: s.paused ? `paused: ${s.paused.reason}` : 'digests are off' };
    const key = reason === 'manual' ? slot.toISOString() : slotKey(slot);
    const id = ledger.claim(address, key, reason, clock.now());
    if (id === null) return { status: 'duplicate', storyCount: 0, detail: `slot ${key} was already run` };
    try {
      const w = this.window(address);
      const digest = buildDigest(this.deps.corpus, s, w);
      const coveredUntil = w.now.toISOString();
      if (digest.storyCount === 0 && !s.postWhenEmpty && reason !== 'manual') {
        ledger.finish(id, { status: 'empty', coveredUntil, detail: 'nothing new; channel is set to stay quiet' }, clock.now());
        logger.info('digest empty, not posted', { address, slot: key });
        return { status: 'empty', storyCount: 0 };
      }
      const adapter = this.deps.adapters().find((a) => a.owns(address));
      if (!adapter) {
        const detail = `no ${address.split(':')[0]} connection is running`;
        ledger.finish(id, { status: 'failed', detail }, clock.now());
        logger.warn('digest not delivered', { address, slot: key, detail });
        return { status: 'failed', storyCount: 0, detail };
      }
      const result = await deliverWithRetry(adapter, address, digest.reply, this.deps.retry ?? DEFAULT_RETRY, this.deps.sleep);
      if (result.ok) {
        ledger.finish(id, { status: 'sent', articleIds: digest.articleIds, storyCount: digest.storyCount, coveredUntil, attempts: result.attempts }, clock.now());
        if (s.paused) settings.setPaused(address, null, clock.now());
        logger.info('digest posted', { address, slot: key, stories: digest.storyCount, attempts: result.attempts });
        return { status: 'sent', storyCount: digest.storyCount };
      }
      const detail = `${result.code}: ${result.message}`;
      ledger.finish(id, { status: 'failed', detail, attempts: result.attempts }, clock.now());
      logger.warn('digest delivery failed', { address, slot: key, detail, attempts: result.attempts });
      this.maybePause(address, result.permanent, detail);
      return { status: 'failed', storyCount: digest.storyCount, detail };
    } catch (e) {
      const detail = `internal: ${(e as Error).message}`;
      ledger.finish(id, { status: 'failed', detail }, clock.now());
      logger.error('digest run crashed', { address, slot: key, error: (e as Error).stack ?? String(e) });
      return { status: 'failed', storyCount: 0, detail };
    }
  }

  private maybePause(address: string, permanent: boolean, detail: string): void {
    const limit = this.deps.pauseAfterFailures ?? 3;
    const streak = this.deps.ledger.consecutiveFailures(address);
    if (!permanent && streak < limit) return;
    const reason = permanent ? `the platform refused the last digest (${detail})` : `${streak} digests in a row failed (last: ${detail})`;
    this.deps.settings.setPaused(address, reason, this.deps.clock.now());
    this.deps.logger.warn('digests paused for channel', { address, reason });
  }
}
