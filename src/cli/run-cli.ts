import { runAnalyze } from './run-analyze.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const args = argv[0] === 'cli' ? argv.slice(1) : argv;
  const [cmd, ...rest] = args;
  if (cmd === 'analyze') {
    const files = rest.filter((a) => a !== '--json');
    return runAnalyze(files, (l) => io.stdout.write(l + '\n'));
  }
  io.stderr.write('usage: newsdesk analyze --json FILE...\n');
  return 2;
}
