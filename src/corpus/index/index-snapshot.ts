import { crc32 } from 'node:zlib';
import { NewsdeskError } from '../../core/errors.js';
import { StreamedArray, type SnapshotTyped } from '../../core/streamed-array.js';
import type { CorpusIndexState } from './corpus-index.js';

/*
 * A snapshot of the built in-memory index (CorpusIndex.toState), so start-up loads it instead of decoding
 * every index record and re-deriving entity groups and stories. It is written and read as a stream: a save
 * holds one piece of it at a time and a load allocates each array once, in its final size, so neither holds
 * the index twice over (at a million articles the snapshot is about 900 MB). Layout (little-endian):
 *
 *   0  magic 'NDIX'                    u32
 *   4  SNAPSHOT_FORMAT                 u32
 *   8  analysis version                f64
 *  16  table byte length               u32
 *  20  record count                    u32
 *  24  (zero)                          8 bytes
 *  32  table (UTF-8 JSON): { meta, tree } — the state with every array (typed or a list) replaced by [its record number]
 *   …  records, each 8-byte aligned: code u32 (0–3 a typed array kind; 4 a piece of a list, 5 its last piece),
 *      zero u32, length f64 (values of a typed array, bytes of a list piece), then the bytes, zero-padded to 8.
 *      A list is written as JSON arrays of up to LIST_PIECE items each, so neither a save nor a load ever
 *      holds the JSON text of a million titles at once
 *   …  trailer: END u32, crc32 of every byte before the trailer u32, the trailer's own offset f64
 */

/** Bump when the layout or any state's fields change; snapshots of another format are ignored (built from records). */
export const SNAPSHOT_FORMAT = 2;

export const MAGIC = 0x5849444e; // 'NDIX'
export const HEADER_BYTES = 32;
export const RECORD_HEAD_BYTES = 16;
export const END_CODE = 0xffffffff;
/** A piece of a list that goes on in the next record; LIST_LAST_CODE: its last piece. */
export const LIST_CODE = 4;
export const LIST_LAST_CODE = 5;
/** Items of a list a record holds. */
const LIST_PIECE = 65_536;
/** The typed array kinds, by record code. */
export const TYPED_KINDS: readonly (new (n: number) => SnapshotTyped)[] = [Int32Array, Uint32Array, Float64Array, Uint8Array];

/** What a snapshot says about itself besides the index. */
export interface SnapshotMeta {
  /** Analysis version the index was built under. */
  version: number;
  /** The change cursor (`changesSince`) the index reflects. */
  cursor: string;
  /** Articles in it. */
  articles: number;
}

type Leaf = SnapshotTyped | StreamedArray<SnapshotTyped> | unknown[];

/**
 * Serialise an index state as a stream of byte pieces to be stored one after another. Arrays of the state
 * are yielded as they are (views, not copies) and streamed arrays piece by piece, so the consumer must copy
 * or write each piece before asking for the next, and read the whole stream before the index changes.
 */
export function* encodeIndexSnapshot(state: CorpusIndexState, meta: SnapshotMeta): Generator<Uint8Array> {
  const leaves: Leaf[] = [];
  // Arrays become placeholders in a copy of the tree (a replacer function would slow every string down).
  const place = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v) || v instanceof StreamedArray || Array.isArray(v)) {
      leaves.push(v as Leaf);
      return [leaves.length - 1];
    }
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, place(x)]));
  };
  const table = Buffer.from(JSON.stringify({ meta, tree: place(state) }), 'utf8');
  const head = Buffer.alloc(align8(HEADER_BYTES + table.length));
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(SNAPSHOT_FORMAT, 4);
  head.writeDoubleLE(meta.version, 8);
  head.writeUInt32LE(table.length, 16);
  head.writeUInt32LE(leaves.length, 20);
  head.set(table, HEADER_BYTES);
  let crc = crc32(head);
  let offset = head.length;
  const emit = (bytes: Uint8Array): Uint8Array => {
    crc = crc32(bytes, crc);
    offset += bytes.byteLength;
    return bytes;
  };
  yield head;
  for (const leaf of leaves) {
    if (Array.isArray(leaf)) {
      for (let at = 0; at === 0 || at < leaf.length; at += LIST_PIECE) {
        const json = Buffer.from(JSON.stringify(leaf.slice(at, at + LIST_PIECE)), 'utf8');
        yield emit(recordHead(at + LIST_PIECE >= leaf.length ? LIST_LAST_CODE : LIST_CODE, json.length));
        yield emit(json);
        if (json.length % 8) yield emit(PADDING.subarray(0, 8 - (json.length % 8)));
      }
      continue;
    }
    const kind = leaf instanceof StreamedArray ? leaf.kind : (leaf.constructor as new (n: number) => SnapshotTyped);
    const code = TYPED_KINDS.indexOf(kind);
    if (code < 0) throw new NewsdeskError('internal', 'An index snapshot holds a typed array of an unsupported kind.');
    yield emit(recordHead(code, leaf.length));
    let values = 0;
    let bytes = 0;
    for (const piece of leaf instanceof StreamedArray ? leaf.pieces() : [leaf]) {
      if (!(piece instanceof kind)) throw new NewsdeskError('internal', 'A streamed snapshot array yielded a piece of another kind.');
      values += piece.length;
      bytes += piece.byteLength;
      if (piece.byteLength) yield emit(new Uint8Array(piece.buffer, piece.byteOffset, piece.byteLength));
    }
    if (values !== leaf.length) throw new NewsdeskError('internal', `A streamed snapshot array yielded ${values} of ${leaf.length} values.`);
    if (bytes % 8) yield emit(PADDING.subarray(0, 8 - (bytes % 8)));
  }
  const trailer = Buffer.alloc(RECORD_HEAD_BYTES);
  trailer.writeUInt32LE(END_CODE, 0);
  trailer.writeUInt32LE(crc >>> 0, 4);
  trailer.writeDoubleLE(offset, 8);
  yield trailer;
}

const PADDING = new Uint8Array(8);

function recordHead(code: number, length: number): Buffer {
  const b = Buffer.alloc(RECORD_HEAD_BYTES);
  b.writeUInt32LE(code, 0);
  b.writeDoubleLE(length, 8);
  return b;
}

export function align8(n: number): number {
  return n + ((8 - (n % 8)) % 8);
}
