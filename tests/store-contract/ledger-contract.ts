import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DigestLedger } from '../../src/core/digest-port.js';
import type { ContractDatabase, ContractEngine } from './engines.js';

const A = 'slack:T1:C1';
const T0 = new Date('2026-03-02T14:00:00Z');
const SLOT = T0.toISOString();
const at = (ms: number) => new Date(T0.getTime() + ms);
const SEC = 1000;

/** The digest ledger contract: exactly-once slots, history and coverage, on every engine. */
export function ledgerContract(engine: () => ContractEngine): void {
  describe('digest ledger contract', () => {
    let db: ContractDatabase;
    let ledger: DigestLedger;
    beforeEach(async () => {
      db = await engine().open();
      ledger = db.ledger({ owner: 'process-a', claimTtlMs: 60 * SEC });
    });
    afterEach(() => db.close());

    it('a slot is claimed once, even from another handle; a skipped slot is recorded once', async () => {
      const other = (await db.peer()).ledger({ owner: 'process-b', claimTtlMs: 60 * SEC });
      expect(await ledger.claim(A, SLOT, 'scheduled', T0)).not.toBeNull();
      expect(await other.claim(A, SLOT, 'late', T0)).toBeNull();
      expect(await other.claim('slack:T1:C2', SLOT, 'scheduled', T0)).not.toBeNull();
      expect(await other.get(A, SLOT)).toMatchObject({ status: 'claimed', reason: 'scheduled' });
      expect(await other.recordSkipped(A, SLOT, 'missed', T0)).toBe(false);
      expect(await other.recordSkipped(A, '2026-03-03T14:00:00.000Z', 'missed', T0)).toBe(true);
      expect(await ledger.get(A, '2026-03-03T14:00:00.000Z')).toMatchObject({ status: 'skipped', detail: 'missed', reason: 'late' });
    });

    it('tracks sent articles, coverage, history and failure streaks', async () => {
      const sent = (await ledger.claim(A, '2026-03-02T14:00:00.000Z', 'scheduled', T0))!;
      await ledger.finish(sent, { status: 'sent', articleIds: ['a1', 'a2'], storyCount: 1, coveredUntil: '2026-03-02T14:00:01.000Z', attempts: 2 }, T0);
      const f1 = (await ledger.claim(A, '2026-03-03T14:00:00.000Z', 'scheduled', T0))!;
      await ledger.finish(f1, { status: 'failed', detail: 'platform_unavailable: 502' }, T0);
      await ledger.recordSkipped(A, '2026-03-04T14:00:00.000Z', 'missed', T0);
      const f2 = (await ledger.claim(A, '2026-03-05T14:00:00.000Z', 'scheduled', T0))!;
      await ledger.finish(f2, { status: 'failed', detail: 'platform_unavailable: 503' }, T0);
      expect([...(await ledger.sentArticleIds(A))].sort()).toEqual(['a1', 'a2']);
      expect((await ledger.coveredUntil(A))?.toISOString()).toBe('2026-03-02T14:00:01.000Z');
      expect(await ledger.consecutiveFailures(A)).toBe(2);
      expect(await ledger.last(A)).toMatchObject({ status: 'failed', detail: 'platform_unavailable: 503', claimExpiresAt: null });
      expect((await ledger.recent(A, 10)).map((r) => r.status)).toEqual(['failed', 'skipped', 'failed', 'sent']);
      expect(await ledger.get(A, '2026-03-02T14:00:00.000Z')).toMatchObject({ articleIds: ['a1', 'a2'], storyCount: 1, attempts: 2, finishedAt: T0.toISOString() });
      expect(await ledger.coveredUntil('slack:T1:nobody')).toBeNull();
    });

    it('two processes racing for the same slots: exactly one wins each slot', async () => {
      const other = (await db.peer()).ledger({ owner: 'process-b', claimTtlMs: 60 * SEC });
      const slots = Array.from({ length: 12 }, (_, i) => at(i * 60 * SEC).toISOString());
      const results = await Promise.all(slots.flatMap((s) => [ledger.claim(A, s, 'scheduled', T0), other.claim(A, s, 'scheduled', T0)]));
      for (let i = 0; i < slots.length; i++) expect(results.slice(2 * i, 2 * i + 2).filter((id) => id !== null)).toHaveLength(1);
      expect(await ledger.recent(A, 50)).toHaveLength(slots.length);
    });

    it('a finished slot is never claimed again, however late', async () => {
      const id = (await ledger.claim(A, SLOT, 'scheduled', T0))!;
      await ledger.finish(id, { status: 'sent', articleIds: ['a1'], storyCount: 1 }, T0);
      const other = (await db.peer()).ledger({ owner: 'process-b', claimTtlMs: 60 * SEC });
      expect(await other.claim(A, SLOT, 'late', at(3600 * SEC))).toBeNull();
      expect(await ledger.renew(id, at(10 * SEC))).toBe(false);
    });

    it('an unfinished claim: lapses and is taken over once where claims expire, holds forever otherwise', async () => {
      const id = (await ledger.claim(A, SLOT, 'scheduled', T0))!;
      const other = (await db.peer()).ledger({ owner: 'process-b', claimTtlMs: 60 * SEC });
      const third = (await db.peer()).ledger({ owner: 'process-c', claimTtlMs: 60 * SEC });
      // Alive and renewing: never taken.
      expect(await ledger.renew(id, at(50 * SEC))).toBe(true);
      expect(await other.claim(A, SLOT, 'late', at(70 * SEC))).toBeNull();
      const held = await other.get(A, SLOT);
      expect(held?.status).toBe('claimed');
      if (!engine().claimsExpire) {
        expect(held?.claimExpiresAt).toBeNull();
        expect(await other.claim(A, SLOT, 'late', at(86_400 * SEC))).toBeNull();
        return;
      }
      expect(held).toMatchObject({ claimedBy: 'process-a', claimExpiresAt: at(110 * SEC).toISOString() });
      // The claimer died after its last renewal: after the expiry exactly one of two racing processes takes over.
      const taken = await Promise.all([other.claim(A, SLOT, 'late', at(111 * SEC)), third.claim(A, SLOT, 'late', at(111 * SEC))]);
      const winner = taken[0] !== null ? other : third;
      expect(taken.filter((t) => t !== null)).toHaveLength(1);
      expect(await ledger.renew(id, at(112 * SEC))).toBe(false);
      const takenId = taken.find((t) => t !== null)!;
      await winner.finish(takenId, { status: 'sent', articleIds: ['a1'], storyCount: 1 }, at(113 * SEC));
      // The old claimer waking up late cannot overwrite the taker's result.
      await ledger.finish(id, { status: 'failed', detail: 'stale' }, at(114 * SEC));
      expect(await ledger.get(A, SLOT)).toMatchObject({ status: 'sent', reason: 'late', articleIds: ['a1'], claimExpiresAt: null });
      expect(await ledger.recent(A)).toHaveLength(1);
    });
  });
}
