import { describe, expect, it } from 'vitest';
import { StreamedArray } from '../../src/core/streamed-array.js';
import type { CorpusIndexState } from '../../src/corpus/index/corpus-index.js';
import { encodeIndexSnapshot, SNAPSHOT_FORMAT } from '../../src/corpus/index/index-snapshot.js';
import { decodeIndexSnapshot, SnapshotReader } from '../../src/corpus/index/snapshot-reader.js';

const META = { version: 42, cursor: '7', articles: 3 };

/** A state-shaped tree of every leaf kind the codec handles (the codec does not look at field names). */
function tree() {
  const titles = Array.from({ length: 150_000 }, (_, i) => (i % 97 === 0 ? null : `Title ${i} — “quoted” é`));
  const streamed = new StreamedArray(Int32Array, 100_003, function* () {
    for (let at = 0; at < 100_003; at += 30_000) yield Int32Array.from({ length: Math.min(30_000, 100_003 - at) }, (_, i) => at + i - 50_000);
  });
  return {
    titles, empty: [], mixed: ['a', null, 'b'],
    nested: { ords: Int32Array.from([3, 1, 4]), sigs: Uint32Array.from([0xffffffff, 0, 7]), ms: Float64Array.from([1.5, -2, Date.UTC(2024, 0, 1)]), flags: Uint8Array.from([1, 2, 3, 4, 5]), none: new Int32Array(0) },
    streamed, n: 12, s: 'text', nil: null,
  };
}

function bytesOf(t: unknown): Buffer {
  return Buffer.concat([...encodeIndexSnapshot(t as CorpusIndexState, META)]);
}

describe('index snapshot codec (format 2, streamed)', () => {
  it('round-trips lists longer than one piece, every typed kind, streamed arrays, empty ones and plain values, in chunks of any size', () => {
    const t = tree();
    const bytes = bytesOf(t);
    const want = { ...t, streamed: t.streamed.toArray() };
    expect(decodeIndexSnapshot(bytes, 42)).toEqual({ meta: META, state: want });
    for (const size of [5, 4096, 1 << 20]) {
      const r = new SnapshotReader(42, bytes.length);
      for (let at = 0; at < bytes.length; at += size) r.push(bytes.subarray(at, at + size));
      expect(r.finish().state).toEqual(want);
    }
  });

  it('a streamed array that yields more or fewer values than it says is refused when written', () => {
    const short = new StreamedArray(Int32Array, 10, function* () { yield new Int32Array(9); });
    expect(() => bytesOf({ a: short })).toThrow(/9 of 10 values/);
    const other = new StreamedArray(Int32Array, 2, function* () { yield new Uint32Array(2) as unknown as Int32Array; });
    expect(() => bytesOf({ a: other })).toThrow(/another kind/);
  });

  const small = () => bytesOf({ list: ['x', 'y'], a: Int32Array.from([1, 2, 3]) });
  const cases: [string, (b: Buffer) => Buffer, RegExp][] = [
    ['another format', (b) => (b.writeUInt32LE(SNAPSHOT_FORMAT + 1, 4), b), /format/],
    ['another analysis version', (b) => (b.writeDoubleLE(41, 8), b), /analysis version 41/],
    ['not a snapshot', () => Buffer.from('{"hello": 1}'.padEnd(64)), /not an index snapshot/],
    ['truncated', (b) => b.subarray(0, b.length - 3), /truncated/],
    ['a changed byte', (b) => ((b[b.length - 30] ^= 1), b), /checksum|end/],
    ['bytes after its end', (b) => Buffer.concat([b, Buffer.alloc(8)]), /after its end/],
    ['an array longer than the snapshot', (b) => {
      // The typed array's record head is the last one before the trailer: 3 values (12 bytes + 4 padding) back.
      b.writeDoubleLE(1e12, b.length - 16 - 16 - 16 + 8);
      return b;
    }, /out of range/],
  ];
  for (const [name, spoil, why] of cases) {
    it(`refuses ${name} with a store_failed error that says why`, () => {
      const b = spoil(Buffer.from(small()));
      let err: unknown;
      try {
        decodeIndexSnapshot(b, 42);
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ code: 'store_failed' });
      expect(String((err as Error).message)).toMatch(why);
    });
  }
});
