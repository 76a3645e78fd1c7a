import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Reading request bodies without trusting the sender: the size limit is
 * enforced while the body streams in (and from Content-Length before a
 * single byte is buffered), so a 1 GB POST costs us at most `limit` bytes.
 */

/** Default limit for webhook bodies: Slack and Discord payloads are a few KB. */
export const MAX_WEBHOOK_BODY_BYTES = 1_000_000;

/** The outcome of readLimitedBody. */
export type BodyResult = { ok: true; body: Buffer } | { ok: false; status: 413 | 400 };

/**
 * Buffer the body up to `limit` bytes. Over the limit: `{ok:false, status:413}`
 * as soon as that is known; the rest of the stream is discarded, not stored.
 */
export function readLimitedBody(req: IncomingMessage, limit = MAX_WEBHOOK_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve({ ok: false, status: 413 });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult) => {
      if (done) return;
      done = true;
      resolve(r);
    };
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ ok: false, status: 413 });
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => finish({ ok: true, body: Buffer.concat(chunks) }));
    req.on('error', () => finish({ ok: false, status: 400 }));
    req.on('aborted', () => finish({ ok: false, status: 400 }));
  });
}

/** True for `{…}` only: not null, not an array, not a string or number. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Answer with a status and close the connection, so a client still
 * streaming an oversized body cannot keep the socket busy.
 */
export function refuse(res: ServerResponse, status: number, error: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...(status === 413 ? { connection: 'close' } : {}) });
  res.end(JSON.stringify({ ok: false, error }));
}
