import { runCli } from './cli/run-cli.js';

/**
 * The composition root and the only module that touches `process`: it reads
 * the environment, wires factories and hands control to the CLI or the bot.
 */
runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e: unknown) => {
    process.stderr.write(`newsdesk: ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
