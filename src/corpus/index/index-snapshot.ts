import { crc32 } from 'node:zlib';
import { NewsdeskError } from '../../core/errors.js';
import type { CorpusIndexState } from './corpus-index.js';

/*
 * A snapshot of the built in-memory index (CorpusIndex.toState), so start-up loads it instead of decoding
 * every index record and re-deriving entity groups and stories. Layout (little-endian):
 *
 *   0  magic 'NDIX'         u32
 *   4  SNAPSHOT_FORMAT      u32
 *   8  analysis version     f64
 *  16  byte length (whole)  f64
 *  24  crc32 of bytes 32…   u32
 *  28  JSON byte length     u32
 *  32  JSON (UTF-8): { meta, tree } — the state with every typed array replaced by [typeCode, byteOffset, length];
 *      strings, numbers and string lists stay in the JSON (one parse for all of them)
 *  …   typed arrays, each at an 8-byte-aligned offset
 *
 * Typed arrays are decoded as views into the snapshot's buffer (no copy), so the loaded index shares it.
 */

/** Bump when the layout or any state's fields change; snapshots of another format are ignored (built from records). */
export const SNAPSHOT_FORMAT = 1;

const MAGIC = 0x5849444e; // 'NDIX'
const HEADER = 32;

/** What a snapshot says about itself besides the index. */
export interface SnapshotMeta {
  /** Analysis version the index was built under. */
  version: number;
  /** The change cursor (`changesSince`) the index reflects. */
  cursor: string;
  /** Articles in it. */
  articles: number;
}

type Typed = Int32Array | Uint32Array | Float64Array | Uint8Array;
const TYPES: readonly (new (b: ArrayBuffer, off: number, len: number) => Typed)[] = [Int32Array, Uint32Array, Float64Array, Uint8Array];

/**
 * Serialise an index state: the snapshot as parts to be stored one after another (the header and table,
 * then the state's own typed arrays, not copies of them, with zero padding between), so saving never holds
 * the index twice over. Joined, the parts are what `decodeIndexSnapshot` reads.
 */
export function encodeIndexSnapshot(state: CorpusIndexState, meta: SnapshotMeta): Uint8Array[] {
  const arrays: Typed[] = [];
  let offset = 0;
  // Typed arrays become placeholders in a copy of the tree (a replacer function would slow every string down).
  const place = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v)) {
      const a = v as Typed;
      const code = TYPES.findIndex((T) => a instanceof T);
      if (code < 0) throw new NewsdeskError('internal', 'An index snapshot holds a typed array of an unsupported kind.');
      const at = offset;
      arrays.push(a);
      offset += align8(a.byteLength);
      return [code, at, a.length];
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, place(x)]));
  };
  const tree = JSON.stringify(place(state));
  const json = Buffer.from(`{"meta":${JSON.stringify(meta)},"tree":${tree}}`, 'utf8');
  const dataStart = align8(HEADER + json.length);
  const head = Buffer.alloc(dataStart);
  head.set(json, HEADER);
  const parts: Uint8Array[] = [head];
  let crc = crc32(head.subarray(HEADER));
  for (const a of arrays) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const pad = PADDING.subarray(0, align8(a.byteLength) - a.byteLength);
    parts.push(bytes);
    crc = crc32(bytes, crc);
    if (pad.length) {
      parts.push(pad);
      crc = crc32(pad, crc);
    }
  }
  const view = new DataView(head.buffer, head.byteOffset, HEADER);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, SNAPSHOT_FORMAT, true);
  view.setFloat64(8, meta.version, true);
  view.setFloat64(16, dataStart + offset, true);
  view.setUint32(24, crc >>> 0, true);
  view.setUint32(28, json.length, true);
  return parts;
}

const PADDING = new Uint8Array(8);

/**
 * Parse a snapshot made under analysis `version`. Throws NewsdeskError('store_failed') with the reason for
 * anything else: another format or version, truncated or altered bytes. The typed arrays of the state are
 * views into `bytes` (copied first when not 8-byte aligned).
 */
export function decodeIndexSnapshot(bytes: Uint8Array, version: number): { meta: SnapshotMeta; state: CorpusIndexState } {
  const bad = (why: string): NewsdeskError => new NewsdeskError('store_failed', `The saved index snapshot is unusable: ${why}.`);
  if (bytes.byteLength < HEADER) throw bad('shorter than its header');
  const buf = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw bad('not an index snapshot');
  const format = view.getUint32(4, true);
  if (format !== SNAPSHOT_FORMAT) throw bad(`format ${format}, expected ${SNAPSHOT_FORMAT}`);
  const made = view.getFloat64(8, true);
  if (made !== version) throw bad(`made under analysis version ${made}, not ${version}`);
  if (view.getFloat64(16, true) !== buf.byteLength) throw bad(`${buf.byteLength} bytes where ${view.getFloat64(16, true)} were written`);
  if ((crc32(buf.subarray(HEADER)) >>> 0) !== view.getUint32(24, true)) throw bad('checksum mismatch');
  const jsonLength = view.getUint32(28, true);
  const dataStart = align8(HEADER + jsonLength);
  if (dataStart > buf.byteLength) throw bad('truncated');
  let parsed: { meta: SnapshotMeta; tree: unknown };
  try {
    parsed = JSON.parse(Buffer.from(buf.buffer, buf.byteOffset + HEADER, jsonLength).toString('utf8')) as { meta: SnapshotMeta; tree: unknown };
  } catch {
    throw bad('its table is not valid JSON');
  }
  const state = revive(parsed.tree, (code, at, length) => {
    const T = TYPES[code];
    const bytesPer = T ? (T as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT : 0;
    if (!T || at < 0 || at % 8 !== 0 || dataStart + at + length * bytesPer > buf.byteLength) throw bad('an array out of range');
    return new T(buf.buffer as ArrayBuffer, buf.byteOffset + dataStart + at, length);
  }) as CorpusIndexState;
  if (parsed.meta?.version !== version || typeof parsed.meta.cursor !== 'string') throw bad('its description does not match');
  return { meta: parsed.meta, state };
}

/** Replace every [typeCode, offset, length] placeholder in a parsed tree by its typed array. */
function revive(v: unknown, array: (code: number, at: number, length: number) => Typed): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    // A placeholder is three numbers; a saved list of strings never is (string lists hold strings or null).
    if (v.length === 3 && typeof v[0] === 'number' && typeof v[1] === 'number' && typeof v[2] === 'number') return array(v[0], v[1], v[2]);
    return v;
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) o[k] = revive(o[k], array);
  return o;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
