import type Database from 'better-sqlite3';
// The run shapes are part of the core's digest port; the ledger stores them.
import type { DigestRun, RunReason, RunStatus } from '../core/digest-port.js';

export type { DigestRun, RunReason, RunStatus } from '../core/digest-port.js';

/** How a claimed run ended. */
export interface RunResult {
  status: Exclude<RunStatus, 'claimed'>;
  articleIds?: string[];
  storyCount?: number;
  coveredUntil?: string | null;
  detail?: string | null;
  attempts?: number;
}

interface Row {
  id: number; address: string; slot: string; reason: string; status: string; article_ids: string; story_count: number;
  covered_until: string | null; detail: string | null; attempts: number; claimed_at: string; finished_at: string | null;
}

function fromRow(r: Row): DigestRun {
  return {
    id: r.id, address: r.address, slot: r.slot, reason: r.reason as RunReason, status: r.status as RunStatus,
    articleIds: JSON.parse(r.article_ids) as string[], storyCount: r.story_count, coveredUntil: r.covered_until,
    detail: r.detail, attempts: r.attempts, claimedAt: r.claimed_at, finishedAt: r.finished_at,
  };
}

/**
 * The record of every digest run, and the exactly-once guard: a slot is
 * claimed by inserting (address, slot) under a UNIQUE constraint before
 * anything is posted, so a second process or a restart at the same minute
 * finds the claim and does not post again.
 */
export class RunLedger {
  constructor(private readonly db: Database.Database) {}

  /** Claim a slot; returns the run id, or null when the slot was already claimed. */
  claim(address: string, slot: string, reason: RunReason, now: Date): number | null {
    return this.db.transaction(() => {
      const info = this.db
        .prepare("INSERT INTO digest_runs (address, slot, reason, status, claimed_at) VALUES (?, ?, ?, 'claimed', ?) ON CONFLICT(address, slot) DO NOTHING")
        .run(address, slot, reason, now.toISOString());
      return info.changes === 1 ? Number(info.lastInsertRowid) : null;
    })();
  }

  /** Record how a claimed run ended. */
  finish(id: number, result: RunResult, now: Date): void {
    this.db
      .prepare(`UPDATE digest_runs SET status = ?, article_ids = ?, story_count = ?, covered_until = ?, detail = ?, attempts = ?, finished_at = ? WHERE id = ?`)
      .run(result.status, JSON.stringify(result.articleIds ?? []), result.storyCount ?? 0, result.coveredUntil ?? null, result.detail ?? null, result.attempts ?? 0, now.toISOString(), id);
  }

  /** Record a slot that was deliberately not run (e.g. missed outside the grace window). No-op if the slot exists. */
  recordSkipped(address: string, slot: string, detail: string, now: Date): boolean {
    const id = this.claim(address, slot, 'late', now);
    if (id === null) return false;
    this.finish(id, { status: 'skipped', detail }, now);
    return true;
  }

  get(address: string, slot: string): DigestRun | undefined {
    const r = this.db.prepare('SELECT * FROM digest_runs WHERE address = ? AND slot = ?').get(address, slot) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** Most recent runs of a channel, newest first. */
  recent(address: string, limit = 10): DigestRun[] {
    return (this.db.prepare('SELECT * FROM digest_runs WHERE address = ? ORDER BY id DESC LIMIT ?').all(address, limit) as Row[]).map(fromRow);
  }

  last(address: string): DigestRun | undefined {
    return this.recent(address, 1)[0];
  }

  /** Every article already sent to the channel: digests never repeat a story. */
  sentArticleIds(address: string): Set<string> {
    const rows = this.db.prepare("SELECT article_ids FROM digest_runs WHERE address = ? AND status = 'sent'").all(address) as { article_ids: string }[];
    return new Set(rows.flatMap((r) => JSON.parse(r.article_ids) as string[]));
  }

  /** Up to when the channel's articles have been covered (by a posted or quietly empty digest). */
  coveredUntil(address: string): Date | null {
    const r = this.db.prepare("SELECT MAX(covered_until) AS c FROM digest_runs WHERE address = ? AND status IN ('sent', 'empty')").get(address) as { c: string | null };
    return r.c ? new Date(r.c) : null;
  }

  /** How many runs in a row, newest first, ended in failure. */
  consecutiveFailures(address: string): number {
    let n = 0;
    for (const r of this.recent(address, 20)) {
      if (r.status === 'failed') n++;
      else if (r.status !== 'skipped') break;
    }
    return n;
  }
}
