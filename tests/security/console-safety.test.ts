import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../src/adapters/console/console-adapter.js';
import type { CommandRouter } from '../../src/core/adapter.js';
import { makeReply } from '../../src/core/reply.js';
import { renderPlainText } from '../../src/render/plain-text.js';
import { stripTerminalControls } from '../../src/render/untrusted-text.js';

/**
 * The console prints article text and echoed arguments straight to a
 * terminal, so escape sequences must not get through; and with piped input
 * every answer must reach a reader, however slowly it reads.
 */

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-console-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE = [
  '\u001b[2J\u001b[H', // clear screen, cursor home
  '\u001b]0;pwned\u0007', // window title
  '\u001b]52;c;ZWNobyBoaQ==\u0007', // OSC 52: write the clipboard
  '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\', // hyperlink
  '\u009b31m', // 8-bit CSI
  '\u001bP+q\u001b\\', // DCS
  'bell\u0007 backspace\u0008 nul\u0000 del\u007f c1\u0085',
];

/** Nothing a terminal would act on: ESC, 8-bit introducers, or other C0/C1 controls (newline and tab are fine). */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

describe('terminal safety', () => {
  it('strips escape sequences whole and every other control character', () => {
    for (const h of HOSTILE) expect(stripTerminalControls(`a${h}b`), JSON.stringify(h)).not.toMatch(CONTROL);
    expect(stripTerminalControls('red \u001b[31mtext\u001b[0m')).toBe('red text');
    expect(stripTerminalControls('tab\tand\nnewline')).toBe('tab\tand\nnewline');
    expect(stripTerminalControls('before\u001b]0;title\u0007after')).toBe('beforeafter');
  });

  it('the console adapter prints replies with hostile article text and arguments inertly', async () => {
    const hostile = HOSTILE.join(' ');
    const router: CommandRouter = {
      specs: () => [],
      complete: () => [],
      run: async (inv) => makeReply({ title: `Briefing: ${inv.args}`, intro: hostile, sections: [{ items: [{ title: hostile, summary: hostile, quotes: [{ text: hostile, speaker: hostile }] }] }], footer: hostile }),
    };
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c: Buffer) => (printed += c.toString('utf8')));
    const adapter = createConsoleAdapter({ router, input, output, interactive: false });
    await adapter.start();
    input.end(`/brief x\u001b]52;c;aGk=\u0007y\n`);
    await adapter.done;
    expect(printed).toContain('Briefing: xy');
    expect(printed).not.toMatch(CONTROL);
  });

  it('renderPlainText (also used by the CLI) strips them too', () => {
    expect(renderPlainText(makeReply({ title: '\u001b[31mt', intro: '\u001b]0;x\u0007i', sections: [] }))).not.toMatch(CONTROL);
  });
});

describe('piped input with a slow reader', () => {
  it('prints all 40 answers before the process exits', async () => {
    // Synthetic articles make each briefing several KB, so 40 of them are far more than a pipe holds (64 KB).
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus, { recursive: true });
    cpSync('seeds', corpus, { recursive: true });
    // Distinct vocabularies so the stories are not grouped as duplicates; long sentences and quotes.
    let seed = 7;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const word = () => Array.from({ length: 4 + Math.floor(rnd() * 6) }, () => 'bcdfghklmnprstvz'[Math.floor(rnd() * 16)] + 'aeiou'[Math.floor(rnd() * 5)]).join('').slice(0, 9);
    const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
    for (let i = 0; i < 8; i++) {
      const paras = Array.from({ length: 6 }, () => `In Colombia the ${word()} council said ${sentence(40)}. "${sentence(45)}," said Mayor Ana ${word()}.`);
      writeFileSync(join(corpus, `story-${i}.txt`), `Colombia ${sentence(8)}\n\n${paras.join('\n\n')}\n`);
    }
    const lines = '/brief colombia\n'.repeat(40);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', NEWSDESK_DB: join(dir, 'nd.db'), NEWSDESK_CORPUS: corpus, LOG_LEVEL: 'warn', NEWSDESK_ENV_FILE: join(dir, 'none.env') },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    child.stdin.end(lines);
    // Read nothing for a while (the pipe fills and the bot finishes), then read in small, slow sips.
    child.stdout.pause();
    await new Promise((r) => setTimeout(r, 2500));
    let out = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      let ended = false;
      child.stdout.on('end', () => {
        ended = true;
        resolve();
      });
      const sip = () => {
        const chunk = child.stdout.read(4096) as Buffer | null;
        if (chunk) out += chunk.toString('utf8');
        if (!ended) setTimeout(sip, 5);
      };
      child.stdout.on('readable', () => undefined);
      sip();
    });
    expect(await exited).toBe(0);
    expect(out.length).toBeGreaterThan(128 * 1024);
    expect(out.match(/^Briefing: colombia$/gm)?.length ?? 0).toBe(40);
  }, 60_000);
});
