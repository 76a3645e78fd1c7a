import type Database from 'better-sqlite3';
import { NewsdeskError } from '../core/errors.js';
import type { IndexSnapshotHead, SnapshotSink } from './article-repository.js';
import { snapshotChunks } from './snapshot-chunks.js';

/**
 * The saved in-memory index (`index_snapshots` header + `index_snapshot_chunks`, migration 9) on SQLite.
 * One snapshot per analysis version; saving one removes the others (the analyses of another version are
 * being replaced article by article anyway). A save whose cursor is older than the stored one's is refused,
 * so of two writers the one that saw more wins; with equal cursors the last writer wins. The pieces are read
 * inside the (synchronous) transaction, one chunk at a time.
 */
export function saveSqliteIndexSnapshot(db: Database.Database, version: number, cursor: string, bytes: Uint8Array | Iterable<Uint8Array>, now: Date, chunkBytes?: number): boolean {
  return db.transaction(() => {
    const have = db.prepare('SELECT cursor FROM index_snapshots WHERE version = ?').get(version) as { cursor: string } | undefined;
    if (have && BigInt(have.cursor) > BigInt(cursor)) return false;
    db.prepare('DELETE FROM index_snapshot_chunks').run();
    db.prepare('DELETE FROM index_snapshots').run();
    const insert = db.prepare('INSERT INTO index_snapshot_chunks (version, seq, data) VALUES (?, ?, ?)');
    let chunks = 0;
    let total = 0;
    // One chunk buffer, refilled: SQLite copies each into the row as it is inserted.
    for (const chunk of snapshotChunks(bytes, chunkBytes, true)) {
      insert.run(version, chunks++, chunk);
      total += chunk.byteLength;
    }
    db.prepare('INSERT INTO index_snapshots (version, cursor, bytes, chunks, saved_at) VALUES (?, ?, ?, ?, ?)')
      .run(version, cursor, total, chunks, now.toISOString());
    return true;
  }).immediate();
}

/** Read the snapshot saved for `version` into `open(head)`'s sink (see ArticleRepository.readIndexSnapshot). */
export function readSqliteIndexSnapshot(db: Database.Database, version: number, open: (head: IndexSnapshotHead) => SnapshotSink): IndexSnapshotHead | undefined {
  // One read transaction: the header and the chunks come from the same committed state.
  return db.transaction(() => {
    const row = db.prepare('SELECT cursor, bytes, chunks, saved_at FROM index_snapshots WHERE version = ?').get(version) as
      | { cursor: string; bytes: number; chunks: number; saved_at: string }
      | undefined;
    if (!row) return undefined;
    const head: IndexSnapshotHead = { cursor: row.cursor, bytes: row.bytes, savedAt: row.saved_at };
    const sink = open(head);
    let at = 0;
    let seq = 0;
    // Row by row: each chunk is garbage once the sink has taken it.
    for (const chunk of db.prepare('SELECT seq, data FROM index_snapshot_chunks WHERE version = ? ORDER BY seq').iterate(version) as Iterable<{ seq: number; data: Buffer }>) {
      if (chunk.seq !== seq || at + chunk.data.length > row.bytes) break;
      sink(chunk.data);
      at += chunk.data.length;
      seq++;
    }
    if (seq !== row.chunks || at !== row.bytes) {
      throw new NewsdeskError('store_failed', `The index snapshot of version ${version} is incomplete (${seq} of ${row.chunks} chunks, ${at} of ${row.bytes} bytes).`);
    }
    return head;
  }).deferred();
}
