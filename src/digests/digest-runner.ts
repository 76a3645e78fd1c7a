import type { PlatformAdapter } from '../core/adapter.js';
import type { Clock } from '../core/clock.js';
import type { DigestLedger, RunOutcome, RunResult } from '../core/digest-port.js';
import type { CorpusView } from '../corpus/corpus-view.js';
import type { ChannelSettings, SettingsStore } from '../core/settings-port.js';
import { buildDigest, type Digest, type DigestWindow } from './build-digest.js';
import { DEFAULT_RETRY, deliverWithRetry, type RetryPolicy } from './deliver.js';
import type { RunReason } from '../core/digest-port.js';
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
  ledger: DigestLedger;
  corpus: CorpusView;
  clock: Clock;
  logger: DigestLogger;
  /** The started adapters; looked up at run time so adapters can be attached after construction. */
  adapters: () => readonly PlatformAdapter[];
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  /** Pause a channel after this many failed runs in a row (default 3). */
  pauseAfterFailures?: number;
  /**
   * Renew the slot's claim this often while a run is in progress (default
   * 20 s), so engines whose claims expire never see a live run's claim lapse.
   */
  claimRenewMs?: number;
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
  async window(address: string, now: Date = this.deps.clock.now()): Promise<DigestWindow> {
    const [covered, excludeArticleIds] = await Promise.all([this.deps.ledger.coveredUntil(address), this.deps.ledger.sentArticleIds(address)]);
    // A channel's first digest covers the day before it.
    const arrivedSince = covered ?? new Date(now.getTime() - DAY_MS);
    return { arrivedSince, excludeArticleIds, now };
  }

  /** The digest the channel would get now, without posting or recording anything. */
  async preview(address: string): Promise<Digest> {
    const [settings, window] = await Promise.all([this.deps.settings.get(address), this.window(address)]);
    return buildDigest(this.deps.corpus, settings, window);
  }

  /**
   * Run a slot. Scheduled and late runs only happen for enabled, unpaused
   * channels; manual runs (`digest now`) happen whenever an admin asks.
   * A slot another process holds comes back as `duplicate`, with `retryAt`
   * when that claim can lapse (its process may have died).
   */
  async run(address: string, slot: Date, reason: RunReason): Promise<RunOutcome> {
    const { settings, ledger, clock } = this.deps;
    const s = await settings.get(address);
    if (reason !== 'manual' && (!s.enabled || s.paused)) return { status: 'inactive', storyCount: 0, detail: s.paused ? `paused: ${s.paused.reason}` : 'digests are off' };
    const key = reason === 'manual' ? slot.toISOString() : slotKey(slot);
    const id = await ledger.claim(address, key, reason, clock.now());
    if (id === null) {
      const held = await ledger.get(address, key);
      const retryAt = held?.status === 'claimed' && held.claimExpiresAt ? new Date(held.claimExpiresAt) : undefined;
      return { status: 'duplicate', storyCount: 0, detail: `slot ${key} was already run`, retryAt };
    }
    const heartbeat = setInterval(() => {
      ledger.renew(id, clock.now()).catch((e: unknown) => this.deps.logger.warn('could not renew a digest claim', { address, slot: key, error: (e as Error).message }));
    }, this.deps.claimRenewMs ?? 20_000);
    heartbeat.unref();
    try {
      return await this.runClaimed(id, address, key, reason, s);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async runClaimed(id: number, address: string, key: string, reason: RunReason, s: ChannelSettings): Promise<RunOutcome> {
    const { settings, ledger, clock, logger } = this.deps;
    const finish = (result: RunResult) => ledger.finish(id, result, clock.now());
    try {
      const w = await this.window(address);
      const digest = await buildDigest(this.deps.corpus, s, w);
      const coveredUntil = w.now.toISOString();
      if (digest.storyCount === 0 && !s.postWhenEmpty && reason !== 'manual') {
        await finish({ status: 'empty', coveredUntil, detail: 'nothing new; channel is set to stay quiet' });
        logger.info('digest empty, not posted', { address, slot: key });
        return { status: 'empty', storyCount: 0 };
      }
      const adapter = this.deps.adapters().find((a) => a.owns(address));
      if (!adapter) {
        const detail = `no ${address.split(':')[0]} connection is running`;
        await finish({ status: 'failed', detail });
        logger.warn('digest not delivered', { address, slot: key, detail });
        return { status: 'failed', storyCount: 0, detail };
      }
      const result = await deliverWithRetry(adapter, address, digest.reply, this.deps.retry ?? DEFAULT_RETRY, this.deps.sleep);
      if (result.ok) {
        await finish({ status: 'sent', articleIds: digest.articleIds, storyCount: digest.storyCount, coveredUntil, attempts: result.attempts });
        if (s.paused) await settings.setPaused(address, null, clock.now());
        logger.info('digest posted', { address, slot: key, stories: digest.storyCount, attempts: result.attempts });
        return { status: 'sent', storyCount: digest.storyCount };
      }
      const detail = `${result.code}: ${result.message}`;
      await finish({ status: 'failed', detail, attempts: result.attempts });
      logger.warn('digest delivery failed', { address, slot: key, detail, attempts: result.attempts });
      await this.maybePause(address, result.permanent, detail);
      return { status: 'failed', storyCount: digest.storyCount, detail };
    } catch (e) {
      const detail = `internal: ${(e as Error).message}`;
      logger.error('digest run crashed', { address, slot: key, error: (e as Error).stack ?? String(e) });
      try {
        await finish({ status: 'failed', detail });
      } catch (again) {
        // The store itself is failing: the claim stays unfinished (and lapses where claims expire).
        logger.error('could not record a failed digest run', { address, slot: key, error: (again as Error).message });
      }
      return { status: 'failed', storyCount: 0, detail };
    }
  }

  private async maybePause(address: string, permanent: boolean, detail: string): Promise<void> {
    const limit = this.deps.pauseAfterFailures ?? 3;
    const streak = await this.deps.ledger.consecutiveFailures(address);
    if (!permanent && streak < limit) return;
    const reason = permanent ? `the platform refused the last digest (${detail})` : `${streak} digests in a row failed (last: ${detail})`;
    await this.deps.settings.setPaused(address, reason, this.deps.clock.now());
    this.deps.logger.warn('digests paused for channel', { address, reason });
  }
}
