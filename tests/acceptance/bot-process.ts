import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { type FakeSlack, signSlackRequest, slashCommandPayload } from '../fakes/fake-slack.js';

/**
 * One real newsdesk process seen from outside, for acceptance tests: it is
 * spawned with an explicit environment (nothing inherited but PATH), and
 * everything the test learns comes from its public surfaces — /healthz,
 * signed requests to /slack/events, its stdout/stderr, its exit.
 */
export interface BotProcess {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything the process wrote so far (logs are JSON lines on stderr). */
  output(): string;
  alive(): boolean;
  /** `{code, signal}` once it has exited. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** The /healthz body when it answers 200, else undefined (never throws). */
  health(): Promise<Record<string, unknown> | undefined>;
  /** POST a signed body to /slack/events; resolves with the HTTP status. */
  signedPost(body: string, contentType: string): Promise<number>;
  /** The last `n` characters of output and the exit status, for failure messages. */
  tail(n?: number): string;
  kill(signal: NodeJS.Signals): void;
}

/** A TCP port nobody listens on right now (the process binds it a moment later). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const p = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return p;
}

/**
 * Spawn `command` in `cwd` with exactly `env` (plus PATH). The child is not
 * detached: a test run that dies takes it along, and `kill` signals the
 * process itself (the command must be the node process, not a wrapper, for
 * SIGKILL to mean "this process died").
 */
export function spawnBot(p: { name: string; command: readonly string[]; cwd: string; env: Record<string, string>; port: number; signingSecret: string }): BotProcess {
  const [file, ...args] = p.command;
  const child = spawn(file, args, { cwd: p.cwd, env: { PATH: process.env.PATH ?? '', ...p.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  child.once('exit', (code, signal) => (exitInfo = { code, signal }));
  const base = `http://127.0.0.1:${p.port}`;
  return {
    name: p.name,
    port: p.port,
    child,
    output: () => out,
    alive: () => exitInfo === undefined && child.exitCode === null && child.signalCode === null,
    exit: () => exitInfo,
    async health() {
      try {
        const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
        if (res.status !== 200) return undefined;
        return (await res.json()) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    },
    async signedPost(body, contentType) {
      const res = await fetch(`${base}/slack/events`, {
        method: 'POST',
        body,
        headers: { 'content-type': contentType, ...signSlackRequest(p.signingSecret, body) },
        signal: AbortSignal.timeout(10_000),
      });
      await res.text();
      return res.status;
    },
    tail: (n = 3000) => `[${p.name} exit=${JSON.stringify(exitInfo)}] …${out.slice(-n)}`,
    kill: (signal) => void child.kill(signal),
  };
}

/**
 * Send a signed slash command to `bot` and resolve with the first message
 * posted to its response_url (undefined when none comes within `timeoutMs`).
 * Each call needs its own `id`; the fake Slack keys answers by it.
 */
export async function slashCommand(
  bot: BotProcess,
  slack: FakeSlack,
  p: { id: string; text: string; command?: string; userId: string; channelId: string; timeoutMs?: number },
): Promise<Record<string, unknown> | undefined> {
  const body = new URLSearchParams(
    slashCommandPayload({ command: p.command ?? '/brief', text: p.text, responseUrl: slack.responseUrl(p.id), userId: p.userId, channelId: p.channelId }),
  ).toString();
  const status = await bot.signedPost(body, 'application/x-www-form-urlencoded');
  if (status !== 200) throw new Error(`${bot.name}: signed ${p.command ?? '/brief'} ${JSON.stringify(p.text)} got HTTP ${status}`);
  try {
    const [answer] = await slack.waitForResponses(p.id, 1, p.timeoutMs ?? 15_000);
    return answer;
  } catch {
    return undefined;
  }
}

/** Poll `check` every `everyMs` until it gives a value; fail after `timeoutMs` naming what was awaited. */
export async function pollUntil<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, what: () => string, everyMs = 250): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Every string inside a JSON value, joined by newlines: what a reader of the message sees, roughly. */
export function textOf(v: unknown): string {
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (typeof x === 'string') out.push(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') Object.values(x).forEach(walk);
  };
  walk(v);
  return out.join('\n');
}
