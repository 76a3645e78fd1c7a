import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, interactionPayload, startFakeDiscord } from '../fakes/fake-discord.js';
import { type FakeSlack, signSlackRequest, slashCommandPayload, startFakeSlack, waitUntil } from '../fakes/fake-slack.js';

/**
 * The whole process from outside: `src/main.ts` started as `npm start` does,
 * with SLACK_API_URL and DISCORD_API_URL pointing the real libraries at local
 * fakes. A signed Slack slash command arrives over HTTP on PORT, a Discord
 * interaction over the fake gateway, and SIGTERM shuts everything down.
 */
const SECRET = 'e2e-signing-secret';
let slack: FakeSlack;
let discord: FakeDiscord;
let child: ChildProcess;
let port: number;
let stderr = '';
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-platforms-'));

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const p = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return p;
}

beforeAll(async () => {
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
  port = await freePort();
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      NEWSDESK_DB: join(dir, 'nd.db'),
      NEWSDESK_CORPUS: 'seeds',
      NEWSDESK_CHANNELS: join(dir, 'none.yaml'),
      NEWSDESK_ENV_FILE: join(dir, 'none.env'),
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: 'fake.bot.token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.api,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d) => (stderr += String(d)));
  await waitUntil(() => (/newsdesk started/.test(stderr) ? true : undefined), 30_000, `bot start (stderr so far: ${stderr})`);
  // The bot is healthy before its corpus is analysed; /healthz reports the backlog until it is done.
  const first = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Record<string, unknown>;
  expect(first).toMatchObject({ ok: true, ready: true });
  expect(first).toHaveProperty('pending');
  await waitForHealth((h) => h.pending === 0 && h.articles === 2, 60_000);
}, 100_000);

async function waitForHealth(ok: (h: Record<string, unknown>) => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const h = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Record<string, unknown>;
    if (ok(h)) return;
    if (Date.now() > end) throw new Error(`corpus not analysed in time: ${JSON.stringify(h)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await slack?.close();
  await discord?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start against local fake Slack and Discord', () => {
  it('serves /healthz on PORT', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, ready: true, articles: 2, stored: 2, pending: 0, failed: 0 });
  });

  it('answers a signed Slack /brief colombia with Block Kit at the response_url', async () => {
    const body = new URLSearchParams(slashCommandPayload({ command: '/brief', text: 'colombia', responseUrl: slack.responseUrl('proc-1') })).toString();
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) },
    });
    expect(res.status).toBe(200);
    const [answer] = await slack.waitForResponses('proc-1', 1, 10_000);
    expect(JSON.stringify(answer.blocks)).toMatch(/Briefing: colombia/);
  });

  it('answers a Discord /who blinken interaction with an embed', async () => {
    const payload = interactionPayload({ name: 'who', options: [{ name: 'name', type: 3, value: 'blinken' }], applicationId: discord.applicationId });
    discord.dispatch('INTERACTION_CREATE', payload);
    const token = payload.token as string;
    const reply = await discord.waitForRequest((r) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`), 10_000);
    expect(JSON.stringify(reply.body)).toMatch(/Antony Blinken/);
  });

  it('shuts down gracefully on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/shutting down/);
  });
});
