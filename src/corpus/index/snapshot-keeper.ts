import type { Clock } from '../../core/clock.js';
import type { ArticleRepository } from '../../store/article-repository.js';
import { CorpusIndex } from './corpus-index.js';
import { encodeIndexSnapshot } from './index-snapshot.js';
import { SnapshotReader } from './snapshot-reader.js';

/** When the corpus saves its index snapshot; every field has a default. */
export interface SnapshotPolicy {
  /**
   * Save after this many articles were indexed or removed since the last snapshot. Default: 5,000 or 5% of
   * the index, whichever is more — a save pauses answering for about a second per 100,000 articles, so a big
   * index saves less often (a start-up then indexes at most that many records on top of the snapshot).
   */
  every?: number;
  /** After a start-up that built the index from records, save this long after it is answerable (default 30 s). */
  afterBuildMs?: number;
}

export interface SnapshotKeeperDeps {
  repository: ArticleRepository;
  clock: Clock;
  version: number;
  policy: SnapshotPolicy;
  /** The index and the change cursor it reflects, or null while a refresh pass is changing it (try later). */
  current(): { index: CorpusIndex; cursor: string } | null;
  /** Keep the index as it is until `until` settles (a save reads it while writing); called right after `current`. */
  hold(until: Promise<unknown>): void;
  warn?(msg: string, meta?: Record<string, unknown>): void;
}

/** How long to wait before trying a save again while a refresh pass runs. */
const BUSY_RETRY_MS = 250;

/**
 * Loads the saved index at start-up and saves a new one now and then: after a start-up that had to build
 * the index from records (in the background, once the corpus answers), after every `every` articles
 * indexed or removed, and at close when anything changed. A snapshot that cannot be used (another format
 * or version, truncated, a chunk missing) is reported as a warning and the index is built from records.
 */
export class SnapshotKeeper {
  private changes = 0;
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly deps: SnapshotKeeperDeps) {}

  /** The saved index for this analysis version, or undefined (none, or unusable: warned). */
  async restore(): Promise<{ index: CorpusIndex; cursor: string } | undefined> {
    try {
      let reader: SnapshotReader | undefined;
      const saved = await this.deps.repository.readIndexSnapshot(this.deps.version, (head) => {
        const r = (reader = new SnapshotReader(this.deps.version, head.bytes));
        return (chunk) => r.push(chunk);
      });
      if (!saved || !reader) return undefined;
      const { meta, state } = (reader as SnapshotReader).finish();
      if (meta.cursor !== saved.cursor) throw new RangeError(`it says cursor ${meta.cursor}, stored as ${saved.cursor}`);
      return { index: new CorpusIndex(state), cursor: saved.cursor };
    } catch (e) {
      this.deps.warn?.('index snapshot not used; building the index from records', { error: (e as Error).message });
      return undefined;
    }
  }

  /** `n` articles were indexed or removed (the index holds `size` now): save once enough have. */
  noteChanges(n: number, size: number): void {
    this.changes += n;
    if (this.changes >= (this.deps.policy.every ?? Math.max(5_000, Math.round(size * 0.05)))) this.schedule(0);
  }

  /** The index was built from records: save it once the corpus has been answering for a while. */
  builtFromRecords(): void {
    this.changes = Math.max(this.changes, 1);
    this.schedule(this.deps.policy.afterBuildMs ?? 30_000);
  }

  /** Stop the timer; save when anything changed since the last snapshot (and no save is running). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.saving;
    if (this.changes > 0) await this.save();
  }

  private schedule(ms: number): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, ms);
    this.timer.unref?.();
  }

  /** Serialise the index as it is now and store it (one at a time; a refresh pass in progress is waited out). */
  save(): Promise<void> {
    this.saving ??= this.write().finally(() => {
      this.saving = null;
    });
    return this.saving;
  }

  private async write(): Promise<void> {
    const now = this.deps.current();
    if (!now) {
      if (!this.closed) setTimeout(() => this.schedule(0), BUSY_RETRY_MS).unref?.();
      return;
    }
    const changes = this.changes;
    this.changes = 0;
    try {
      // The state streams its big arrays from the live index as the store writes them (no copy of the index is
      // held), so the index is held unchanged until the write is done; commands still answer meanwhile.
      const state = now.index.toState();
      const pieces = encodeIndexSnapshot(state, { version: this.deps.version, cursor: now.cursor, articles: now.index.size });
      const written = this.deps.repository.saveIndexSnapshot(this.deps.version, now.cursor, pieces, this.deps.clock.now());
      this.deps.hold(written);
      await written;
    } catch (e) {
      this.changes += changes; // still to save
      this.deps.warn?.('index snapshot not saved', { error: (e as Error).message });
    }
  }
}
