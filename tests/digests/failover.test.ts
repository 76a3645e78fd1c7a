import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/app/build-core.js';
import { systemClock } from '../../src/core/clock.js';
import type { DigestLogger } from '../../src/digests/digest-runner.js';
import { DigestScheduler } from '../../src/digests/digest-scheduler.js';
import { slotKey } from '../../src/digests/schedule-math.js';
import { migratePostgres } from '../../src/store/postgres/pg-migrations.js';
import { PgRunLedger } from '../../src/store/postgres/pg-run-ledger.js';
import { PgSettingsStore } from '../../src/store/postgres/pg-settings-store.js';
import type { SqlDatabase } from '../../src/store/postgres/sql-database.js';
import { openCore, recordingAdapter, tempWorld, writeArticle } from './digest-fixture.js';

const CH = 'slack:T1:C1';
const quiet: DigestLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let pglite: PGlite;
let world: ReturnType<typeof tempWorld>;
let core: Core;

beforeAll(async () => {
  pglite = new PGlite();
  await pglite.waitReady;
  world = tempWorld();
  core = await openCore(world);
  await core.ingest([writeArticle(world.corpus, 'f', 'Freedonia opens a port', new Date().toISOString(), 'Freedonia opened a deep water port.')]);
}, 120_000);
afterAll(async () => {
  await core?.close();
  world?.remove();
  await pglite?.close();
});

/** Poll until the check gives a value; the scheduler's takeover timer runs on real time. */
async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two processes on one PostgreSQL database', () => {
  it('a slot claimed by a process that died mid-run is taken over once its claim lapses, and posted once', async () => {
    const db = pglite as unknown as SqlDatabase;
    await migratePostgres(db);
    const defaults = { timezone: 'UTC', maxStories: 5 };
    // A daily schedule whose slot was two minutes ago: inside the grace window, next one tomorrow.
    const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 60_000);
    const settings = new PgSettingsStore(db, defaults);
    await settings.update(CH, { topics: ['Freedonia'], schedule: `${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`, timezone: 'UTC', postWhenEmpty: true }, 'chat', new Date());
    await settings.setNextSlot(CH, slotKey(slot));

    // Process A claimed the slot (short lease) and died before posting.
    const dead = new PgRunLedger(db, { owner: 'process-a', claimTtlMs: 500 });
    expect(await dead.claim(CH, slotKey(slot), 'scheduled', new Date())).not.toBeNull();

    // Process B starts: its catch-up finds A's unfinished claim, waits for it to lapse, then takes the slot.
    const ledger = new PgRunLedger(db, { owner: 'process-b', claimTtlMs: 500 });
    const adapter = recordingAdapter('slack');
    const b = new DigestScheduler({ settings: new PgSettingsStore(db, defaults), ledger, corpus: core.corpus, clock: systemClock, logger: quiet, graceMinutes: 120, sleep: async () => undefined });
    try {
      await b.start([adapter]);
      const run = await waitFor(async () => {
        const r = await ledger.get(CH, slotKey(slot));
        return r?.status === 'sent' ? r : undefined;
      }, 'the taken-over slot to be posted');
      expect(run).toMatchObject({ reason: 'late', claimedBy: 'process-b' });
      expect(adapter.posts).toHaveLength(1);
      // Nothing more for that slot: a retry or a third process finds it finished.
      expect(await dead.claim(CH, slotKey(slot), 'late', new Date(Date.now() + 3_600_000))).toBeNull();
    } finally {
      await b.stop();
    }
    expect(adapter.posts).toHaveLength(1);
  }, 60_000);

  it("a schedule changed through another process's store is planned here by the periodic re-sync", async () => {
    const db = pglite as unknown as SqlDatabase;
    await migratePostgres(db);
    const defaults = { timezone: 'UTC', maxStories: 5 };
    const other = new PgSettingsStore(db, defaults);
    const here = new DigestScheduler({
      settings: new PgSettingsStore(db, defaults), ledger: new PgRunLedger(db, { owner: 'process-b' }), corpus: core.corpus,
      clock: systemClock, logger: quiet, graceMinutes: 120, resyncMs: 50,
    });
    const ch = 'slack:T1:C2';
    try {
      await here.start([recordingAdapter('slack')]);
      expect(here.planned()).not.toContain(ch);
      await other.update(ch, { topics: ['Freedonia'], schedule: 'weekdays 09:00' }, 'chat', new Date());
      await waitFor(async () => (here.planned().includes(ch) ? true : undefined), 'the other process\'s schedule to be planned');
      await other.update(ch, { enabled: false }, 'chat', new Date());
      await waitFor(async () => (here.planned().includes(ch) ? undefined : true), 'the switched-off channel to be dropped');
    } finally {
      await here.stop();
    }
  }, 60_000);
});
