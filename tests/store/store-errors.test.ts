import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCore } from '../../src/app/build-core.js';
import { NewsdeskError } from '../../src/core/errors.js';
import { openDatabase, storeError } from '../../src/store/sqlite-article-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-dberr-'));
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

/** The error openDatabase throws, checked to be one human line with a code. */
function openError(path: string): NewsdeskError {
  try {
    openDatabase(path).close();
  } catch (e) {
    expect(e).toBeInstanceOf(NewsdeskError);
    const err = e as NewsdeskError;
    expect(err.code).toBe('store_failed');
    expect(err.message).not.toMatch(/\n|\bat .*:\d+:\d+/);
    expect(err.message).toContain(path);
    return err;
  }
  throw new Error('expected openDatabase to fail');
}

describe('database problems are one clear line', () => {
  it('a file that is not a database', () => {
    const path = join(dir, 'nd.db');
    writeFileSync(path, 'this is a text file, not SQLite '.repeat(200));
    expect(openError(path).message).toMatch(/is not a valid SQLite database .*move it aside/);
  });

  it('a database another process keeps locked', () => {
    const path = join(dir, 'nd.db');
    const other = new Database(path);
    other.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);');
    try {
      expect(openError(path).message).toMatch(/is locked by another process/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  }, 20_000);

  it.skipIf(process.getuid?.() === 0)('a read-only database', () => {
    const path = join(dir, 'nd.db');
    openDatabase(path).close();
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
    expect(openError(path).message).toMatch(/read-only|cannot be opened/);
  });

  it('a write refused because the database is read-only (the SQLite error itself, which root cannot provoke by chmod)', () => {
    const path = join(dir, 'nd.db');
    openDatabase(path).close();
    const ro = new Database(path, { readonly: true });
    let raw: unknown;
    try {
      ro.exec('CREATE TABLE x (y)');
    } catch (e) {
      raw = e;
    } finally {
      ro.close();
    }
    const err = storeError(path, raw);
    expect(err.code).toBe('store_failed');
    expect(err.message).toMatch(new RegExp(`^The database at .*nd\\.db is read-only; newsdesk needs to write to it`));
  });

  it('a corpus folder that does not exist is an error, not an empty corpus', async () => {
    const missing = join(dir, 'no-such-folder');
    await expect(buildCore({ dbPath: ':memory:', corpusDir: missing })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(new RegExp(`corpus folder ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not exist`)),
    });
  });
});
