import { hostname } from 'node:os';
import type { DigestLedger, DigestRun, RunReason, RunResult, RunStatus } from '../../core/digest-port.js';
import { failureStreak } from '../../digests/failure-streak.js';
import { isoOrNull, type SqlDatabase } from './sql-database.js';

/** Options of the PostgreSQL ledger. */
export interface PgRunLedgerOptions {
  /** This process's name in claims (default host/pid/random): who holds a slot. */
  owner?: string;
  /**
   * How long a claim lives without renewal (default 60 s). The runner renews
   * it while the run is in progress; when the process dies, another may
   * take the slot over this long after the last renewal.
   */
  claimTtlMs?: number;
}

interface Row {
  id: number; address: string; slot: string; reason: string; status: string; article_ids: string; story_count: number;
  covered_until: string | null; detail: string | null; attempts: number; claimed_at: string; finished_at: string | null;
  owner: string | null; expires_at: unknown; finished: boolean | null;
}

/** Runs with their claim (owner and expiry matter only while the run is unfinished). */
const SELECT_RUNS = `SELECT r.*, c.owner, c.expires_at, c.finished FROM digest_runs r LEFT JOIN digest_claims c ON c.address = r.address AND c.slot = r.slot`;

function fromRow(r: Row): DigestRun {
  const open = r.status === 'claimed' && r.owner !== null && r.finished === false;
  return {
    id: r.id, address: r.address, slot: r.slot, reason: r.reason as RunReason, status: r.status as RunStatus,
    articleIds: JSON.parse(r.article_ids) as string[], storyCount: r.story_count, coveredUntil: r.covered_until,
    detail: r.detail, attempts: r.attempts, claimedAt: r.claimed_at, finishedAt: r.finished_at,
    claimedBy: r.owner, claimExpiresAt: open ? isoOrNull(r.expires_at) : null,
  };
}

/**
 * The digest ledger on PostgreSQL, shared by every process on the database.
 * `digest_claims` has one row per (channel, slot): inserting it is the
 * claim, and the unique key makes exactly one of several concurrent
 * claimers win. A claim carries its owner and an expiry that the runner
 * keeps pushing forward; a claim whose owner stopped renewing it (the
 * process died mid-run) may be taken over by another process, a live or
 * finished one never. Claim and run row change in one statement each, so
 * there is no window in which they disagree.
 */
export class PgRunLedger implements DigestLedger {
  readonly owner: string;
  private readonly ttlMs: number;

  constructor(
    private readonly db: SqlDatabase,
    opts: PgRunLedgerOptions = {},
  ) {
    this.owner = opts.owner ?? `${hostname()}/${process.pid}/${Math.random().toString(36).slice(2, 8)}`;
    this.ttlMs = opts.claimTtlMs ?? 60_000;
  }

  async claim(address: string, slot: string, reason: RunReason, now: Date): Promise<number | null> {
    // ON CONFLICT DO UPDATE locks the existing claim and re-checks the WHERE on its latest version,
    // so of two processes racing for a lapsed claim only the first gets a row back.
    const { rows } = await this.db.query<{ id: number }>(
      `WITH claim AS (
         INSERT INTO digest_claims (address, slot, owner, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (address, slot) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at, takeovers = digest_claims.takeovers + 1
           WHERE NOT digest_claims.finished AND digest_claims.expires_at < $5
         RETURNING address, slot
       )
       INSERT INTO digest_runs (address, slot, reason, status, claimed_at)
       SELECT address, slot, $6, 'claimed', $7 FROM claim
       ON CONFLICT (address, slot) DO UPDATE SET reason = EXCLUDED.reason, status = 'claimed', claimed_at = EXCLUDED.claimed_at,
         article_ids = '[]', story_count = 0, covered_until = NULL, detail = NULL, attempts = 0, finished_at = NULL
       RETURNING id`,
      [address, slot, this.owner, this.expiry(now), now.toISOString(), reason, now.toISOString()],
    );
    return rows[0]?.id ?? null;
  }

  async renew(id: number, now: Date): Promise<boolean> {
    const { rows } = await this.db.query(
      `UPDATE digest_claims c SET expires_at = $3 FROM digest_runs r
       WHERE r.id = $1 AND c.address = r.address AND c.slot = r.slot AND c.owner = $2 AND NOT c.finished
       RETURNING 1`,
      [id, this.owner, this.expiry(now)],
    );
    return rows.length === 1;
  }

  async finish(id: number, result: RunResult, now: Date): Promise<void> {
    // Only the claim's current owner records the result: a process that lost its claim must not overwrite the taker's run.
    await this.db.query(
      `WITH done AS (
         UPDATE digest_claims c SET finished = TRUE FROM digest_runs r
         WHERE r.id = $1 AND c.address = r.address AND c.slot = r.slot AND c.owner = $2
         RETURNING 1
       )
       UPDATE digest_runs SET status = $3, article_ids = $4, story_count = $5, covered_until = $6, detail = $7, attempts = $8, finished_at = $9
       WHERE id = $1 AND EXISTS (SELECT 1 FROM done)`,
      [id, this.owner, result.status, JSON.stringify(result.articleIds ?? []), result.storyCount ?? 0, result.coveredUntil ?? null, result.detail ?? null, result.attempts ?? 0, now.toISOString()],
    );
  }

  async recordSkipped(address: string, slot: string, detail: string, now: Date): Promise<boolean> {
    const id = await this.claim(address, slot, 'late', now);
    if (id === null) return false;
    await this.finish(id, { status: 'skipped', detail }, now);
    return true;
  }

  async get(address: string, slot: string): Promise<DigestRun | undefined> {
    const { rows } = await this.db.query<Row>(`${SELECT_RUNS} WHERE r.address = $1 AND r.slot = $2`, [address, slot]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async recent(address: string, limit = 10): Promise<DigestRun[]> {
    const { rows } = await this.db.query<Row>(`${SELECT_RUNS} WHERE r.address = $1 ORDER BY r.id DESC LIMIT $2`, [address, limit]);
    return rows.map(fromRow);
  }

  async last(address: string): Promise<DigestRun | undefined> {
    return (await this.recent(address, 1))[0];
  }

  async sentArticleIds(address: string): Promise<Set<string>> {
    const { rows } = await this.db.query<{ article_ids: string }>("SELECT article_ids FROM digest_runs WHERE address = $1 AND status = 'sent'", [address]);
    return new Set(rows.flatMap((r) => JSON.parse(r.article_ids) as string[]));
  }

  async coveredUntil(address: string): Promise<Date | null> {
    const { rows } = await this.db.query<{ c: string | null }>("SELECT MAX(covered_until) AS c FROM digest_runs WHERE address = $1 AND status IN ('sent', 'empty')", [address]);
    return rows[0]?.c ? new Date(rows[0].c) : null;
  }

  async consecutiveFailures(address: string): Promise<number> {
    return failureStreak(await this.recent(address, 20));
  }

  private expiry(now: Date): string {
    return new Date(now.getTime() + this.ttlMs).toISOString();
  }
}
