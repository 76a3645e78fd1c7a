import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, request } from 'undici';
import { blockedReason } from './address-policy.js';
import { decodeBody } from './fetch-charset.js';
import { FetchError } from './fetch-error.js';

/** Validators from the last good response, sent back as If-None-Match / If-Modified-Since. */
export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

/** A successful fetch: 200 with a body, or 304 (nothing changed, which is success too). */
export interface FetchResult {
  status: 200 | 304;
  /** The URL that answered, after redirects. */
  url: string;
  contentType: string | null;
  /** Decoded body; empty for 304. */
  text: string;
  etag: string | null;
  lastModified: string | null;
  /** Decompressed body size in bytes. */
  bytes: number;
}

/** How a fetcher behaves. */
export interface FetcherOptions {
  /** `User-Agent`, e.g. "newsdesk/0.1.0 (+https://…)". */
  userAgent: string;
  /** NEWSDESK_ALLOW_PRIVATE_FEEDS: allow loopback/private targets (tests, intranets). */
  allowPrivate: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Name resolution; defaults to the system resolver. Tests inject one. */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
  /** Which addresses are refused; defaults to {@link blockedReason}. Tests narrow it to reach their 127.0.0.1 server. */
  addressPolicy?: AddressPolicy;
}

/** Why an address is refused, or null when it may be fetched. */
export type AddressPolicy = (ip: string) => string | null;

/** Per-request options. */
export interface FetchRequest {
  validators?: Validators;
  accept?: string;
}

/** Fetches one URL politely and safely. */
export interface Fetcher {
  fetch(url: string, req?: FetchRequest): Promise<FetchResult>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

function systemResolve(host: string): Promise<{ address: string; family: number }[]> {
  return new Promise((resolve, reject) => dnsLookup(host, { all: true }, (err, addrs) => (err ? reject(err) : resolve(addrs))));
}

function portOf(u: URL): string {
  return u.port || (u.protocol === 'https:' ? '443' : '80');
}

/**
 * Check that a URL may be fetched: http(s) only, and unless private targets
 * are allowed, every address its host resolves to must be public. Throws a
 * `refused` FetchError naming host, port and reason; no request is made.
 */
export async function checkTarget(url: string, allowPrivate: boolean, resolve = systemResolve, policy: AddressPolicy = blockedReason): Promise<URL> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new FetchError('bad_url', `“${url.slice(0, 200)}” is not a URL.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new FetchError('refused', `Refused ${u.protocol}// URL: only http and https can be fetched.`);
  }
  if (u.username || u.password) throw new FetchError('refused', `Refused ${u.hostname}:${portOf(u)}: URLs with credentials are not fetched.`);
  if (allowPrivate) return u;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addrs: string[];
  if (isIP(host)) addrs = [host];
  else {
    try {
      addrs = (await resolve(host)).map((a) => a.address);
    } catch (e) {
      throw new FetchError('network', `Could not resolve ${host}: ${(e as Error).message}`, { cause: e });
    }
  }
  for (const a of addrs) {
    const why = policy(a);
    if (why) {
      throw new FetchError('refused', `Refused ${host}:${portOf(u)}: it resolves to ${a}, a ${why} address (set NEWSDESK_ALLOW_PRIVATE_FEEDS=1 to allow private targets).`);
    }
  }
  if (addrs.length === 0) throw new FetchError('network', `${host} has no address.`);
  return u;
}

/**
 * The resolver the HTTP client connects through: it checks the addresses
 * again at connect time, so a name that re-resolves to a private address
 * after the first check (DNS rebinding) is still refused; the connection
 * goes to an address that was checked.
 */
function guardedLookup(resolve: NonNullable<FetcherOptions['resolve']>, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addrs) => {
        const bad = addrs.find((a) => policy(a.address));
        if (bad || addrs.length === 0) {
          const err = new FetchError('refused', `Refused ${hostname}: it resolves to ${bad?.address ?? 'nothing'}${bad ? `, a ${policy(bad.address)} address` : ''}.`);
          callback(err as unknown as NodeJS.ErrnoException, '', 0);
          return;
        }
        if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: typeof addrs) => void)(null, addrs);
        else callback(null, addrs[0].address, addrs[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

function decompressor(encoding: string | null): NodeJS.ReadWriteStream | null {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === 'gzip' || e === 'x-gzip') return createGunzip();
  if (e === 'deflate') return createInflate();
  if (e === 'br') return createBrotliDecompress();
  return null;
}

/** Read a body to the end, refusing it (and stopping the download) once it passes `maxBytes` after decompression. */
async function readLimited(body: Readable, encoding: string | null, maxBytes: number, url: string): Promise<Buffer> {
  const inflate = decompressor(encoding);
  const source: AsyncIterable<Buffer> = inflate ? (body.pipe(inflate as unknown as NodeJS.WritableStream) as unknown as AsyncIterable<Buffer>) : body;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) {
        throw new FetchError('too_large', `${url} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; refused.`);
      }
      chunks.push(chunk);
    }
  } catch (e) {
    body.destroy();
    if (e instanceof FetchError) throw e;
    throw new FetchError('network', `Reading ${url} failed: ${(e as Error).message}`, { cause: e });
  }
  return Buffer.concat(chunks, total);
}

function header(h: Record<string, string | string[] | undefined>, name: string): string | null {
  const v = h[name];
  return Array.isArray(v) ? v[0] ?? null : v ?? null;
}

/** Create a fetcher. One per process: it owns a connection pool. */
export function createFetcher(opts: FetcherOptions): Fetcher {
  const resolve = opts.resolve ?? systemResolve;
  const policy = opts.addressPolicy ?? blockedReason;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const agent = new Agent({
    connect: opts.allowPrivate ? { timeout: timeoutMs } : { timeout: timeoutMs, lookup: guardedLookup(resolve, policy) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

  async function fetchOnce(url: string, req: FetchRequest, signal: AbortSignal): Promise<FetchResult> {
    const seen = new Set<string>();
    let current = url;
    for (let hop = 0; ; hop++) {
      const u = await checkTarget(current, opts.allowPrivate, resolve, policy);
      seen.add(u.toString());
      const headers: Record<string, string> = {
        'user-agent': opts.userAgent,
        accept: req.accept ?? '*/*',
        'accept-encoding': 'gzip, deflate, br',
      };
      if (req.validators?.etag) headers['if-none-match'] = req.validators.etag;
      if (req.validators?.lastModified) headers['if-modified-since'] = req.validators.lastModified;
      const res = await request(u, { method: 'GET', headers, dispatcher: agent, signal });
      // A body we do not read is discarded; an abort after that is nobody's concern.
      res.body.on('error', () => undefined);
      const h = res.headers as Record<string, string | string[] | undefined>;
      if (res.statusCode >= 300 && res.statusCode < 400 && res.statusCode !== 304) {
        res.body.destroy();
        const location = header(h, 'location');
        if (!location) throw new FetchError('http_status', `${u.host} answered ${res.statusCode} without a Location.`, { status: res.statusCode });
        const next = new URL(location, u).toString();
        if (seen.has(next)) throw new FetchError('redirect_loop', `${url} redirects in a loop (back to ${next}).`);
        if (hop + 1 > maxRedirects) throw new FetchError('too_many_redirects', `${url} redirects more than ${maxRedirects} times.`);
        current = next;
        continue;
      }
      const base = { url: u.toString(), contentType: header(h, 'content-type'), etag: header(h, 'etag'), lastModified: header(h, 'last-modified') };
      if (res.statusCode === 304) {
        res.body.destroy();
        return { ...base, status: 304, text: '', bytes: 0 };
      }
      if (res.statusCode < 200 || res.statusCode >= 300) {
        res.body.destroy();
        throw new FetchError('http_status', `${u.host} answered HTTP ${res.statusCode} for ${u.pathname}.`, { status: res.statusCode });
      }
      const declared = Number(header(h, 'content-length') ?? NaN);
      // A declared length is only a hint for plain bodies; a compressed body is measured as it inflates.
      if (!header(h, 'content-encoding') && declared > maxBytes) {
        res.body.destroy();
        throw new FetchError('too_large', `${u.toString()} is ${(declared / 1024 / 1024).toFixed(1)} MB; over ${Math.round(maxBytes / 1024 / 1024)} MB is refused.`);
      }
      const bytes = await readLimited(res.body, header(h, 'content-encoding'), maxBytes, u.toString());
      return { ...base, status: 200, text: decodeBody(bytes, base.contentType), bytes: bytes.length };
    }
  }

  return {
    async fetch(url, req = {}) {
      // One deadline for the whole fetch (every redirect hop and the body), cleared as soon as it is done.
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(new FetchError('timeout', `${url} did not answer within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
      try {
        return await fetchOnce(url, req, ctl.signal);
      } catch (e) {
        if (ctl.signal.aborted && ctl.signal.reason instanceof FetchError) throw ctl.signal.reason;
        if (e instanceof FetchError) throw e;
        const err = e as Error & { code?: string; cause?: unknown };
        if (err.cause instanceof FetchError) throw err.cause;
        if (err.name === 'TimeoutError' || err.name === 'AbortError' || /Timeout/i.test(err.code ?? '')) {
          throw new FetchError('timeout', `${url} did not answer within ${Math.round(timeoutMs / 1000)} s.`, { cause: e });
        }
        throw new FetchError('network', `Fetching ${url} failed: ${err.message}`, { cause: e });
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => agent.close(),
  };
}
