import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { openDatabase } from '../../src/store/sqlite-article-store.js';
import { SqliteFeedStore } from '../../src/store/sqlite-feed-store.js';
import { articlePage, rss } from './feed-fixtures.js';
import { startLocalServer, type LocalServer } from './local-server.js';

let dir: string;
let srv: LocalServer;
beforeAll(async () => {
  srv = await startLocalServer();
  srv.route('/rss', (_q, res) => res.end(rss([{ guid: 'a', link: `${srv.base}/a`, title: 'Tram line approved', description: 'The tram line was approved.' }])));
  srv.route('/a', (_q, res) => res.end(articlePage('Tram line approved', 'Tram line')));
});
afterAll(() => srv.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-cli-lease-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  const stdout = new PassThrough();
  const out: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString('utf8')));
  const env = { NEWSDESK_DB: join(dir, 'nd.db'), LOG_LEVEL: 'silent', NEWSDESK_CHANNELS: join(dir, 'none.yaml'), NEWSDESK_FEEDS: join(dir, 'feeds.yaml'), NEWSDESK_ALLOW_PRIVATE_FEEDS: '1' };
  const code = await runCli(argv, { env, stdout, stderr: new PassThrough() });
  return { code, out: out.join('') };
}

describe('newsdesk feeds poll beside a running bot', () => {
  it('leaves a feed another process is polling (live lease) to it, and polls it once the lease is gone', async () => {
    const url = `${srv.base}/rss`;
    expect((await run(['feeds', 'add', url, '30s'])).code).toBe(0);
    // A bot process on the same database holds the feed's lease (it is polling it now).
    const db = openDatabase(join(dir, 'nd.db'));
    try {
      const bot = new SqliteFeedStore(db);
      const now = new Date();
      expect(await bot.tryLease(url, 'bot-process', new Date(now.getTime() + 120_000), now)).toBe(true);
      const before = srv.hits('/rss');
      const skipped = await run(['feeds', 'poll']);
      expect(skipped.out).toContain(`${url}: skipped (another newsdesk process is polling it)`);
      expect(srv.hits('/rss')).toBe(before);
      await bot.releaseLease(url, 'bot-process');
      expect((await run(['feeds', 'poll'])).out).toContain(`${url}: ok, 1 new`);
      expect((await bot.get(url))!.leaseOwner).toBeNull();
    } finally {
      db.close();
    }
  });
});
