import { describe, expect, it } from 'vitest';
import { migratePostgres, PG_MIGRATIONS } from '../../src/store/postgres/pg-migrations.js';
import { articleContract } from './article-contract.js';
import { analysisClaimsContract } from './claims-contract.js';
import { ledgerContract } from './ledger-contract.js';
import { settingsContract } from './settings-contract.js';
import { postgresEngine } from './engines.js';

// A real server only when one is given (CI's .ci/run starts one); otherwise say so in the report.
const url = process.env.NEWSDESK_TEST_DATABASE_URL;

describe.skipIf(!url)('store contract on a real PostgreSQL server', () => {
  const engine = postgresEngine(url ?? '');
  settingsContract(() => engine);
  ledgerContract(() => engine);
  articleContract(() => engine);
  analysisClaimsContract(() => engine);

  it('processes migrating a fresh database at once take turns: each step applied once', async () => {
    const { dbs, close } = await engine.emptyDatabases!(4);
    try {
      const applied = await Promise.all(dbs.map((db) => migratePostgres(db)));
      expect(applied.flat().sort()).toEqual(PG_MIGRATIONS.map((m) => m.version));
      expect((await dbs[0].query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version).sort()).toEqual(PG_MIGRATIONS.map((m) => m.version));
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
