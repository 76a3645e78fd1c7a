import type { Clock } from '../core/clock.js';
import type { AnalysisClaims } from '../store/analysis-claims.js';
import { oneLine } from './article-analyzer.js';

/**
 * A claim's life without renewal. It is renewed while the job waits for a worker and runs, so only a process
 * that died or stalled loses it; another process takes a dead process's articles over this long after the
 * last renewal.
 */
const DEFAULT_CLAIM_MS = 60_000;
/**
 * How soon an article another process is analysing is looked at again when no change notice brought its
 * analysis first (the other process failed it, or died and its claim lapses).
 */
export const DEFAULT_RECHECK_MS = 2_000;

/** Several processes on one database: each analysis is claimed, so one of them runs it (see AnalysisClaims). */
export interface BacklogClaims {
  store: AnalysisClaims;
  /** This process's name in claims (one per process). */
  owner: string;
  /** Claim life without renewal (default 60 s); renewed every quarter of it while the analysis runs. */
  ttlMs?: number;
  /** Look again at an article claimed elsewhere after this long (default 2 s). */
  recheckMs?: number;
}

/** A claim this process holds on one analysis, renewed until released. */
export interface HeldClaim {
  release(): Promise<void>;
}

/**
 * Claim the analysis of this content of an article, renewed in the background until released; undefined
 * while another process holds a live claim on it. Without `claims` (one process) every article is ours.
 */
export async function claimAnalysis(
  claims: BacklogClaims | undefined,
  ctx: { clock: Clock; version: number; warn?(msg: string, meta?: Record<string, unknown>): void },
  id: string,
  hash: string,
): Promise<HeldClaim | undefined> {
  if (!claims) return { release: async () => {} };
  const { clock, version, warn } = ctx;
  const ttl = claims.ttlMs ?? DEFAULT_CLAIM_MS;
  const take = () => claims.store.claim(id, version, hash, claims.owner, new Date(clock.now().getTime() + ttl), clock.now());
  if (!(await take())) return undefined;
  const timer = setInterval(() => {
    take().catch((e: unknown) => warn?.('analysis claim renewal failed', { article: id, error: oneLine(e) }));
  }, Math.max(250, Math.floor(ttl / 4)));
  timer.unref();
  return {
    release: async () => {
      clearInterval(timer);
      // Called once the analysis or failure is saved, so that others waiting on the article stop waiting at once
      // rather than when the claim would have lapsed.
      await claims.store.release(id, version, claims.owner).catch((e: unknown) => warn?.('analysis claim release failed', { article: id, error: oneLine(e) }));
    },
  };
}
