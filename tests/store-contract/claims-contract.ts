import { afterEach, describe, expect, it } from 'vitest';
import type { ContractDatabase, ContractEngine } from './engines.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Analysis claims (see AnalysisClaims): the same rules on every engine, between two handles on one database. */
export function analysisClaimsContract(engine: () => ContractEngine): void {
  describe('analysis claims', () => {
    let open: ContractDatabase[] = [];
    afterEach(async () => {
      await open[0]?.close();
      open = [];
    });
    const two = async () => {
      const a = await engine().open();
      const b = await a.peer();
      open = [a, b];
      return [a.claims(), b.claims()] as const;
    };

    it('one owner gets a free article; another owner is refused while the claim lives, and takes it once it lapses', async () => {
      const [a, b] = await two();
      expect(await a.claim('x', 1, 'h1', 'A', at(60_000), at(0))).toBe(true);
      expect(await b.claim('x', 1, 'h1', 'B', at(70_000), at(10_000))).toBe(false);
      // The owner extends its own claim.
      expect(await a.claim('x', 1, 'h1', 'A', at(90_000), at(30_000))).toBe(true);
      expect(await b.claim('x', 1, 'h1', 'B', at(130_000), at(70_000))).toBe(false);
      expect(await b.claim('x', 1, 'h1', 'B', at(150_000), at(90_001))).toBe(true);
      // The lapsed owner is now the one refused.
      expect(await a.claim('x', 1, 'h1', 'A', at(160_000), at(100_000))).toBe(false);
    });

    it('claims are per analysis version, and a claim on older content does not hold an edited article', async () => {
      const [a, b] = await two();
      expect(await a.claim('x', 1, 'h1', 'A', at(60_000), at(0))).toBe(true);
      expect(await b.claim('x', 2, 'h1', 'B', at(60_000), at(0))).toBe(true);
      expect(await b.claim('y', 1, 'h1', 'B', at(60_000), at(0))).toBe(true);
      expect(await b.claim('x', 1, 'h2', 'B', at(60_000), at(1_000))).toBe(true);
      expect(await a.claim('x', 1, 'h2', 'A', at(60_000), at(2_000))).toBe(false);
    });

    it('release frees only the releasing owner\'s claim', async () => {
      const [a, b] = await two();
      expect(await a.claim('x', 1, 'h1', 'A', at(60_000), at(0))).toBe(true);
      await b.release('x', 1, 'B');
      expect(await b.claim('x', 1, 'h1', 'B', at(60_000), at(1_000))).toBe(false);
      await a.release('x', 1, 'A');
      expect(await b.claim('x', 1, 'h1', 'B', at(60_000), at(2_000))).toBe(true);
    });

    it('of several owners claiming one article at once, exactly one wins', async () => {
      const [a, b] = await two();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).claim('race', 1, 'h', `owner-${i}`, at(60_000), at(0))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
