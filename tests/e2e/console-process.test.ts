import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run the real entry point as a child process, the way `npm start` does. */
function start(input: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', NEWSDESK_DB: join(dir, 'nd.db'), NEWSDESK_CORPUS: 'seeds', LOG_LEVEL: 'warn', NEWSDESK_ENV_FILE: join(dir, 'none.env'), ...env },
  });
}

describe('npm start with piped input', () => {
  it('answers each line against the seeds and exits 0 at end of input', () => {
    const r = start('/brief colombia\n/who blinken\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Briefing: colombia');
    expect(r.stdout).toMatch(/Blinken/);
    expect(r.stderr).toMatch(/console mode/i);
  });

  it('survives bad input lines and keeps answering', () => {
    const r = start(`/nonsense\n/brief\n/brief ${'x'.repeat(3000)}\n/help\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Unknown command/);
    expect(r.stdout).toMatch(/please give a topic/);
    expect(r.stdout).toMatch(/newsdesk — your news desk in chat/);
  });

  it('refuses to start with a broken config and lists every problem', () => {
    const r = start('', { PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/LOG_LEVEL/);
  });
});

describe('npm start with a broken database or corpus', () => {
  it('a corrupt database file stops start-up with one line saying what to do', () => {
    writeFileSync(join(dir, 'corrupt.db'), 'not a database at all '.repeat(100));
    const r = start('', { NEWSDESK_DB: join(dir, 'corrupt.db') });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^newsdesk could not start: The database at .*corrupt\.db is not a valid SQLite database/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing corpus folder stops start-up instead of answering from nothing', () => {
    const r = start('/brief colombia\n', { NEWSDESK_CORPUS: join(dir, 'missing') });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/corpus folder .*missing does not exist/);
    expect(r.stdout).not.toContain('Briefing');
  });
});
