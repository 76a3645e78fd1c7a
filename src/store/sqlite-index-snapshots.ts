import type Database from 'better-sqlite3';
import { NewsdeskError } from '../core/errors.js';
import type { IndexSnapshot } from './article-repository.js';
import { snapshotChunks, snapshotSize } from './snapshot-chunks.js';

/**
 * The saved in-memory index (`index_snapshots` header + `index_snapshot_chunks`, migration 9) on SQLite.
 * One snapshot per analysis version; saving one removes the others (the analyses of another version are
 * being replaced article by article anyway). A save whose cursor is older than the stored one's is refused,
 * so of two writers the one that saw more wins; with equal cursors the last writer wins.
 */
export function saveSqliteIndexSnapshot(db: Database.Database, version: number, cursor: string, bytes: Uint8Array | readonly Uint8Array[], now: Date, chunkBytes?: number): boolean {
  return db.transaction(() => {
    const have = db.prepare('SELECT cursor FROM index_snapshots WHERE version = ?').get(version) as { cursor: string } | undefined;
    if (have && BigInt(have.cursor) > BigInt(cursor)) return false;
    db.prepare('DELETE FROM index_snapshot_chunks').run();
    db.prepare('DELETE FROM index_snapshots').run();
    const insert = db.prepare('INSERT INTO index_snapshot_chunks (version, seq, data) VALUES (?, ?, ?)');
    let chunks = 0;
    for (const chunk of snapshotChunks(bytes, chunkBytes)) insert.run(version, chunks++, chunk);
    db.prepare('INSERT INTO index_snapshots (version, cursor, bytes, chunks, saved_at) VALUES (?, ?, ?, ?, ?)')
      .run(version, cursor, snapshotSize(bytes), chunks, now.toISOString());
    return true;
  }).immediate();
}

/** The snapshot saved for `version`, or undefined; throws `store_failed` when its chunks do not add up. */
export function loadSqliteIndexSnapshot(db: Database.Database, version: number): IndexSnapshot | undefined {
  // One read transaction: the header and the chunks come from the same committed state.
  return db.transaction(() => {
    const head = db.prepare('SELECT cursor, bytes, chunks, saved_at FROM index_snapshots WHERE version = ?').get(version) as
      | { cursor: string; bytes: number; chunks: number; saved_at: string }
      | undefined;
    if (!head) return undefined;
    // Copied chunk by chunk into one buffer: the chunks are garbage as soon as they are read.
    const out = Buffer.allocUnsafe(head.bytes);
    let at = 0;
    let seq = 0;
    for (const row of db.prepare('SELECT seq, data FROM index_snapshot_chunks WHERE version = ? ORDER BY seq').iterate(version) as Iterable<{ seq: number; data: Buffer }>) {
      if (row.seq !== seq || at + row.data.length > head.bytes) break;
      out.set(row.data, at);
      at += row.data.length;
      seq++;
    }
    if (seq !== head.chunks || at !== head.bytes) {
      throw new NewsdeskError('store_failed', `The index snapshot of version ${version} is incomplete (${seq} of ${head.chunks} chunks, ${at} of ${head.bytes} bytes).`);
    }
    return { cursor: head.cursor, bytes: out, savedAt: head.saved_at };
  }).deferred();
}
