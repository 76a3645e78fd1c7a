import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisPool } from '../../src/analysis-pool/analysis-pool.js';
import type { AnalysisInput } from '../../src/analysis/types.js';

const SLOW_WORKER = new URL('./fixtures/slow-worker.ts', import.meta.url);
const input = (text: string): AnalysisInput => ({ text, title: null, byline: [], publishedAt: null });

let pool: AnalysisPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('analysis worker pool', () => {
  it('starts no worker (no thread loading the analysis models) until an article needs analysing', async () => {
    pool = new AnalysisPool({ size: 2, budgetMs: 5000, workerUrl: SLOW_WORKER });
    await new Promise((r) => setTimeout(r, 50));
    expect(pool.workers()).toBe(0);
    expect(await pool.run(input('fine'))).toMatchObject({ ok: true });
    // One job never pays for a second worker.
    expect(pool.workers()).toBe(1);
  });

  it('an article over budget loses its worker, is reported too slow, and the next article is analysed by a replacement', async () => {
    pool = new AnalysisPool({ size: 1, budgetMs: 1000, workerUrl: SLOW_WORKER });
    const slow = pool.run(input('LOOP forever'));
    const next = pool.run(input('Ferry link restored\nThe ferry sailed again.'));
    expect(await slow).toMatchObject({ ok: false, reason: 'too_slow' });
    expect((await slow as { message: string }).message).toMatch(/longer than 1 s/);
    expect(await next).toEqual({ ok: true, analysis: { entities: [], quotes: [], summary: ['Ferry link restored'] } });
    expect(pool.workers()).toBe(1);
  });

  it('keeps the event loop free while a worker spins', async () => {
    pool = new AnalysisPool({ size: 1, budgetMs: 1500, workerUrl: SLOW_WORKER });
    const order: string[] = [];
    const job = pool.run(input('LOOP')).then(() => order.push('job settled'));
    // A timer set after the job started fires before the job settles: the loop is not blocked by the analysis.
    await new Promise<void>((resolve) => setTimeout(() => {
      order.push('timer fired');
      resolve();
    }, 50));
    await job;
    expect(order).toEqual(['timer fired', 'job settled']);
  });

  it('reports an analyser error for that article only', async () => {
    pool = new AnalysisPool({ size: 2, budgetMs: 5000, workerUrl: SLOW_WORKER });
    const [bad, good] = await Promise.all([pool.run(input('THROW')), pool.run(input('fine'))]);
    expect(bad).toEqual({ ok: false, reason: 'error', message: 'analyser exploded' });
    expect(good.ok).toBe(true);
  });

  it('close() stops a running job as cancelled (never as the article failing)', async () => {
    pool = new AnalysisPool({ size: 1, budgetMs: 60_000, workerUrl: SLOW_WORKER });
    const job = pool.run(input('LOOP'));
    await new Promise((r) => setTimeout(r, 200));
    await pool.close();
    expect(await job).toMatchObject({ ok: false, reason: 'cancelled' });
  });

  it('a worker module that cannot load breaks the pool with a clear error instead of failing every article', async () => {
    pool = new AnalysisPool({ size: 1, workerUrl: new URL('./fixtures/no-such-worker.ts', import.meta.url) });
    await expect(pool.run(input('x'))).rejects.toThrow(/Analysis workers could not start/);
  });

  it('runs the real analysis worker under tsx', async () => {
    pool = new AnalysisPool({ size: 1 });
    const r = await pool.run(input('Colombian President Gustavo Petro met Venezuelan President Nicolas Maduro in Caracas on Tuesday.'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.analysis.entities.map((e) => e.name).join(' ')).toMatch(/Petro/);
  }, 60_000);
});
