import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunLedger } from '../../src/store/sqlite-run-ledger.js';
import { openDatabase } from '../../src/store/sqlite-article-store.js';

const A = 'slack:T1:C1';
const NOW = new Date('2026-03-02T14:00:00Z');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-ledger-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('run ledger', async () => {
  it('a slot can be claimed once, even from a second connection to the same file', async () => {
    const db1 = openDatabase(join(dir, 'db.sqlite'));
    const db2 = openDatabase(join(dir, 'db.sqlite'));
    const l1 = new RunLedger(db1);
    const l2 = new RunLedger(db2);
    const id = await l1.claim(A, NOW.toISOString(), 'scheduled', NOW);
    expect(id).not.toBeNull();
    expect(await l2.claim(A, NOW.toISOString(), 'late', NOW)).toBeNull();
    expect(await l2.claim('slack:T1:C2', NOW.toISOString(), 'scheduled', NOW)).not.toBeNull();
    // A claim never finished (the process died mid-post) still blocks the slot: at most once, never twice.
    expect((await l2.get(A, NOW.toISOString()))?.status).toBe('claimed');
    db1.close();
    db2.close();
  });

  it('tracks sent articles, coverage and failure streaks', async () => {
    const db = openDatabase(join(dir, 'db.sqlite'));
    const l = new RunLedger(db);
    const sent = (await l.claim(A, '2026-03-02T14:00:00.000Z', 'scheduled', NOW))!;
    await l.finish(sent, { status: 'sent', articleIds: ['a1', 'a2'], storyCount: 1, coveredUntil: '2026-03-02T14:00:01.000Z' }, NOW);
    const f1 = (await l.claim(A, '2026-03-03T14:00:00.000Z', 'scheduled', NOW))!;
    await l.finish(f1, { status: 'failed', detail: 'platform_unavailable: 502' }, NOW);
    await l.recordSkipped(A, '2026-03-04T14:00:00.000Z', 'missed', NOW);
    const f2 = (await l.claim(A, '2026-03-05T14:00:00.000Z', 'scheduled', NOW))!;
    await l.finish(f2, { status: 'failed', detail: 'platform_unavailable: 503' }, NOW);
    expect([...(await l.sentArticleIds(A))].sort()).toEqual(['a1', 'a2']);
    expect((await l.coveredUntil(A))?.toISOString()).toBe('2026-03-02T14:00:01.000Z');
    expect(await l.consecutiveFailures(A)).toBe(2);
    expect((await l.last(A))?.detail).toBe('platform_unavailable: 503');
    db.close();
  });
});
