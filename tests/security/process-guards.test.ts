import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installCrashGuards, installShutdown, type ProcessLike } from '../../src/adapters/process/process-guards.js';
import type { Logger } from '../../src/app/logger.js';

/** A stand-in for `process`: an event emitter that records exit calls. */
function fakeProcess(): ProcessLike & EventEmitter & { exits: number[] } {
  const e = new EventEmitter() as EventEmitter & ProcessLike & { exits: number[] };
  e.exits = [];
  e.exit = (code?: number) => void e.exits.push(code ?? 0);
  return e;
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (lvl: string) => (msg: string, meta?: Record<string, unknown>) => void lines.push(`${lvl} ${msg} ${JSON.stringify(meta ?? {})}`);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('crash guards', () => {
  it('log unhandled rejections and keep serving', () => {
    const proc = fakeProcess();
    const logger = recordingLogger();
    installCrashGuards(proc, { logger });
    proc.emit('unhandledRejection', new Error('boom'));
    proc.emit('unhandledRejection', null);
    expect(proc.exits).toEqual([]);
    expect(logger.lines[0]).toMatch(/^error unhandled promise rejection.*"error":"boom"/);
  });

  it('survive an occasional uncaught exception but exit 70 on a burst', () => {
    const proc = fakeProcess();
    const logger = recordingLogger();
    let t = 0;
    installCrashGuards(proc, { logger, maxExceptions: 3, windowMs: 1000, now: () => t });
    for (let i = 0; i < 3; i++) proc.emit('uncaughtException', new Error(`e${i}`));
    expect(proc.exits).toEqual([]);
    t = 5000; // the window has passed: the count starts again
    for (let i = 0; i < 3; i++) proc.emit('uncaughtException', new Error(`f${i}`));
    expect(proc.exits).toEqual([]);
    proc.emit('uncaughtException', new Error('one too many'));
    expect(proc.exits).toEqual([70]);
  });
});

describe('shutdown', () => {
  it('resolves on the first signal and arms a hard-exit timer of 10 s', async () => {
    const proc = fakeProcess();
    const timers: { fn: () => void; ms: number }[] = [];
    const signal = installShutdown(proc, { logger: recordingLogger(), timer: (fn, ms) => void timers.push({ fn, ms }) });
    proc.emit('SIGTERM');
    expect(await signal).toBe('SIGTERM');
    expect(timers.map((x) => x.ms)).toEqual([10_000]);
    expect(proc.exits).toEqual([]);
    timers[0].fn();
    expect(proc.exits).toEqual([143]);
  });

  it('exits at once on a second signal', () => {
    const proc = fakeProcess();
    void installShutdown(proc, { logger: recordingLogger(), timer: () => undefined });
    proc.emit('SIGINT');
    expect(proc.exits).toEqual([]);
    proc.emit('SIGINT');
    expect(proc.exits).toEqual([130]);
  });
});

/** Spawn the fixture and collect its output. */
function run(args: string[]): { child: ChildProcess; out: () => string; err: () => string; exit: Promise<{ code: number | null; signal: string | null }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/security/fixtures/guarded-process.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, out: () => out, err: () => err, exit };
}

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

describe('a real process', () => {
  it('survives an unhandled rejection and an uncaught exception, logging both as JSON', async () => {
    const p = run(['crash']);
    const { code } = await p.exit;
    expect(code).toBe(0);
    expect(p.out()).toContain('still serving');
    const logs = p.err().trim().split('\n').map((l) => JSON.parse(l) as { msg: string; level: number | string });
    expect(logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['unhandled promise rejection (still serving)', 'uncaught exception (still serving)']));
  }, 30_000);

  it('a shutdown that hangs is ended by the hard-exit timer', async () => {
    const p = run(['hang', '300']);
    await waitFor(() => p.out().includes('ready'));
    p.child.kill('SIGTERM');
    const { code } = await p.exit;
    expect(code).toBe(143);
    expect(p.err()).toContain('graceful shutdown took too long');
  }, 30_000);

  it('a second signal exits at once, without waiting for the timer', async () => {
    const p = run(['hang', '600000']);
    await waitFor(() => p.out().includes('ready'));
    p.child.kill('SIGTERM');
    await waitFor(() => p.out().includes('stopping'));
    p.child.kill('SIGTERM');
    const { code } = await p.exit;
    expect(code).toBe(143);
    expect(p.err()).toContain('second stop signal');
  }, 30_000);
});
