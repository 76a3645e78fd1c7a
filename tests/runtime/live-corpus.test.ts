import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { articleIdFor, openDatabase, SqliteArticleStore } from '../../src/store/sqlite-article-store.js';

/**
 * The live corpus with real processes: the bot (console mode, piped input
 * kept open) runs on a SQLite file while `newsdesk ingest` in a second
 * process stores a new article there; the bot must answer /brief about it
 * within 10 s of the article being stored, without a restart.
 */
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-live-'));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function newsdesk(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', NEWSDESK_ENV_FILE: join(dir, 'none.env'), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out, exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

async function until(cond: () => boolean, deadline: number, what: string, tick?: () => void): Promise<void> {
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`not within the deadline: ${what}`);
    tick?.();
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('live corpus', () => {
  it('answers /brief about an article another process ingested, within 10 s of it being stored', async () => {
    const corpus = join(dir, 'corpus');
    const inbox = join(dir, 'inbox');
    mkdirSync(corpus);
    mkdirSync(inbox);
    writeFileSync(join(corpus, 'ferry.txt'), 'Ferry link restored\n\nThe ferry between Lindholm and Skarsvik sailed again on Tuesday after repairs, operator Nordlink said.\n');
    const env = { NEWSDESK_DB: join(dir, 'nd.db'), NEWSDESK_CORPUS: corpus };
    const bot = newsdesk([], env);
    bot.child.stdin!.write('/brief ferry\n');
    await until(() => bot.output().includes('Ferry link restored'), Date.now() + 90_000, 'the bot answering from its start-up corpus');
    expect(bot.output()).not.toContain('Zanzibar heliport');

    const file = join(inbox, 'heliport.txt');
    writeFileSync(file, 'Zanzibar heliport opens\n\nA new heliport opened in Zanzibar on Monday, the island transport authority said. The heliport will serve medical flights.\n');
    const ingest = newsdesk(['ingest', file], env);
    const store = new SqliteArticleStore(openDatabase(env.NEWSDESK_DB));
    const id = articleIdFor(file);
    let storedAt = 0;
    try {
      await until(() => store.currentHeads().some((h) => h.id === id), Date.now() + 90_000, 'the second process storing the article');
      storedAt = Date.now();
    } finally {
      store.close();
    }
    await until(() => bot.output().includes('Zanzibar heliport opens'), storedAt + 10_000, 'the bot answering about the new article', () =>
      bot.child.stdin!.write('/brief heliport\n'),
    );
    expect(await ingest.exit, ingest.output()).toBe(0);
    bot.child.stdin!.end();
    expect(await bot.exit, bot.output()).toBe(0);
  }, 240_000);
});
