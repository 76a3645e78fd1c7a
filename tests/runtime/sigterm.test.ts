import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, SqliteArticleStore } from '../../src/store/sqlite-article-store.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-term-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('shutdown during an analysis backlog', () => {
  it('SIGTERM stops the bot within 10 s while hundreds of articles wait for analysis', async () => {
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    const para = 'Officials in Northport said on Monday that the harbour authority would review the crane contracts, and the mayor, Ana Ruiz, said the city "will not accept delays".';
    for (let i = 0; i < 400; i++) writeFileSync(join(corpus, `a${i}.txt`), `Harbour review number ${i}\n\nReview ${i} opened. ${Array(8).fill(para).join(' ')}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', NEWSDESK_DB: join(dir, 'nd.db'), NEWSDESK_CORPUS: corpus, LOG_LEVEL: 'info', NEWSDESK_ENV_FILE: join(dir, 'none.env') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 90_000;
    while (!/corpus ready/.test(err)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`bot did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The signal must land mid-analysis: wait until the start-up ingest has stored the whole folder (analysis follows it).
    while (storedArticles(join(dir, 'nd.db')) < 400) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`bot did not ingest: ${err}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(err).not.toMatch(/corpus analysed/);
    const sentAt = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    expect(Date.now() - sentAt).toBeLessThan(10_000);
    expect(code, err).toBe(0);
    expect(err).not.toMatch(/corpus analysed/);
  }, 120_000);
});

function storedArticles(dbPath: string): number {
  const store = new SqliteArticleStore(openDatabase(dbPath));
  try {
    return store.currentHeads().length;
  } finally {
    store.close();
  }
}
