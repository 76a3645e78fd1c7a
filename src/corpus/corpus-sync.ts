import type { ArticleAnalysis } from '../analysis/types.js';
import type { ArticleHead, ArticleRepository, StoredArticle } from '../store/article-repository.js';
import type { AnalysisBacklog } from '../analysis-pool/analysis-backlog.js';
import type { FailedArticle } from './corpus-view.js';
import type { CorpusLoader } from './corpus-loader.js';
import { CorpusIndex } from './index/corpus-index.js';
import { decodeIndexData, indexDataOf } from './index/index-record.js';
import type { SnapshotKeeper } from './index/snapshot-keeper.js';

/** What CorpusSync works with; the Corpus owns all of them and builds them before it. */
export interface CorpusSyncDeps {
  repository: ArticleRepository;
  /** Analysis version of the records and failures read. */
  version: number;
  /** Where articles without a usable record go to be analysed, or are listed as failed. */
  backlog: Pick<AnalysisBacklog, 'enqueue' | 'markFailed' | 'drop' | 'nudge'>;
  /** The answer caches, cleared or told when articles change. */
  loader: Pick<CorpusLoader, 'clear' | 'forget'>;
  /** Saves and restores the index (undefined: snapshots off). */
  snapshots: SnapshotKeeper | undefined;
}

/**
 * Keeps the corpus's index in step with the store: refresh passes read what changed since the last one
 * (`changesSince`) and update the index in place; start-up restores a snapshot or builds from the saved
 * records; analyses that land are indexed (or queued while a snapshot save holds the index).
 * Separate from Corpus, which answers from the index: this is the only part that changes it, and the
 * ordering rules between passes, landing analyses and snapshot saves live in one place.
 */
export class CorpusSync {
  /** Replaced once, at start-up, by the index a snapshot saved (see startUp). */
  private live = new CorpusIndex();
  /** Current articles not answerable yet (being analysed, or failed), with the content hash wanted. */
  private readonly unanswerable = new Map<string, string>();
  private cursor: string | null = null;
  private syncing: Promise<void> | null = null;
  /** While set, refresh passes wait and landing analyses queue (a snapshot being written reads the live index): see holdChanges. */
  private held: Promise<void> | null = null;
  private readonly heldLandings: (() => void)[] = [];
  private dirty = false;

  constructor(private readonly deps: CorpusSyncDeps) {}

  /** The index answers read (the same object between start-up and close). */
  get index(): CorpusIndex {
    return this.live;
  }

  /** Current articles not answerable yet (being analysed, or failed). */
  get unanswerableCount(): number {
    return this.unanswerable.size;
  }

  /** Whether the article is waited for (being analysed, or failed) at this content. */
  isWaitingFor(id: string, contentHash: string): boolean {
    return this.unanswerable.get(id) === contentHash;
  }

  /**
   * The index and the cursor it reflects, or null during a pass (see SnapshotKeeperDeps.current). Between
   * refresh passes the index is exactly what the cursor says (analyses landing meanwhile are in it too;
   * start-up compares every current article with the snapshot, so nothing depends on that).
   */
  snapshotable(): { index: CorpusIndex; cursor: string } | null {
    return this.syncing || this.cursor === null ? null : { index: this.live, cursor: this.cursor };
  }

  /** Read what changed in the store since the last pass (coalesced: a call during a pass gets one more pass). */
  sync(): Promise<void> {
    this.dirty = true;
    this.syncing ??= (async () => {
      try {
        while (this.dirty) {
          while (this.held) await this.held;
          this.dirty = false;
          await this.pass();
        }
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  /** Settles when the running refresh (if any) has ended, failed or not. */
  async stopped(): Promise<void> {
    await this.syncing?.catch(() => undefined);
  }

  /**
   * Keep the index as it is until `until` settles (called between passes): refresh passes wait, and analyses
   * that land meanwhile are indexed when it settles, before any waiting pass goes on.
   */
  holdChanges(until: Promise<unknown>): void {
    const held: Promise<void> = until.then(
      () => undefined,
      () => undefined,
    ).finally(() => {
      if (this.held !== held) return;
      this.held = null;
      for (const land of this.heldLandings.splice(0)) land();
    });
    this.held = held;
  }

  /** An analysis landed (the backlog checked it is still current): index it, or queue it while held. */
  landed(a: StoredArticle, analysis: ArticleAnalysis): void {
    if (this.held) {
      this.heldLandings.push(() => this.landed(a, analysis));
      return;
    }
    this.unanswerable.delete(a.id);
    this.deps.loader.forget(a.id);
    this.live.add(a.id, a.contentHash, indexDataOf(a, analysis));
  }

  private async pass(): Promise<void> {
    const first = this.cursor === null;
    const { changed, gone, cursor } = await this.deps.repository.changesSince(this.cursor);
    if (first) await this.startUp(changed);
    else await this.apply(changed, gone);
    this.cursor = cursor;
    if (!first) this.deps.snapshots?.noteChanges(changed.length + gone.length, this.live.size);
  }

  /**
   * Everything current: from the saved snapshot when there is a usable one (see catchUp), else index what has
   * a record for its content; the rest is failed or to analyse.
   */
  private async startUp(heads: readonly ArticleHead[]): Promise<void> {
    const { repository, version, snapshots } = this.deps;
    const restored = await snapshots?.restore();
    if (restored) return this.catchUp(restored.index, heads);
    const want = new Map(heads.map((h) => [h.id, h.contentHash]));
    for await (const page of repository.indexRecords(version)) {
      for (const r of page) {
        if (want.get(r.articleId) !== r.contentHash || !this.indexRecord(r.articleId, r.contentHash, r.data)) continue;
        want.delete(r.articleId);
      }
    }
    await this.settle(want, await repository.analysisFailures(version), false);
    snapshots?.builtFromRecords();
  }

  /**
   * Start from a saved index: every current article is compared with it (not only the change log since its
   * cursor, so an article still being analysed when it was saved is not missed): articles no longer current
   * leave, new or changed ones are indexed from their records, and the rest is failed or to analyse.
   */
  private async catchUp(index: CorpusIndex, heads: readonly ArticleHead[]): Promise<void> {
    const { repository, version } = this.deps;
    this.live = index;
    const want = new Map(heads.map((h) => [h.id, h.contentHash]));
    const gone = [...index.allIds()].filter((id) => !want.has(id));
    for (const id of gone) index.remove(id);
    for (const h of heads) {
      if (index.has(h.id, h.contentHash)) want.delete(h.id);
      else index.remove(h.id);
    }
    const fresh = want.size;
    if (fresh) {
      for (const r of await repository.indexRecordsOf([...want.keys()], version)) {
        if (want.get(r.articleId) === r.contentHash && this.indexRecord(r.articleId, r.contentHash, r.data)) want.delete(r.articleId);
      }
    }
    await this.settle(want, want.size ? await repository.analysisFailures(version) : new Map(), false);
    this.deps.snapshots?.noteChanges(gone.length + fresh, index.size);
  }

  private async apply(changed: readonly ArticleHead[], gone: readonly string[]): Promise<void> {
    const { repository, version } = this.deps;
    for (const id of gone) this.forget(id);
    // Already answerable, or already waited for (being analysed, or failed) at this content: nothing to do,
    // except that one waiting for another process's analysis is looked at now (its change may be that analysis).
    const fresh = changed.filter((h) => {
      const waitedFor = this.unanswerable.get(h.id) === h.contentHash;
      if (waitedFor) this.deps.backlog.nudge(h.id);
      return !waitedFor && !this.live.has(h.id, h.contentHash);
    });
    if (fresh.length || gone.length) {
      // Reprints of cached articles may have arrived.
      this.deps.loader.clear();
    }
    if (!fresh.length) return;
    // The older version is not answered while the new one is analysed.
    for (const h of fresh) this.live.remove(h.id);
    const want = new Map(fresh.map((h) => [h.id, h.contentHash]));
    for (const r of await repository.indexRecordsOf([...want.keys()], version)) {
      if (want.get(r.articleId) === r.contentHash && this.indexRecord(r.articleId, r.contentHash, r.data)) want.delete(r.articleId);
    }
    const failures = new Map<string, Awaited<ReturnType<ArticleRepository['getAnalysisFailure']>>>();
    for (const [id, hash] of want) failures.set(id, await repository.getAnalysisFailure(id, version, hash));
    await this.settle(want, failures, true);
  }

  /** Articles without a usable record: a recorded failure for this content is listed, the rest analysed. */
  private async settle(want: Map<string, string>, failures: ReadonlyMap<string, { reason: FailedArticle['reason']; message: string; failedAt: string } | undefined>, urgent: boolean): Promise<void> {
    const { repository, backlog } = this.deps;
    const failedIds = [...want.keys()].filter((id) => failures.get(id));
    const failedArticles = failedIds.length ? await repository.getMany(failedIds) : [];
    for (const a of failedArticles) {
      if (want.get(a.id) !== a.contentHash) continue;
      this.unanswerable.set(a.id, a.contentHash);
      backlog.markFailed({ ...failures.get(a.id)!, articleId: a.id, source: a.source, title: a.title, persisted: true });
      want.delete(a.id);
    }
    for (const [id, hash] of want) {
      this.unanswerable.set(id, hash);
      backlog.enqueue(id, hash, urgent);
    }
  }

  private indexRecord(id: string, contentHash: string, data: string): boolean {
    try {
      this.live.add(id, contentHash, decodeIndexData(data));
      this.unanswerable.delete(id);
      return true;
    } catch {
      return false; // another format: analysed again, which saves a record in this one
    }
  }

  private forget(id: string): void {
    this.live.remove(id);
    this.unanswerable.delete(id);
    this.deps.backlog.drop(id);
    this.deps.loader.forget(id);
  }
}
