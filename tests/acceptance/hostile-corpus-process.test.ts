import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileArticles } from './hostile-articles.js';
import { type FakeSlack, signSlackRequest, slashCommandPayload, startFakeSlack, waitUntil } from '../fakes/fake-slack.js';

/**
 * Acceptance test for issue #14 ("Done means", last bullet), run from outside:
 * the real bot process (`node --import tsx src/main.ts`) in Slack HTTP mode
 * against the fake Slack, on the seeds plus a folder of hostile articles this
 * test generates (other sizes and letters than the audit's). Every check is
 * made through the process's public surfaces only: /healthz, signed requests
 * to /slack/events, what reaches the fake Slack, stdout/stderr, signals.
 *
 * The tests in this file run in order and share one process.
 */

// Distinctive secrets, so a leak anywhere is unmistakable.
const TOKEN = `xoxb-acceptance-${randomBytes(12).toString('hex')}`;
const SECRET = `acceptance-signing-${randomBytes(16).toString('hex')}`;
const FORM = 'application/x-www-form-urlencoded';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-acceptance-'));
const corpus = join(dir, 'corpus');
let slack: FakeSlack;
let child: ChildProcess;
let port: number;
let stdout = '';
let stderr = '';
let spawnedAt = 0;
/** Arrival time at the fake Slack of the first message for each response_url id. */
const arrivals = new Map<string, number>();
/** Bodies of the bot's own HTTP answers to our requests (checked for leaks too). */
const ackBodies: string[] = [];
/** Timings observed, printed at the end for the report. */
const timings: Record<string, unknown> = {};
let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
let exited: Promise<void>;

// ---------------------------------------------------------------- helpers

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const p = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return p;
}

async function health(): Promise<Record<string, unknown> | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) });
    if (res.status !== 200) return undefined;
    return (await res.json()) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function pollUntil<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: () => string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function signedPost(body: string, contentType: string, ts?: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, ...signSlackRequest(SECRET, body, ts) },
  });
  ackBodies.push(await res.text());
  return res.status;
}

function commandBody(text: string, id: string, userId: string, channelId = 'C1', command = '/brief'): string {
  return new URLSearchParams(slashCommandPayload({ command, text, responseUrl: slack.responseUrl(id), userId, channelId })).toString();
}

/** Send a signed slash command; resolve with the first message at its response_url. */
async function command(text: string, id: string, userId: string, channelId = 'C1', cmd = '/brief'): Promise<Record<string, unknown>> {
  const status = await signedPost(commandBody(text, id, userId, channelId, cmd), FORM);
  expect(status, `signed ${cmd} ${JSON.stringify(text)} must be acknowledged with 200`).toBe(200);
  const [answer] = await slack.waitForResponses(id, 1, 15_000);
  return answer;
}

/** Every string inside a JSON value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** Everything the bot sent to Slack: response_url bodies and Web API call bodies. */
function allSentToSlack(): unknown[] {
  return [...[...slack.responses.values()].flat(), ...slack.calls.map((c) => c.body)];
}

// C0 except tab/newline/CR, DEL, C1 (includes ESC and the 8-bit CSI).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Invisible characters an attacker uses to split a mention (not ZWSP, which the renderer adds itself after `@`). */
const SPLITTERS = /[\u200C\u200D\u2060\uFEFF\u00AD\u180E]/g;
const LIVE = [/<!(?:here|channel|everyone)\b/i, /<!subteam\^/i, /<@[UWB][A-Z0-9]*/i, /<#C[A-Z0-9]*/i];

function controlProblems(v: unknown): string[] {
  return strings(v).filter((s) => CONTROL.test(s)).map((s) => JSON.stringify(s.slice(Math.max(0, s.search(CONTROL) - 40), s.search(CONTROL) + 40)));
}

function liveMentionProblems(v: unknown): string[] {
  const found: string[] = [];
  for (const s of strings(v)) {
    for (const form of [s, s.normalize('NFKC').replace(SPLITTERS, '')]) {
      for (const re of LIVE) if (re.test(form)) found.push(`${re} in ${JSON.stringify(form.slice(0, 300))}`);
      // A bare broadcast word right after `@` (no ZWSP in between) counts too, if a client ever sets link_names.
      if (/(?<![\w\u200B])@(?:here|channel|everyone)\b/i.test(form)) found.push(`bare @broadcast in ${JSON.stringify(form.slice(0, 300))}`);
    }
  }
  return [...new Set(found)];
}

function textOf(answer: Record<string, unknown>): string {
  return strings(answer).join('\n');
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

// ---------------------------------------------------------------- process

beforeAll(async () => {
  mkdirSync(corpus, { recursive: true });
  cpSync('seeds', join(corpus, 'seeds'), { recursive: true });
  mkdirSync(join(corpus, 'hostile'));
  for (const [name, content] of Object.entries(hostileArticles())) writeFileSync(join(corpus, 'hostile', name), content);

  slack = await startFakeSlack({ onResponse: (id) => { if (!arrivals.has(id)) arrivals.set(id, Date.now()); } });
  port = await freePort();
  spawnedAt = Date.now();
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      NEWSDESK_DB: join(dir, 'nd.db'),
      NEWSDESK_CORPUS: corpus,
      NEWSDESK_CHANNELS: join(dir, 'none.yaml'),
      NEWSDESK_ENV_FILE: join(dir, 'none.env'),
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (stdout += String(d)));
  child.stderr!.on('data', (d) => (stderr += String(d)));
  exited = new Promise((r) => child.once('exit', (code, signal) => { exitInfo = { code, signal }; r(); }));
}, 30_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
  // eslint-disable-next-line no-console
  if (process.env.ACCEPTANCE_DEBUG) console.log(`[acceptance #14] stderr:\n${stderr}\nstdout:\n${stdout}`);
  // eslint-disable-next-line no-console
  console.log(`[acceptance #14] timings: ${JSON.stringify(timings, null, 1)}`);
});

const alive = () => child.exitCode === null && child.signalCode === null;
const tail = () => `exit=${JSON.stringify(exitInfo)} stderr tail: ${stderr.slice(-2000)}`;

describe('issue #14 acceptance: the bot process on seeds + hostile articles, against a fake Slack', () => {
  it('1. /healthz answers ok within 60 s of spawn, and every article is analysed or failed-with-reason within 60 s more', async () => {
    const first = await pollUntil(async () => (alive() ? health() : Promise.reject(new Error(`process died before healthy: ${tail()}`))), 60_000, () => `/healthz ok within 60 s of spawn (${tail()})`);
    timings.healthyAfterMs = Date.now() - spawnedAt;
    expect(first, `/healthz body ${JSON.stringify(first)}`).toMatchObject({ ok: true, ready: true });
    const healthyAt = Date.now();
    // /healthz `pending` counts only articles already ingested (it reads 0 before the background ingest has stored
    // anything), so "all analysed" is: the process logged `corpus analysed` and /healthz shows no pending work.
    const samples: string[] = [];
    let last: Record<string, unknown> | undefined;
    const done = await pollUntil(async () => {
      if (!alive()) throw new Error(`process died during analysis: ${tail()}`);
      last = await health();
      const s = JSON.stringify(last);
      if (samples[samples.length - 1] !== s) samples.push(`${Date.now() - healthyAt}ms ${s}`);
      return last && last.pending === 0 && /corpus analysed/.test(stdout + stderr) ? last : undefined;
    }, 60_000, () => `all articles analysed within 60 s of healthy; last /healthz ${JSON.stringify(last)}`);
    timings.analysedAfterHealthyMs = Date.now() - healthyAt;
    timings.healthSamples = samples.slice(0, 40);
    timings.healthAfterAnalysis = done;
    timings.analysedLogLine = (stdout + stderr).split('\n').find((l) => /corpus analysed/.test(l));
    const files = Object.keys(hostileArticles()).length + 2;
    // Every file is accounted for: answerable, failed with a reason, or refused at ingest (binary) and logged.
    expect(Number(done.articles), `both seed articles must be answerable: ${JSON.stringify(done)}`).toBeGreaterThanOrEqual(2);
    expect(Number(done.stored), `stored = answerable + failed: ${JSON.stringify(done)}`).toBe(Number(done.articles) + Number(done.failed));
    // Everything but random-bytes.txt is text and must be stored (answerable or failed); the binary one must not be.
    expect(Number(done.stored), `the ${files - 1} text files stored and the binary one refused: ${JSON.stringify(done)}`).toBe(files - 1);
  }, 130_000);

  it('1b. /newsdesk status answers, and names failed articles whenever /healthz counts any', async () => {
    const answer = await command('status', 'status-1', 'USTATUS', 'C1', '/newsdesk');
    const text = textOf(answer);
    timings.statusText = text.slice(0, 3000);
    const h = (await health())!;
    if (Number(h.failed) > 0) expect(text, 'status must mention failed/left-out articles when /healthz counts failures').toMatch(/fail|too slow|left out|skipped/i);
    expect(controlProblems(answer), 'no control characters in status').toEqual([]);
  });

  it('1c. the refused binary article is reported with its reason (log, /healthz or status), not dropped silently', async () => {
    const h = (await health())!;
    const statusText = String(timings.statusText ?? '');
    const reason = /(binary|not valid UTF-8|control characters)/;
    const inLog = (stdout + stderr).split('\n').some((l) => l.includes('random-bytes.txt') && reason.test(l));
    const inStatus = statusText.includes('random-bytes') && reason.test(statusText);
    expect(inLog || inStatus || Number(h.failed) > 0, `random-bytes.txt was refused without a trace: no log line naming it, /newsdesk status says ${JSON.stringify(statusText.slice(0, 200))}, /healthz ${JSON.stringify(h)}`).toBe(true);
  });

  it('2. signed /brief colombia and briefings over hostile articles answer via response_url, without control characters', async () => {
    const t0 = Date.now();
    const colombia = await command('colombia', 'brief-colombia', 'UBRIEF1');
    timings.briefColombiaMs = Date.now() - t0;
    expect(textOf(colombia), '/brief colombia must be a briefing').toMatch(/Briefing: colombia/i);
    const hostile: Record<string, string> = {};
    // Each word names one hostile article (quote-mark run, control escapes, the ~3 MB article, a byline line).
    const headlines: Record<string, RegExp> = {
      thornbury: /Thornbury bridge to reopen/,
      kestrelton: /Kestrelton\s*flood\s*warning/,
      'harbour strike': /Harbour strike spreads/,
      dockworkers: /Dockworkers vote on the offer/,
    };
    for (const [word, headline] of Object.entries(headlines)) {
      const t = Date.now();
      const a = await command(word, `brief-${word.replace(/\W/g, '-')}`, 'UBRIEF2');
      timings[`brief ${word} ms`] = Date.now() - t;
      hostile[word] = textOf(a).slice(0, 600);
      expect(textOf(a), `/brief ${word} must be a briefing showing the hostile article`).toMatch(headline);
    }
    timings.hostileBriefings = hostile;
    // Not asserted (the issue sets no rule): how long a run of quote marks a briefing shows.
    timings.longestQuoteMarkRunShown = Math.max(0, ...strings(allSentToSlack()).map((x) => Math.max(0, ...(x.match(/["“”‘’«»„]+/g) ?? []).map((m) => m.length))));
    expect(controlProblems(allSentToSlack()), 'no ANSI/control characters may reach Slack').toEqual([]);
    expect(strings(allSentToSlack()).some((s) => s.includes('\u001b') || /\[\d+m|\]8;;/.test(s)), 'no ANSI/OSC escape remnants reach Slack').toBe(false);
  }, 90_000);

  it('3. replays (timestamp > 5 min old, 1 h in the future) get 401; signed JSON null does not kill the process', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await signedPost(commandBody('colombia', 'replay-old', 'UREPLAY'), FORM, now - 6 * 60), 'a request signed 6 minutes ago must get 401').toBe(401);
    expect(await signedPost(commandBody('colombia', 'replay-future', 'UREPLAY'), FORM, now + 3600), 'a request signed 1 h in the future must get 401').toBe(401);
    const nullStatus = await signedPost('null', 'application/json');
    timings.signedNullStatus = nullStatus;
    expect(nullStatus, 'a signed JSON null must be refused (not 2xx/5xx)').toBeGreaterThanOrEqual(400);
    expect(nullStatus).toBeLessThan(500);
    await signedPost('[]', 'application/json');
    await signedPost('payload=null', FORM);
    expect(alive(), `the process must survive a signed JSON null: ${tail()}`).toBe(true);
    expect((await health())?.ok, '/healthz still ok after signed null').toBe(true);
    expect(textOf(await command('colombia', 'after-null', 'UREPLAY')), 'honest command after the null body').toMatch(/Briefing: colombia/i);
    expect(slack.responses.has('replay-old') || slack.responses.has('replay-future'), 'refused replays must not be answered').toBe(false);
  }, 40_000);

  it('4. disguised mentions in arguments (and in article text) never reach Slack as live mentions', async () => {
    const attempts = ['＜!here＞ colombia', '<\u200D!channel\u200D> colombia', '<!\u200Dchannel> venezuela', '＠everyone colombia', '<@U123> colombia', '<@U123|boss> ﹤!everyone﹥ colombia', '\uFF1C\u0040U999\uFF1E maduro'];
    for (const [i, text] of attempts.entries()) {
      const a = await command(text, `mention-${i}`, `UMENTION${i}`);
      expect(liveMentionProblems(a), `live mention syntax reached Slack for argument ${JSON.stringify(text)}`).toEqual([]);
    }
    // Article text with <!here>, ＜!channel＞, <@U0BADBAD>, ＠everyone (control-escapes.txt), shown by /brief and /quotes.
    const quotes = await command('kestrelton', 'mention-quotes', 'UMENTIONQ', 'C1', '/quotes');
    timings.quotesKestrelton = textOf(quotes).slice(0, 600);
    expect(liveMentionProblems(allSentToSlack()), 'no live mention anywhere in what reached Slack').toEqual([]);
  }, 60_000);

  it('5. a flooding user gets the polite limit reply; a calm user in the same channel keeps getting fast, real answers', async () => {
    const channel = 'CFLOOD';
    const calmLatencies: number[] = [];
    const calm = (async () => {
      for (let i = 0; i < 6; i++) {
        const id = `calm-${i}`;
        const t = Date.now();
        expect(await signedPost(commandBody('colombia', id, 'UCALM', channel), FORM), 'calm user ack').toBe(200);
        const [a] = await slack.waitForResponses(id, 1, 20_000);
        calmLatencies.push((arrivals.get(id) ?? Date.now()) - t);
        const text = textOf(a);
        expect(text, `calm user's command ${i} must get a real answer, not a limit reply`).not.toMatch(/sending (commands quickly|a lot of commands)/i);
        expect(text, `calm user's command ${i} must be a briefing`).toMatch(/Briefing: colombia/i);
        await new Promise((r) => setTimeout(r, 700)); // the calm user's own pace, not a timing assertion
      }
    })();
    const floodStart = Date.now();
    const acks = await Promise.all(Array.from({ length: 40 }, (_, i) => signedPost(commandBody('colombia', `flood-${i}`, 'UFLOOD', channel), FORM)));
    timings.floodSendMs = Date.now() - floodStart;
    expect(acks.every((s) => s === 200), `every flood request is acknowledged: ${acks.join(',')}`).toBe(true);
    await waitUntil(() => (Array.from({ length: 40 }, (_, i) => slack.responses.has(`flood-${i}`)).every(Boolean) ? true : undefined), 60_000, 'an answer to each of the 40 flood commands');
    await calm;
    const floodTexts = Array.from({ length: 40 }, (_, i) => textOf(slack.responses.get(`flood-${i}`)![0]));
    const limited = floodTexts.filter((t) => /You(’|')re sending commands quickly — try again in \d+ s/.test(t));
    const real = floodTexts.filter((t) => /Briefing: colombia/i.test(t));
    timings.flood = { limited: limited.length, real: real.length, sampleLimitReply: limited[0]?.slice(0, 300) };
    timings.calmLatencyMs = { p50: quantile(calmLatencies, 0.5), max: Math.max(...calmLatencies), all: calmLatencies };
    expect(limited.length, 'the flooding user must get the polite "You\'re sending commands quickly — try again in N s" reply').toBeGreaterThan(0);
    expect(real.length, 'the flooding user is answered up to the limit, not beyond it').toBeLessThan(40);
    const limitedBodies = Array.from({ length: 40 }, (_, i) => slack.responses.get(`flood-${i}`)![0]).filter((b) => /sending commands quickly/.test(textOf(b)));
    expect(limitedBodies.every((b) => b.response_type !== 'in_channel'), 'limit replies are private (never posted to the channel)').toBe(true);
    expect(Math.max(...calmLatencies), `calm user latency stays reasonable: ${calmLatencies.join(', ')} ms`).toBeLessThan(10_000);
  }, 120_000);

  it('6. neither the bot token nor the signing secret appears in stdout/stderr or in anything sent to Slack', () => {
    for (const [what, secret] of [['bot token', TOKEN], ['signing secret', SECRET]] as const) {
      expect(stdout.includes(secret), `${what} leaked to stdout`).toBe(false);
      expect(stderr.includes(secret), `${what} leaked to stderr`).toBe(false);
      expect(JSON.stringify([...slack.responses.values()]).includes(secret), `${what} leaked in a message sent to a response_url`).toBe(false);
      // Web API request bodies: the only tolerated occurrence is the `token` form field of auth.test, which
      // @slack/bolt itself sends (App.init / authorize call client.auth.test({ token })); see the report.
      const inBodies = slack.calls.filter((c) => JSON.stringify(c.body).includes(secret));
      timings[`${what} in Web API bodies`] = inBodies.map((c) => `${c.method}: fields ${Object.keys(c.body).filter((k) => JSON.stringify(c.body[k]).includes(secret)).join(',')}`);
      for (const c of inBodies) {
        expect(`${c.method} ${Object.keys(c.body).filter((k) => JSON.stringify(c.body[k]).includes(secret)).join(',')}`, `${what} leaked in a Web API body other than auth.test's token field`).toBe('auth.test token');
      }
      expect(ackBodies.some((b) => b.includes(secret)), `${what} leaked in an HTTP answer of the bot`).toBe(false);
    }
    // The token goes only where it belongs.
    for (const c of slack.calls) expect(c.authorization === undefined || c.authorization === `Bearer ${TOKEN}`, `unexpected Authorization on ${c.method}`).toBe(true);
    expect(stderr + stdout, 'the secrets leave no recognisable part either').not.toContain(TOKEN.slice(-16));
    expect(stderr + stdout).not.toContain(SECRET.slice(-16));
    expect(alive(), `process still up before SIGTERM: ${tail()}`).toBe(true);
  });

  it('7. SIGTERM → the process exits within 10 s', async () => {
    const t = Date.now();
    child.kill('SIGTERM');
    const ok = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
    timings.sigtermExitMs = Date.now() - t;
    timings.exit = exitInfo;
    expect(ok, `process still running 10 s after SIGTERM: ${tail()}`).toBe(true);
    expect(exitInfo?.code, `exit after SIGTERM: ${JSON.stringify(exitInfo)}`).toBe(0);
  }, 20_000);
});
