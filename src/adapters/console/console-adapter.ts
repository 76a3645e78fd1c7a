import { createInterface } from 'node:readline';
import type { CommandRouter, PlatformAdapter } from '../../core/adapter.js';
import { resolveCommand } from '../../core/command-names.js';
import type { Reply } from '../../core/reply.js';
import { renderPlainText } from '../../render/plain-text.js';
import { stripTerminalControls } from '../../render/untrusted-text.js';

/** The console's single channel address. */
export const CONSOLE_ADDRESS = 'console:local';

export interface ConsoleAdapterOptions {
  router: CommandRouter;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Show a prompt and greeting (interactive terminal) or just answer lines (piped input). */
  interactive: boolean;
  commandPrefix?: string;
  greeting?: string;
}

/**
 * Local console adapter: each input line is a command ("/brief colombia",
 * "brief colombia" or "/newsdesk brief colombia"). The local operator is
 * an admin. With piped input it answers every line and resolves `done`
 * at end of input, so `printf '/brief x\n' | npm start` works in scripts.
 */
export function createConsoleAdapter(opts: ConsoleAdapterOptions): PlatformAdapter & { done: Promise<void> } {
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  let rl: ReturnType<typeof createInterface> | undefined;
  // Article text and echoed arguments may carry terminal escapes (OSC 52 clipboard writes,
  // window titles, cursor moves); nothing reaches the terminal unfiltered.
  // Resolves once the output has taken the text, so a slow reader applies back-pressure
  // instead of answers piling up in memory (and being lost at exit).
  const write = (s: string): Promise<void> => {
    const clean = stripTerminalControls(s);
    const ok = opts.output.write(clean.endsWith('\n') ? clean : `${clean}\n`);
    return ok ? Promise.resolve() : new Promise((resolve) => opts.output.once('drain', () => resolve()));
  };

  async function handleLine(line: string): Promise<void> {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    if (/^\/?(quit|exit)$/i.test(t)) {
      rl?.close();
      return;
    }
    const m = /^\/?(\S+)\s*([\s\S]*)$/.exec(t)!;
    const names = opts.router.specs().map((s) => s.name);
    const resolved = resolveCommand(m[1], m[2], opts.commandPrefix ?? '', names) ?? { name: m[1].toLowerCase(), args: m[2].trim() };
    const reply = await opts.router.run({
      name: resolved.name,
      args: resolved.args,
      actor: { id: 'console', name: 'console', isAdmin: true },
      channel: CONSOLE_ADDRESS,
      platform: 'console',
    });
    await write(renderPlainText(reply) + '\n');
  }

  return {
    platform: 'console',
    done,
    owns: (address) => address.startsWith('console:'),
    async post(_address: string, reply: Reply) {
      await write(renderPlainText(reply) + '\n');
    },
    async start() {
      rl = createInterface({ input: opts.input, output: opts.interactive ? opts.output : undefined, terminal: opts.interactive });
      if (opts.interactive) {
        if (opts.greeting) void write(opts.greeting);
        rl.setPrompt('newsdesk> ');
        rl.prompt();
      }
      // Lines are handled strictly in order, even when an answer is slow.
      let chain = Promise.resolve();
      rl.on('line', (line) => {
        chain = chain.then(() => handleLine(line)).then(() => {
          if (opts.interactive) rl?.prompt();
        });
      });
      rl.on('close', () => {
        void chain.then(resolveDone);
      });
    },
    async stop() {
      rl?.close();
      await done;
    },
  };
}
