import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrations.js';
import { prewarmSqlite } from '../../src/store/sqlite-prewarm.js';

describe('prewarmSqlite', () => {
  it('reads every lookup structure of the current schema', () => {
    const db = new Database(':memory:');
    migrate(db);
    // Each name stands for a statement that ran: a migration that renames or drops one of these structures
    // would make the warm-up skip it silently, and this list shorter.
    expect(prewarmSqlite(db)).toEqual(['search lengths', 'search rowid map', 'article keys', 'analysis keys']);
    db.close();
  });

  it('skips what an older schema lacks, without throwing', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE unrelated (x)');
    expect(prewarmSqlite(db)).toEqual([]);
    db.close();
  });
});
