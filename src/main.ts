import { config as loadDotenv } from 'dotenv';
import { installCrashGuards, installShutdown } from './adapters/process/process-guards.js';
import { createLogger, type LogLevel } from './app/logger.js';
import { runCli } from './cli/run-cli.js';

/**
 * The composition root and the only module that touches `process`: it reads
 * the environment (plus `.env`, without mutating process.env), installs the
 * crash and signal guards, and hands control to the CLI, which builds the
 * core and adapters from factories.
 */
const env: Record<string, string | undefined> = { ...process.env };
loadDotenv({ path: env.NEWSDESK_ENV_FILE ?? '.env', processEnv: env as Record<string, string>, quiet: true });

// The guards log before the config is validated, so they read the level themselves (a bad value falls back to info).
const LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error', 'silent'];
const processLogger = createLogger((LEVELS.includes(env.LOG_LEVEL ?? '') ? env.LOG_LEVEL : 'info') as LogLevel, process.stderr);

// A closed pipe (`newsdesk analyze … | head`) is a normal way for a reader to stop, not a crash.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

installCrashGuards(process, { logger: processLogger });
const shutdownSignal = installShutdown(process, { logger: processLogger, hardExitMs: 10_000 });

runCli(process.argv.slice(2), { env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, shutdownSignal })
  .then((code) => {
    process.exitCode = code;
    // Open handles (sockets, timers) must not keep a finished run alive, but
    // stdout must drain first: a slow reader on a pipe still gets every answer.
    const exit = () => setTimeout(() => process.exit(code), 200).unref();
    if (process.stdout.writableLength > 0) process.stdout.once('drain', exit);
    else exit();
  })
  .catch((e: unknown) => {
    processLogger.error('newsdesk failed', { error: (e as Error).message, stack: (e as Error).stack });
    process.exit(1);
  });
