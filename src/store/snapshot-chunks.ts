/** Rows a snapshot is cut into: a million articles make several hundred MB, more than one value should hold. */
export const SNAPSHOT_CHUNK_BYTES = 16 * 1024 * 1024;

/**
 * The snapshot's bytes (one buffer, or pieces to be joined, read as they come) cut into chunks of `size`
 * bytes (the last one shorter; one empty chunk for nothing). Each piece is copied into the chunk being
 * filled before the next is asked for, so a piece may be reused or dropped by its producer right after.
 * `reuse`: every chunk is the same buffer, refilled (for a writer that copies each before asking for the
 * next): a save then allocates one chunk, not hundreds of MB of them for the collector to catch up with.
 */
export function* snapshotChunks(bytes: Uint8Array | Iterable<Uint8Array>, size = SNAPSHOT_CHUNK_BYTES, reuse = false): Generator<Buffer> {
  const pieces = bytes instanceof Uint8Array ? [bytes] : bytes;
  const step = Math.max(1, Math.floor(size));
  let chunk = Buffer.allocUnsafe(step);
  let filled = 0;
  let any = false;
  for (const piece of pieces) {
    for (let at = 0; at < piece.byteLength; ) {
      const n = Math.min(step - filled, piece.byteLength - at);
      chunk.set(piece.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === step) {
        yield chunk;
        any = true;
        if (!reuse) chunk = Buffer.allocUnsafe(step);
        filled = 0;
      }
    }
  }
  if (filled || !any) yield chunk.subarray(0, filled);
}
