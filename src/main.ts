import { config as loadDotenv } from 'dotenv';
import { runCli } from './cli/run-cli.js';

/**
 * The composition root and the only module that touches `process`: it reads
 * the environment (plus `.env`, without mutating process.env), turns signals
 * into a shutdown promise and hands control to the CLI, which builds the
 * core and adapters from factories.
 */
const env: Record<string, string | undefined> = { ...process.env };
loadDotenv({ path: env.NEWSDESK_ENV_FILE ?? '.env', processEnv: env as Record<string, string>, quiet: true });

// A closed pipe (`newsdesk analyze … | head`) is a normal way for a reader to stop, not a crash.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const shutdownSignal = new Promise<string>((resolve) => {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve(sig));
});

runCli(process.argv.slice(2), { env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, shutdownSignal })
  .then((code) => {
    process.exitCode = code;
    // Open handles (sockets, timers) must not keep a finished CLI run alive.
    setTimeout(() => process.exit(code), 200).unref();
  })
  .catch((e: unknown) => {
    process.stderr.write(`newsdesk: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
