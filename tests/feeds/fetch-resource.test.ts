import { gzipSync, brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedReason } from '../../src/feeds/address-policy.js';
import { FetchError } from '../../src/feeds/fetch-error.js';
import { checkTarget, createFetcher, type Fetcher } from '../../src/feeds/fetch-resource.js';
import { startLocalServer, type LocalServer } from './local-server.js';

let srv: LocalServer;
let fetcher: Fetcher;

beforeAll(async () => {
  srv = await startLocalServer();
  fetcher = createFetcher({ userAgent: 'newsdesk/test (+https://example.invalid/newsdesk)', allowPrivate: true, timeoutMs: 5000, maxBytes: 5 * 1024 * 1024 });
  srv.route('/etag', (req, res) => {
    if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === 'Mon, 01 Jan 2024 00:00:00 GMT') {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader('etag', '"v1"');
    res.setHeader('last-modified', 'Mon, 01 Jan 2024 00:00:00 GMT');
    res.setHeader('content-type', 'application/rss+xml');
    res.end('<rss/>');
  });
  srv.route('/gzip', (_req, res) => {
    res.setHeader('content-encoding', 'gzip');
    res.end(gzipSync(Buffer.from('zipped body')));
  });
  srv.route('/br', (_req, res) => {
    res.setHeader('content-encoding', 'br');
    res.end(brotliCompressSync(Buffer.from('brotli body')));
  });
  srv.route('/latin1-header', (_req, res) => {
    res.setHeader('content-type', 'text/html; charset=ISO-8859-1');
    res.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  });
  srv.route('/latin1-xml', (_req, res) => {
    res.setHeader('content-type', 'application/xml');
    res.end(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1252"?><t>'), Buffer.from([0x93, 0x68, 0x69, 0x94]), Buffer.from('</t>')]));
  });
  srv.route('/meta-charset', (_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(Buffer.concat([Buffer.from('<meta charset="iso-8859-1"><p>'), Buffer.from([0xf1]), Buffer.from('</p>')]));
  });
  for (let i = 0; i < 7; i++) {
    srv.route(`/hop${i}`, (_req, res) => {
      res.statusCode = i % 2 ? 301 : 302;
      res.setHeader('location', i === 6 ? '/final' : `/hop${i + 1}`);
      res.end();
    });
  }
  srv.route('/final', (_req, res) => res.end('arrived'));
  srv.route('/loop-a', (_req, res) => {
    res.statusCode = 302;
    res.setHeader('location', '/loop-b');
    res.end();
  });
  srv.route('/loop-b', (_req, res) => {
    res.statusCode = 307;
    res.setHeader('location', '/loop-a');
    res.end();
  });
  srv.route('/huge', (_req, res) => {
    // 20 MB streamed without a Content-Length: the limit must be enforced while reading.
    const chunk = Buffer.alloc(1024 * 1024, 120);
    let sent = 0;
    const push = () => {
      while (sent < 20) {
        sent++;
        if (!res.write(chunk)) return void res.once('drain', push);
      }
      res.end();
    };
    push();
  });
  srv.route('/huge-declared', (_req, res) => {
    res.setHeader('content-length', String(20 * 1024 * 1024));
    res.write('x');
    // Never finishes: the fetcher must refuse on the header alone.
  });
  srv.route('/gzip-bomb', (_req, res) => {
    res.setHeader('content-encoding', 'gzip');
    res.end(gzipSync(Buffer.alloc(20 * 1024 * 1024, 0)));
  });
  srv.route('/hang', () => undefined);
  srv.route('/fail', (_req, res) => {
    res.statusCode = 500;
    res.end('boom');
  });
  srv.route('/redirect-private', (_req, res) => {
    res.statusCode = 302;
    res.setHeader('location', 'http://169.254.169.254/latest/meta-data/');
    res.end();
  });
});

afterAll(async () => {
  await fetcher.close();
  await srv.close();
});

async function failure(p: Promise<unknown>): Promise<FetchError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(FetchError);
  return e as FetchError;
}

describe('fetching like a good citizen', () => {
  it('sends the user agent, stores validators and gets a 304 when they are sent back', async () => {
    const first = await fetcher.fetch(`${srv.base}/etag`);
    expect(first.status).toBe(200);
    expect(first.etag).toBe('"v1"');
    expect(srv.seen.at(-1)!.headers['user-agent']).toMatch(/^newsdesk\/test \(\+https:/);
    expect(srv.seen.at(-1)!.headers['accept-encoding']).toContain('br');
    const again = await fetcher.fetch(`${srv.base}/etag`, { validators: { etag: first.etag, lastModified: first.lastModified } });
    expect(again.status).toBe(304);
    expect(srv.seen.at(-1)!.headers['if-none-match']).toBe('"v1"');
    expect(srv.seen.at(-1)!.headers['if-modified-since']).toBe('Mon, 01 Jan 2024 00:00:00 GMT');
  });

  it('decompresses gzip and brotli', async () => {
    expect((await fetcher.fetch(`${srv.base}/gzip`)).text).toBe('zipped body');
    expect((await fetcher.fetch(`${srv.base}/br`)).text).toBe('brotli body');
  });

  it('decodes the charset from the header, the XML declaration and the HTML meta', async () => {
    expect((await fetcher.fetch(`${srv.base}/latin1-header`)).text).toBe('café');
    expect((await fetcher.fetch(`${srv.base}/latin1-xml`)).text).toContain('“hi”');
    expect((await fetcher.fetch(`${srv.base}/meta-charset`)).text).toContain('ñ');
  });

  it('follows up to 5 redirects and refuses more, and detects a loop', async () => {
    const ok = await fetcher.fetch(`${srv.base}/hop2`);
    expect(ok.text).toBe('arrived');
    expect(ok.url).toBe(`${srv.base}/final`);
    expect((await failure(fetcher.fetch(`${srv.base}/hop0`))).failure).toBe('too_many_redirects');
    expect((await failure(fetcher.fetch(`${srv.base}/loop-a`))).failure).toBe('redirect_loop');
  });

  it('refuses a 20 MB body, streamed, declared or compressed', async () => {
    for (const p of ['/huge', '/huge-declared', '/gzip-bomb']) {
      expect((await failure(fetcher.fetch(`${srv.base}${p}`))).failure, p).toBe('too_large');
    }
  });

  it('times out a server that never answers, and reports HTTP errors with their status', async () => {
    const impatient = createFetcher({ userAgent: 'newsdesk/test', allowPrivate: true, timeoutMs: 300 });
    try {
      expect((await failure(impatient.fetch(`${srv.base}/hang`))).failure).toBe('timeout');
    } finally {
      await impatient.close();
    }
    const e = await failure(fetcher.fetch(`${srv.base}/fail`));
    expect(e.failure).toBe('http_status');
    expect(e.status).toBe(500);
  });
});

describe('no server-side request forgery', () => {
  it('classifies loopback, private, link-local, CGNAT, unique-local and metadata addresses', () => {
    expect(blockedReason('127.0.0.1')).toBe('loopback');
    expect(blockedReason('::1')).toBe('loopback');
    expect(blockedReason('::ffff:127.0.0.1')).toBe('loopback');
    expect(blockedReason('::ffff:7f00:1')).toBe('loopback');
    expect(blockedReason('10.1.2.3')).toBe('private');
    expect(blockedReason('172.20.0.1')).toBe('private');
    expect(blockedReason('192.168.1.1')).toBe('private');
    expect(blockedReason('169.254.169.254')).toBe('metadata');
    expect(blockedReason('169.254.1.1')).toBe('link-local');
    expect(blockedReason('100.100.0.1')).toBe('cgnat');
    expect(blockedReason('fd12::1')).toBe('unique-local');
    expect(blockedReason('fe80::1')).toBe('link-local');
    expect(blockedReason('0.0.0.0')).toBe('unspecified');
    expect(blockedReason('93.184.216.34')).toBeNull();
    expect(blockedReason('2606:4700::1111')).toBeNull();
  });

  it('refuses a loopback URL by IP and by localhost without making a request', async () => {
    const strict = createFetcher({ userAgent: 'newsdesk/test', allowPrivate: false });
    const before = srv.seen.length;
    try {
      const byIp = await failure(strict.fetch(`${srv.base}/final`));
      expect(byIp.failure).toBe('refused');
      expect(byIp.message).toContain(`127.0.0.1:${srv.port}`);
      expect(byIp.message).toContain('loopback');
      const byName = await failure(strict.fetch(`http://localhost:${srv.port}/final`));
      expect(byName.failure).toBe('refused');
      expect(byName.message).toContain(`localhost:${srv.port}`);
    } finally {
      await strict.close();
    }
    expect(srv.seen.length).toBe(before);
  });

  it('refuses non-http schemes, and private targets reached through a redirect or a re-resolved name', async () => {
    for (const u of ['file:///etc/passwd', 'ftp://example.com/x', 'javascript:alert(1)', 'data:text/html,hi']) {
      expect((await failure(checkTarget(u, true))).failure, u).toBe('refused');
    }
    expect((await failure(checkTarget('http://169.254.169.254/latest/', false))).message).toContain('metadata');
    // A policy that treats only this test server's address as public, so the first hop is allowed.
    const onlyTestServer = (ip: string) => (ip === '127.0.0.1' ? null : blockedReason(ip) ?? 'not the test server');
    let lookups = 0;
    const guarded = createFetcher({
      userAgent: 'newsdesk/test', allowPrivate: false, timeoutMs: 5000, addressPolicy: onlyTestServer,
      // The name answers the check with the test server, then re-resolves elsewhere at connect time (DNS rebinding).
      resolve: async () => [{ address: lookups++ === 0 ? '127.0.0.1' : '127.0.0.2', family: 4 }],
    });
    try {
      const before = srv.hits('/latest/meta-data/');
      const redirected = await failure(guarded.fetch(`${srv.base}/redirect-private`));
      expect(redirected.failure).toBe('refused');
      expect(redirected.message).toContain('169.254.169.254:80');
      expect(srv.hits('/latest/meta-data/')).toBe(before);
      const rebound = await failure(guarded.fetch(`http://rebind.test:${srv.port}/final`));
      expect(rebound.failure).toBe('refused');
      expect(lookups).toBe(2);
    } finally {
      await guarded.close();
    }
  });
});
