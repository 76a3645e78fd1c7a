#!/usr/bin/env node
// The `newsdesk` command. An installed copy runs the compiled entry in this very process (built by
// `npm install` through the prepare script), so signals reach our own handlers and nothing is orphaned.
// A source checkout without dist/ falls back to tsx in a child that receives every signal we get.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'main.js');

if (existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
  const child = spawn(process.execPath, [tsxCli, join(root, 'src', 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
