import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rss, type TestItem } from './feed-fixtures.js';
import { startLocalServer, type LocalServer } from './local-server.js';

/** The whole bot as `npm start` runs it (console adapter), following a feed on a 127.0.0.1 server. */
let dir: string;
let srv: LocalServer;
const items: TestItem[] = [];

const page = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title></head><body><nav>NAV-MARKER</nav><article><h1>${title}</h1>${body}</article><footer>FOOTER-MARKER</footer></body></html>`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-bot-feeds-'));
  mkdirSync(join(dir, 'corpus'));
  srv = await startLocalServer();
  srv.route('/rss', (_q, res) => res.end(rss(items)));
  srv.route('/p/harbour', (_q, res) =>
    res.end(page('Corvale harbour reopens', '<p>The harbour of Corvale reopened on Monday after repairs, harbourmaster Ilse Brandt said, and the first ferry from Ostrava docked at noon.</p><p>Brandt said new cranes would be working by March.</p>')),
  );
});
afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

function startBot(env: Record<string, string>): { child: ChildProcessWithoutNullStreams; out: () => string; err: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '', NEWSDESK_DB: join(dir, `${Object.keys(env).length}.db`), NEWSDESK_CORPUS: join(dir, 'corpus'), LOG_LEVEL: 'info',
      NEWSDESK_ENV_FILE: join(dir, 'none.env'), NEWSDESK_CHANNELS: join(dir, 'none.yaml'), NEWSDESK_FEEDS: join(dir, 'feeds.yaml'), ...env,
    },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  return { child, out: () => out, err: () => err };
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  child.stdin.end();
  await new Promise<void>((r) => {
    if (child.exitCode !== null) return r();
    const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => (clearTimeout(t), r()));
  });
}

describe('the bot process following a feed', () => {
  it('answers /brief from the page body of a feed item added while it runs', async () => {
    writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n  - url: ${srv.base}/rss\n    every: 10s\n`);
    const bot = startBot({ NEWSDESK_ALLOW_PRIVATE_FEEDS: '1' });
    try {
      await vi.waitFor(() => expect(srv.hits('/rss')).toBeGreaterThan(0), { timeout: 90_000, interval: 200 });
      items.push({ guid: 'h1', link: `${srv.base}/p/harbour`, title: 'Corvale harbour reopens', description: 'The harbour reopened.' });
      await vi.waitFor(() => expect(srv.hits('/p/harbour')).toBeGreaterThan(0), { timeout: 30_000, interval: 200 });
      await vi.waitFor(
        () => {
          bot.child.stdin.write('/brief Ilse Brandt\n');
          expect(bot.out()).toContain('Corvale harbour reopens');
        },
        { timeout: 30_000, interval: 1000 },
      );
      expect(bot.out()).not.toMatch(/NAV-MARKER|FOOTER-MARKER/);
      // The second poll sent the validators back or simply found nothing new: no second page fetch.
      expect(srv.hits('/p/harbour')).toBe(1);
    } catch (e) {
      console.log(bot.out().slice(-1500), '\n----\n', bot.err().slice(-3000));
      throw e;
    } finally {
      await stop(bot.child);
    }
  }, 180_000);

  it('switches a failing feed off after the configured failures and tells the channel that follows it, once', async () => {
    srv.route('/broken', (_q, res) => {
      res.statusCode = 500;
      res.end('server error');
    });
    writeFileSync(join(dir, 'feeds.yaml'), 'feeds: []\n');
    const channels = join(dir, 'follow.yaml');
    // The console is the channel here (console:local); on Slack or Discord it is the channel's address.
    writeFileSync(channels, `channels:\n  - address: console:local\n    feeds: [${srv.base}/broken]\n`);
    const bot = startBot({ NEWSDESK_ALLOW_PRIVATE_FEEDS: '1', NEWSDESK_FEED_MAX_FAILURES: '1', NEWSDESK_CHANNELS: channels, NEWSDESK_DB: join(dir, 'notice.db') });
    try {
      await vi.waitFor(() => expect(bot.out()).toMatch(/Feed switched off/), { timeout: 120_000, interval: 300 });
      expect(bot.out()).toContain(`${srv.base}/broken`);
      const hits = srv.hits('/broken');
      // Disabled: not polled again, and the notice is not repeated.
      await new Promise((r) => setTimeout(r, 3_000));
      expect(srv.hits('/broken')).toBe(hits);
      expect(bot.out().match(/Feed switched off/g)).toHaveLength(1);
    } catch (e) {
      console.log(bot.out().slice(-1500), '\n----\n', bot.err().slice(-3000));
      throw e;
    } finally {
      await stop(bot.child);
    }
  }, 180_000);

  it('refuses a loopback feed by default, naming host and port, without requesting it', async () => {
    writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n  - url: http://localhost:${srv.port}/rss\n    every: 10s\n  - url: ${srv.base}/rss\n    every: 10s\n`);
    const before = srv.hits('/rss');
    const bot = startBot({ LOG_LEVEL: 'warn' });
    try {
      await vi.waitFor(() => expect(bot.err()).toMatch(new RegExp(`Refused 127\\.0\\.0\\.1:${srv.port}.*loopback`)), { timeout: 120_000, interval: 300 });
      await vi.waitFor(() => expect(bot.err()).toMatch(new RegExp(`Refused localhost:${srv.port}.*loopback`)), { timeout: 30_000, interval: 300 });
      expect(srv.hits('/rss')).toBe(before);
    } finally {
      await stop(bot.child);
    }
  }, 180_000);
});
