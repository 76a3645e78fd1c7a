import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../src/cli/run-cli.js';
import { articlePage, rss } from '../feeds/feed-fixtures.js';
import { startLocalServer, type LocalServer } from '../feeds/local-server.js';

let dir: string;
let srv: LocalServer;
beforeAll(async () => {
  srv = await startLocalServer();
  srv.route('/rss', (_q, res) => res.end(rss([{ guid: 'a', link: `${srv.base}/a`, title: 'Tram line approved', description: 'The tram line was approved.' }])));
  srv.route('/a', (_q, res) => res.end(articlePage('Tram line approved', 'Tram line')));
});
afterAll(() => srv.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-feeds-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function makeIo(env: Record<string, string | undefined>): CliIo & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const o: string[] = [];
  const e: string[] = [];
  stdout.on('data', (c: Buffer) => o.push(c.toString('utf8')));
  stderr.on('data', (c: Buffer) => e.push(c.toString('utf8')));
  return { env, stdout, stderr, out: () => o.join(''), err: () => e.join('') };
}

const env = (extra: Record<string, string> = {}) => ({ NEWSDESK_DB: join(dir, 'nd.db'), LOG_LEVEL: 'silent', NEWSDESK_CHANNELS: join(dir, 'none.yaml'), NEWSDESK_FEEDS: join(dir, 'feeds.yaml'), ...extra });
const run = async (argv: string[], e = env({ NEWSDESK_ALLOW_PRIVATE_FEEDS: '1' })) => {
  const io = makeIo(e);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
};

describe('newsdesk feeds', () => {
  it('adds, lists, tests, polls, exports, removes and imports feeds', async () => {
    const url = `${srv.base}/rss`;
    expect((await run(['feeds', 'add', url, '30s'])).out).toContain(`following ${url} every 30s`);
    const test = await run(['feeds', 'test', url]);
    expect(test.out).toContain('1 new of 1');
    expect(test.out).toContain('Tram line approved');
    expect((await run(['feeds', 'list'])).out).toMatch(/every 30s · pending/);
    const poll = await run(['feeds', 'poll']);
    expect(poll.out).toContain(`${url}: ok, 1 new (0 from feed text only)`);
    expect((await run(['feeds', 'list'])).out).toMatch(/every 30s · ok/);
    expect((await run(['feeds', 'test', url])).out).toContain('0 new of 1');
    const opml = (await run(['feeds', 'export'])).out;
    expect(opml).toContain(`xmlUrl="${url}"`);
    expect((await run(['feeds', 'remove', url])).code).toBe(0);
    expect((await run(['feeds', 'list'])).out).toContain('No feeds');
    const file = join(dir, 'subs.opml');
    writeFileSync(file, opml.replace('</body>', '<outline text="bad" xmlUrl="javascript:alert(1)"/><outline text="folder"><outline text="x" xmlUrl="http://127.0.0.1:9/other.xml"/></outline></body>'));
    expect((await run(['feeds', 'import', file])).out).toContain('imported 2 feeds');
  });

  it('refuses loopback feeds unless NEWSDESK_ALLOW_PRIVATE_FEEDS=1, by IP and by localhost', async () => {
    for (const u of [`${srv.base}/rss`, `http://localhost:${srv.port}/rss`]) {
      const before = srv.hits('/rss');
      const r = await run(['feeds', 'add', u], env());
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Refused (127\.0\.0\.1|localhost):\d+: it resolves to .*loopback/);
      expect(srv.hits('/rss')).toBe(before);
    }
    expect((await run(['feeds', 'list'], env())).out).toContain('No feeds');
  });

  it('lists the feeds of the feeds file with their interval', async () => {
    writeFileSync(join(dir, 'feeds.yaml'), 'feeds:\n  - url: https://news.example/rss\n    every: 1h\n');
    const r = await run(['feeds', 'list']);
    expect(r.out).toContain('https://news.example/rss');
    expect(r.out).toMatch(/every 1h · pending/);
  });
});
