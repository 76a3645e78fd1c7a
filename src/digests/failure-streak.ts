import type { DigestRun } from '../core/digest-port.js';

/** How many runs in a row, newest first, failed (skipped slots neither count nor break the streak). */
export function failureStreak(newestFirst: readonly DigestRun[]): number {
  let n = 0;
  for (const r of newestFirst) {
    if (r.status === 'failed') n++;
    else if (r.status !== 'skipped') break;
  }
  return n;
}
