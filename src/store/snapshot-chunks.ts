/** Rows a snapshot is cut into: a million articles make several hundred MB, more than one value should hold. */
export const SNAPSHOT_CHUNK_BYTES = 16 * 1024 * 1024;

/**
 * The snapshot's bytes (one buffer, or parts to be joined) cut into chunks of `size` bytes (the last one
 * shorter; one empty chunk for nothing). Only one chunk is copied at a time, so the whole snapshot is
 * never held twice.
 */
export function* snapshotChunks(bytes: Uint8Array | readonly Uint8Array[], size = SNAPSHOT_CHUNK_BYTES): Generator<Buffer> {
  const parts = bytes instanceof Uint8Array ? [bytes] : bytes;
  const step = Math.max(1, Math.floor(size));
  let total = 0;
  for (const p of parts) total += p.byteLength;
  if (total === 0) {
    yield Buffer.alloc(0);
    return;
  }
  let part = 0;
  let offset = 0;
  for (let at = 0; at < total; at += step) {
    const chunk = Buffer.allocUnsafe(Math.min(step, total - at));
    let filled = 0;
    while (filled < chunk.length) {
      const p = parts[part];
      const n = Math.min(chunk.length - filled, p.byteLength - offset);
      chunk.set(p.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (offset === p.byteLength) {
        part++;
        offset = 0;
      }
    }
    yield chunk;
  }
}

/** Total bytes of a snapshot given as one buffer or parts. */
export function snapshotSize(bytes: Uint8Array | readonly Uint8Array[]): number {
  return bytes instanceof Uint8Array ? bytes.byteLength : bytes.reduce((n, p) => n + p.byteLength, 0);
}
