import { describe, expect, it } from 'vitest';
import { migratePostgres } from '../../src/store/postgres/pg-migrations.js';
import { ledgerContract } from './ledger-contract.js';
import { settingsContract } from './settings-contract.js';
import { postgresEngine } from './engines.js';

// A real server only when one is given (CI's .ci/run starts one); otherwise say so in the report.
const url = process.env.NEWSDESK_TEST_DATABASE_URL;

describe.skipIf(!url)('store contract on a real PostgreSQL server', () => {
  const engine = postgresEngine(url ?? '');
  settingsContract(() => engine);
  ledgerContract(() => engine);

  it('processes migrating a fresh database at once take turns: each step applied once', async () => {
    const { dbs, close } = await engine.emptyDatabases!(4);
    try {
      const applied = await Promise.all(dbs.map((db) => migratePostgres(db)));
      expect(applied.flat()).toEqual([1]);
      expect((await dbs[0].query<{ version: number }>('SELECT version FROM schema_migrations')).rows).toEqual([{ version: 1 }]);
    } finally {
      await close();
    }
  });
});

if (!url) {
  describe('store contract on a real PostgreSQL server', () => {
    it.skip('skipped: set NEWSDESK_TEST_DATABASE_URL=postgres://… to run the contract against a real server (.ci/run does)', () => undefined);
  });
}
