import { crc32 } from 'node:zlib';
import { NewsdeskError } from '../../core/errors.js';
import type { SnapshotTyped } from '../../core/streamed-array.js';
import type { CorpusIndexState } from './corpus-index.js';
import { END_CODE, HEADER_BYTES, LIST_CODE, LIST_LAST_CODE, MAGIC, RECORD_HEAD_BYTES, SNAPSHOT_FORMAT, TYPED_KINDS, align8, type SnapshotMeta } from './index-snapshot.js';

/** Where the reader is in the layout (see index-snapshot.ts). */
type Phase = 'header' | 'table' | 'record' | 'body' | 'pad' | 'trailer' | 'done';

/**
 * Reads a snapshot (encodeIndexSnapshot's stream) from chunks pushed in order, so the whole snapshot is
 * never in memory at once: each typed array is allocated once, in its own final size, and filled straight
 * from the chunks (the index adopts them as they are); each list is parsed from its own bytes. `push` and
 * `finish` throw NewsdeskError('store_failed') with the reason for anything unusable: another format or
 * analysis version, a length out of range, altered bytes (checksum), too few or too many bytes.
 */
export class SnapshotReader {
  private phase: Phase = 'header';
  private target: Uint8Array = Buffer.alloc(HEADER_BYTES);
  private filled = 0;
  /** Whether the bytes going into `target` count towards the checksum as they arrive. */
  private summed = true;
  private crc = 0;
  private read = 0;
  private records = 0;
  private tableLength = 0;
  private table: { meta: SnapshotMeta; tree: unknown } | undefined;
  private readonly values: (SnapshotTyped | unknown[])[] = [];
  /** The record being filled: a typed array, or the bytes of a list piece (parsed when complete). */
  private current: { typed?: SnapshotTyped; list?: Buffer; last?: boolean } = {};
  /** The items of the list being read, piece by piece. */
  private items: unknown[] = [];
  /** Whether a list's last piece is still to come. */
  private inList = false;

  /**
   * @param version     the analysis version the snapshot must have been made under
   * @param totalBytes  the stored snapshot's size: no length inside it may reach past it
   */
  constructor(private readonly version: number, private readonly totalBytes: number) {}

  /** The next bytes of the snapshot. */
  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.byteLength) {
      if (this.phase === 'done') throw bad('bytes after its end');
      const n = Math.min(chunk.byteLength - at, this.target.byteLength - this.filled);
      const piece = chunk.subarray(at, at + n);
      this.target.set(piece, this.filled);
      if (this.summed) this.crc = crc32(piece, this.crc);
      this.filled += n;
      this.read += n;
      at += n;
      if (this.filled === this.target.byteLength) this.advance();
    }
  }

  /** The snapshot's description and index state, once every byte has been pushed. */
  finish(): { meta: SnapshotMeta; state: CorpusIndexState } {
    if (this.phase !== 'done' || !this.table) throw bad('truncated');
    const state = revive(this.table.tree, (i) => this.values[i]) as CorpusIndexState;
    const { meta } = this.table;
    if (meta?.version !== this.version || typeof meta.cursor !== 'string') throw bad('its description does not match');
    return { meta, state };
  }

  /** `target` is full: act on it and set the next one (skipping those of no bytes). */
  private advance(): void {
    do this.step();
    while (this.phase !== 'done' && this.target.byteLength === 0);
  }

  private step(): void {
    const t = this.target;
    const view = new DataView(t.buffer, t.byteOffset, t.byteLength);
    switch (this.phase) {
      case 'header': {
        if (view.getUint32(0, true) !== MAGIC) throw bad('not an index snapshot');
        const format = view.getUint32(4, true);
        if (format !== SNAPSHOT_FORMAT) throw bad(`format ${format}, expected ${SNAPSHOT_FORMAT}`);
        const made = view.getFloat64(8, true);
        if (made !== this.version) throw bad(`made under analysis version ${made}, not ${this.version}`);
        this.records = view.getUint32(20, true);
        this.tableLength = view.getUint32(16, true);
        const tableBytes = align8(HEADER_BYTES + this.tableLength) - HEADER_BYTES;
        this.room(tableBytes);
        return this.expect('table', Buffer.allocUnsafe(tableBytes), true);
      }
      case 'table': {
        try {
          this.table = JSON.parse(Buffer.from(t.buffer, t.byteOffset, this.tableLength).toString('utf8')) as { meta: SnapshotMeta; tree: unknown };
        } catch {
          throw bad('its table is not valid JSON');
        }
        return this.nextRecord();
      }
      case 'record': {
        const code = view.getUint32(0, true);
        const length = view.getFloat64(8, true);
        if (!Number.isSafeInteger(length) || length < 0) throw bad('a record of an impossible length');
        if (code === LIST_CODE || code === LIST_LAST_CODE) {
          this.room(length);
          this.current = { list: Buffer.allocUnsafe(length), last: code === LIST_LAST_CODE };
          return this.expect('body', this.current.list!, true);
        }
        if (this.inList) throw bad('a list that does not end');
        const Kind = TYPED_KINDS[code];
        if (!Kind) throw bad(`a record of unknown kind ${code}`);
        this.room(length * (Kind as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT);
        const typed = new Kind(length);
        this.current = { typed };
        return this.expect('body', new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength), true);
      }
      case 'body': {
        const { typed, list, last } = this.current;
        if (list) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(list.toString('utf8'));
          } catch {
            throw bad('a list that is not valid JSON');
          }
          if (!Array.isArray(parsed)) throw bad('a list that is not valid JSON');
          for (const x of parsed) this.items.push(x);
          this.inList = !last;
          if (last) {
            this.values.push(this.items);
            this.items = [];
          }
        } else this.values.push(typed!);
        this.current = {};
        return this.expect('pad', Buffer.alloc((8 - (t.byteLength % 8)) % 8), true);
      }
      case 'pad':
        return this.nextRecord();
      case 'trailer': {
        if (view.getUint32(0, true) !== END_CODE) throw bad('no end after its last record');
        if ((this.crc >>> 0) !== view.getUint32(4, true)) throw bad('checksum mismatch');
        if (view.getFloat64(8, true) !== this.read - RECORD_HEAD_BYTES) throw bad('its end is not where it says');
        this.phase = 'done';
        return;
      }
      default:
        throw bad('bytes after its end');
    }
  }

  private expect(phase: Phase, target: Uint8Array, summed: boolean): void {
    this.phase = phase;
    this.target = target;
    this.filled = 0;
    this.summed = summed;
  }

  /** After the table or a record: the next record's head, or the trailer after the last. */
  private nextRecord(): void {
    // Record heads are summed; the trailer is not (it holds the sum).
    if (this.values.length < this.records || this.inList) return this.expect('record', Buffer.alloc(RECORD_HEAD_BYTES), true);
    return this.expect('trailer', Buffer.alloc(RECORD_HEAD_BYTES), false);
  }

  /** Refuse `bytes` more when they would reach past the stored snapshot's end (before allocating them). */
  private room(bytes: number): void {
    if (this.read + bytes > this.totalBytes) throw bad('an array out of range');
  }
}

function bad(why: string): NewsdeskError {
  return new NewsdeskError('store_failed', `The saved index snapshot is unusable: ${why}.`);
}

/** Replace every [record number] placeholder in a parsed table by its array. */
function revive(v: unknown, value: (i: number) => unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    if (v.length !== 1 || typeof v[0] !== 'number') throw bad('an array in its table that is not a placeholder');
    const got = value(v[0]);
    if (got === undefined) throw bad('a placeholder out of range');
    return got;
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) o[k] = revive(o[k], value);
  return o;
}

/** Read a whole snapshot held in memory (tests, and anything that already has the bytes). */
export function decodeIndexSnapshot(bytes: Uint8Array, version: number): { meta: SnapshotMeta; state: CorpusIndexState } {
  const reader = new SnapshotReader(version, bytes.byteLength);
  reader.push(bytes);
  return reader.finish();
}
