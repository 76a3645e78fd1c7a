import { NewsdeskError } from '../../core/errors.js';
import type { IndexSnapshotHead, SnapshotSink } from '../article-repository.js';
import { snapshotChunks } from '../snapshot-chunks.js';
import type { PgMigration } from './pg-migrations.js';
import type { SqlDatabase } from './sql-database.js';

/** Snapshot writers on one database take turns on this advisory lock (any fixed number, the same in every process). */
const SNAPSHOT_LOCK = 18_0018;

/**
 * The saved in-memory index on PostgreSQL: a header per analysis version and the bytes in chunk rows
 * (stored uncompressed: the arrays are mostly random bits, so compressing them is CPU for nothing).
 */
export const INDEX_SNAPSHOT_MIGRATION: PgMigration = {
  version: 5,
  name: 'index snapshots',
  statements: [
    `CREATE TABLE index_snapshots (
      version  BIGINT PRIMARY KEY,
      cursor   TEXT NOT NULL,
      bytes    BIGINT NOT NULL,
      chunks   INTEGER NOT NULL,
      saved_at TEXT NOT NULL
    )`,
    `CREATE TABLE index_snapshot_chunks (
      version BIGINT NOT NULL,
      seq     INTEGER NOT NULL,
      data    BYTEA NOT NULL,
      PRIMARY KEY (version, seq)
    )`,
    `ALTER TABLE index_snapshot_chunks ALTER COLUMN data SET STORAGE EXTERNAL`,
  ],
};

/**
 * Save a snapshot (see ArticleRepository.saveIndexSnapshot). Several processes may save at once: they take
 * turns on an advisory lock, and one whose cursor is older than the stored snapshot's is refused, so the one
 * that saw more wins (equal cursors: the last writer). The pieces are read chunk by chunk as the rows are
 * written (the caller keeps what they are read from unchanged until the promise settles).
 */
export async function savePgIndexSnapshot(db: SqlDatabase, version: number, cursor: string, bytes: Uint8Array | Iterable<Uint8Array>, now: Date, chunkBytes?: number): Promise<boolean> {
  return db.transaction(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [SNAPSHOT_LOCK]);
    const { rows: [have] } = await q.query<{ cursor: string }>('SELECT cursor FROM index_snapshots WHERE version = $1', [version]);
    if (have && BigInt(have.cursor) > BigInt(cursor)) return false;
    await q.query('DELETE FROM index_snapshot_chunks');
    await q.query('DELETE FROM index_snapshots');
    let chunks = 0;
    let total = 0;
    for (const chunk of snapshotChunks(bytes, chunkBytes)) {
      await q.query('INSERT INTO index_snapshot_chunks (version, seq, data) VALUES ($1, $2, $3)', [version, chunks++, chunk]);
      total += chunk.byteLength;
    }
    await q.query('INSERT INTO index_snapshots (version, cursor, bytes, chunks, saved_at) VALUES ($1, $2, $3, $4, $5)',
      [version, cursor, total, chunks, now.toISOString()]);
    return true;
  });
}

/** Read the snapshot saved for `version` into `open(head)`'s sink (see ArticleRepository.readIndexSnapshot). */
export async function readPgIndexSnapshot(db: SqlDatabase, version: number, open: (head: IndexSnapshotHead) => SnapshotSink): Promise<IndexSnapshotHead | undefined> {
  return db.transaction(async (q) => {
    // One snapshot of the database for the header and every chunk (a writer may be replacing them).
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const { rows: [row] } = await q.query<{ cursor: string; bytes: string | number; chunks: number; saved_at: string }>(
      'SELECT cursor, bytes, chunks, saved_at FROM index_snapshots WHERE version = $1', [version]);
    if (!row) return undefined;
    const head: IndexSnapshotHead = { cursor: row.cursor, bytes: Number(row.bytes), savedAt: row.saved_at };
    const sink = open(head);
    let at = 0;
    let seq = 0;
    // A chunk a query, handed on as it arrives. As base64 text, which reads about a third faster than bytea's
    // hex (1.1 s against 1.7 s for 86 MB on a local server).
    for (; seq < row.chunks; seq++) {
      const { rows: [chunk] } = await q.query<{ data: string }>("SELECT encode(data, 'base64') AS data FROM index_snapshot_chunks WHERE version = $1 AND seq = $2", [version, seq]);
      if (!chunk) break;
      const data = Buffer.from(chunk.data, 'base64'); // the line breaks encode() puts in are skipped
      if (at + data.byteLength > head.bytes) break;
      sink(data);
      at += data.byteLength;
    }
    if (seq !== row.chunks || at !== head.bytes) {
      throw new NewsdeskError('store_failed', `The index snapshot of version ${version} is incomplete (${seq} of ${row.chunks} chunks, ${at} of ${head.bytes} bytes).`);
    }
    return head;
  });
}
