import type { Logger } from '../../app/logger.js';

/**
 * The process's edges: what happens on an error nobody caught, and on a
 * stop signal. Written against a small ProcessLike so tests can drive them
 * with an EventEmitter and fake timers; main.ts passes the real `process`.
 */

/** The part of `process` the guards use. */
export interface ProcessLike {
  on(event: 'unhandledRejection' | 'uncaughtException', fn: (err: unknown) => void): unknown;
  on(event: NodeJS.Signals, fn: () => void): unknown;
  exit(code?: number): void;
}

/** A timer that must not keep the process alive (`unref`). */
export type HardExitTimer = (fn: () => void, ms: number) => void;

const defaultTimer: HardExitTimer = (fn, ms) => void setTimeout(fn, ms).unref();

/** Options for installCrashGuards. */
export interface CrashGuardOptions {
  logger: Logger;
  /** Uncaught exceptions tolerated per window before the process gives up (a supervisor restarts it). */
  maxExceptions?: number;
  windowMs?: number;
  now?: () => number;
}

function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { error: err.message, name: err.name, code: (err as NodeJS.ErrnoException).code, stack: err.stack };
  return { error: String(err) };
}

/**
 * Log unhandled rejections and uncaught exceptions as structured errors and
 * keep serving. A rejection cannot have left a half-finished synchronous
 * operation behind, so it is always survivable. An exception might have;
 * one now and then (a library throwing from a socket callback) is logged
 * and survived, but a burst means something is broken for good, so the
 * process exits with 70 and lets its supervisor start a clean one.
 */
export function installCrashGuards(proc: ProcessLike, opts: CrashGuardOptions): void {
  const max = opts.maxExceptions ?? 10;
  const windowMs = opts.windowMs ?? 60_000;
  const now = opts.now ?? Date.now;
  let recent: number[] = [];
  proc.on('unhandledRejection', (err) => opts.logger.error('unhandled promise rejection (still serving)', describeError(err)));
  proc.on('uncaughtException', (err) => {
    const t = now();
    recent = [...recent.filter((x) => t - x < windowMs), t];
    if (recent.length > max) {
      opts.logger.error('too many uncaught exceptions; exiting so a supervisor can restart cleanly', { ...describeError(err), count: recent.length, windowMs });
      proc.exit(70);
      return;
    }
    opts.logger.error('uncaught exception (still serving)', describeError(err));
  });
}

/** Options for installShutdown. */
export interface ShutdownOptions {
  logger: Logger;
  /** Longest a graceful stop may take after the first signal (default 10 s). */
  hardExitMs?: number;
  timer?: HardExitTimer;
  signals?: readonly NodeJS.Signals[];
}

/** Conventional exit code for death by a signal: 128 + its number. */
export function signalExitCode(sig: NodeJS.Signals): number {
  return sig === 'SIGINT' ? 130 : sig === 'SIGTERM' ? 143 : 1;
}

/**
 * A promise that resolves with the first SIGINT/SIGTERM, so the bot can
 * stop gracefully. The first signal also arms an unref'd timer that exits
 * after `hardExitMs` whatever is still pending (a hung socket, a slow
 * platform); a second signal exits at once. Either way the process is gone
 * within the limit Docker and systemd give before SIGKILL.
 */
export function installShutdown(proc: ProcessLike, opts: ShutdownOptions): Promise<NodeJS.Signals> {
  const hardExitMs = opts.hardExitMs ?? 10_000;
  const timer = opts.timer ?? defaultTimer;
  let first: NodeJS.Signals | undefined;
  return new Promise((resolve) => {
    for (const sig of opts.signals ?? (['SIGINT', 'SIGTERM'] as const)) {
      proc.on(sig, () => {
        if (first) {
          opts.logger.warn('second stop signal; exiting now', { signal: sig });
          proc.exit(signalExitCode(sig));
          return;
        }
        first = sig;
        opts.logger.info('stop signal received; shutting down', { signal: sig, hardExitMs });
        timer(() => {
          opts.logger.error('graceful shutdown took too long; exiting', { signal: sig, hardExitMs });
          proc.exit(signalExitCode(sig));
        }, hardExitMs);
        resolve(sig);
      });
    }
  });
}
