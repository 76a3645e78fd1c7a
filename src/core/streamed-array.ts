/** The typed arrays an index snapshot holds. */
export type SnapshotTyped = Int32Array | Uint32Array | Float64Array | Uint8Array;

/**
 * A big typed array of a snapshot state that is produced piece by piece when it is written, instead of being
 * copied whole when the state is taken: a save then holds one piece at a time (at a million articles the
 * signatures alone are 256 MB). `pieces` must be read before the index changes (the snapshot writer reads it
 * synchronously), and yields exactly `length` values of `kind` in all.
 */
export class StreamedArray<T extends SnapshotTyped> {
  constructor(
    readonly kind: new (n: number) => T,
    readonly length: number,
    readonly pieces: () => Iterable<T>,
  ) {}

  /** The whole array in one allocation (restoring straight from a state taken in the same process, tests). */
  toArray(): T {
    const out = new this.kind(this.length);
    let at = 0;
    for (const p of this.pieces()) {
      if (at + p.length > this.length) break;
      out.set(p, at);
      at += p.length;
    }
    if (at !== this.length) throw new RangeError(`streamed array: ${at} of ${this.length} values`);
    return out;
  }
}

/** An array of a state, or its streamed form. */
export type Streamable<T extends SnapshotTyped> = T | StreamedArray<T>;

/** The array itself (a streamed one materialised). */
export function concrete<T extends SnapshotTyped>(a: Streamable<T>): T {
  return a instanceof StreamedArray ? a.toArray() : a;
}
