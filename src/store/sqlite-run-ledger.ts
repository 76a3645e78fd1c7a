import type Database from 'better-sqlite3';
// The run shapes and the ledger contract are part of the core's digest port; this file stores them in SQLite.
import { failureStreak } from '../digests/failure-streak.js';
import type { DigestLedger, DigestRun, RunReason, RunResult, RunStatus } from '../core/digest-port.js';

export type { DigestLedger, DigestRun, RunReason, RunResult, RunStatus } from '../core/digest-port.js';

interface Row {
  id: number; address: string; slot: string; reason: string; status: string; article_ids: string; story_count: number;
  covered_until: string | null; detail: string | null; attempts: number; claimed_at: string; finished_at: string | null;
}

function fromRow(r: Row): DigestRun {
  return {
    id: r.id, address: r.address, slot: r.slot, reason: r.reason as RunReason, status: r.status as RunStatus,
    articleIds: JSON.parse(r.article_ids) as string[], storyCount: r.story_count, coveredUntil: r.covered_until,
    detail: r.detail, attempts: r.attempts, claimedAt: r.claimed_at, finishedAt: r.finished_at,
    claimedBy: null, claimExpiresAt: null,
  };
}

/**
 * The digest ledger on SQLite: a slot is claimed by inserting (address,
 * slot) under a UNIQUE constraint before anything is posted, so a second
 * process on the same file or a restart at the same minute finds the claim
 * and does not post again. Claims never expire here: a run interrupted
 * mid-post is never posted again (at most once). Synchronous inside;
 * methods return resolved promises to satisfy the engine-neutral port.
 */
export class SqliteRunLedger implements DigestLedger {
  constructor(private readonly db: Database.Database) {}

  async claim(address: string, slot: string, reason: RunReason, now: Date): Promise<number | null> {
    return this.claimNow(address, slot, reason, now);
  }

  async renew(id: number): Promise<boolean> {
    // Nothing expires on SQLite; the claim holds while its row is unfinished.
    const r = this.db.prepare("SELECT 1 FROM digest_runs WHERE id = ? AND status = 'claimed'").get(id);
    return r !== undefined;
  }

  async finish(id: number, result: RunResult, now: Date): Promise<void> {
    this.finishNow(id, result, now);
  }

  async recordSkipped(address: string, slot: string, detail: string, now: Date): Promise<boolean> {
    return this.db.transaction(() => {
      const id = this.claimNow(address, slot, 'late', now);
      if (id === null) return false;
      this.finishNow(id, { status: 'skipped', detail }, now);
      return true;
    })();
  }

  async get(address: string, slot: string): Promise<DigestRun | undefined> {
    const r = this.db.prepare('SELECT * FROM digest_runs WHERE address = ? AND slot = ?').get(address, slot) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  async recent(address: string, limit = 10): Promise<DigestRun[]> {
    return this.recentNow(address, limit);
  }

  async last(address: string): Promise<DigestRun | undefined> {
    return this.recentNow(address, 1)[0];
  }

  async sentArticleIds(address: string): Promise<Set<string>> {
    const rows = this.db.prepare("SELECT article_ids FROM digest_runs WHERE address = ? AND status = 'sent'").all(address) as { article_ids: string }[];
    return new Set(rows.flatMap((r) => JSON.parse(r.article_ids) as string[]));
  }

  async coveredUntil(address: string): Promise<Date | null> {
    const r = this.db.prepare("SELECT MAX(covered_until) AS c FROM digest_runs WHERE address = ? AND status IN ('sent', 'empty')").get(address) as { c: string | null };
    return r.c ? new Date(r.c) : null;
  }

  async consecutiveFailures(address: string): Promise<number> {
    return failureStreak(this.recentNow(address, 20));
  }

  private claimNow(address: string, slot: string, reason: RunReason, now: Date): number | null {
    const info = this.db
      .prepare("INSERT INTO digest_runs (address, slot, reason, status, claimed_at) VALUES (?, ?, ?, 'claimed', ?) ON CONFLICT(address, slot) DO NOTHING")
      .run(address, slot, reason, now.toISOString());
    return info.changes === 1 ? Number(info.lastInsertRowid) : null;
  }

  private finishNow(id: number, result: RunResult, now: Date): void {
    this.db
      .prepare(`UPDATE digest_runs SET status = ?, article_ids = ?, story_count = ?, covered_until = ?, detail = ?, attempts = ?, finished_at = ? WHERE id = ?`)
      .run(result.status, JSON.stringify(result.articleIds ?? []), result.storyCount ?? 0, result.coveredUntil ?? null, result.detail ?? null, result.attempts ?? 0, now.toISOString(), id);
  }

  private recentNow(address: string, limit: number): DigestRun[] {
    return (this.db.prepare('SELECT * FROM digest_runs WHERE address = ? ORDER BY id DESC LIMIT ?').all(address, limit) as Row[]).map(fromRow);
  }
}

/** The SQLite ledger under its former name (the composition root constructs it as `RunLedger`). */
export const RunLedger = SqliteRunLedger;
/** The SQLite ledger under its former name. */
export type RunLedger = SqliteRunLedger;
