import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres, PG_MIGRATIONS } from '../../src/store/postgres/pg-migrations.js';
import { articleContract } from './article-contract.js';
import { analysisClaimsContract } from './claims-contract.js';
import { ledgerContract } from './ledger-contract.js';
import { settingsContract } from './settings-contract.js';
import { pgliteEngine } from './engines.js';

// Starting PGlite takes seconds: one in-memory instance per file, a fresh schema per test.
let instance: PGlite;
const engine = pgliteEngine(() => instance);

beforeAll(async () => {
  instance = new PGlite();
  await instance.waitReady;
}, 120_000);
afterAll(() => instance?.close());

describe('store contract on PostgreSQL (PGlite, in memory)', () => {
  settingsContract(() => engine);
  ledgerContract(() => engine);
  articleContract(() => engine);
  analysisClaimsContract(() => engine);

  it('migrations are recorded once and a second run applies nothing', async () => {
    const { dbs, close } = await engine.emptyDatabases!(1);
    try {
      expect(await migratePostgres(dbs[0])).toEqual(PG_MIGRATIONS.map((m) => m.version));
      expect(await migratePostgres(dbs[0])).toEqual([]);
      expect((await dbs[0].query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version).sort()).toEqual(PG_MIGRATIONS.map((m) => m.version));
    } finally {
      await close();
    }
  });
});
