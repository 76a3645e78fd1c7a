import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, SqliteArticleStore } from '../../src/store/sqlite-article-store.js';

/**
 * Real processes on a real SQLite file, killed with SIGKILL mid-way: what
 * was stored survives, a restart resumes instead of starting over, and
 * nothing is stored twice.
 */
const CHILD = join(import.meta.dirname, 'fixtures', 'corpus-child.ts');
const N = 16;
/** The child pins its analysis version: the real one follows the analysis source, which may change while tests run. */
const VERSION = 1;
let dir: string;
let corpusDir: string;
let dbPath: string;
let logPath: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-kill-'));
  corpusDir = join(dir, 'corpus');
  dbPath = join(dir, 'nd.db');
  logPath = join(dir, 'analyses.log');
  mkdirSync(corpusDir);
  for (let i = 0; i < N; i++) {
    const n = String(i).padStart(2, '0');
    writeFileSync(join(corpusDir, `story-${n}.txt`), `Council story number ${n}\n\nWORK:250 The council of Town${n} met on Monday to discuss story ${n}.\n`);
  }
});

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function run(mode: 'analyse' | 'ingest'): { child: ChildProcess; result: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, dbPath, corpusDir], {
    env: { ...process.env, ANALYSIS_LOG: logPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const result = new Promise<{ code: number | null; out: string }>((resolve) => child.on('exit', (code) => resolve({ code, out })));
  return { child, result };
}

/** What another connection sees in the database right now. */
function snapshot(): { articles: number; analysed: number; sources: string[] } {
  if (!existsSync(dbPath)) return { articles: 0, analysed: 0, sources: [] };
  const store = new SqliteArticleStore(openDatabase(dbPath));
  try {
    const heads = store.currentHeads();
    const analysed = heads.filter((h) => store.getAnalysis(h.id, VERSION, h.contentHash)).length;
    return { articles: heads.length, analysed, sources: store.listCurrent().map((a) => a.source) };
  } finally {
    store.close();
  }
}

/** Poll `cond` until it holds; fail with the child's output if it exits or the deadline passes first. */
async function until(cond: () => boolean, proc: ReturnType<typeof run>, deadlineMs: number, what: string): Promise<void> {
  const end = Date.now() + deadlineMs;
  let exited: { code: number | null; out: string } | undefined;
  void proc.result.then((r) => (exited = r));
  while (!cond()) {
    if (exited) throw new Error(`the child exited (${exited.code}) before ${what}: ${exited.out}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('kill -9 and restart', () => {
  it('during analysis of a backlog: saved analyses survive and the restart analyses only the rest', async () => {
    const first = run('analyse');
    let seen = snapshot();
    await until(() => (seen = snapshot()).analysed >= 3, first, 60_000, 'some analyses to be saved');
    first.child.kill('SIGKILL');
    await first.result;
    const afterKill = snapshot();
    expect(afterKill.articles).toBe(N);
    expect(afterKill.analysed).toBeGreaterThanOrEqual(seen.analysed);
    expect(afterKill.analysed).toBeLessThan(N);

    const second = run('analyse');
    const { code, out } = await second.result;
    expect(code, out).toBe(0);
    expect(JSON.parse(out.trim().split('\n').pop()!)).toMatchObject({ articles: N, analysed: N, pending: 0, failed: 0 });
    const final = snapshot();
    expect(final).toMatchObject({ articles: N, analysed: N });
    expect(new Set(final.sources).size).toBe(N);
    // Every article analysed; only the one job in flight at the kill may have been done twice (one worker).
    const log = readFileSync(logPath, 'utf8').trim().split('\n');
    expect(new Set(log).size).toBe(N);
    expect(log.length).toBeLessThanOrEqual(N + 1);
  }, 120_000);

  it('during a long ingest: stored articles survive and the restart adds the rest without duplicates', async () => {
    const first = run('ingest');
    await until(() => snapshot().articles >= 4, first, 60_000, 'some articles to be stored');
    first.child.kill('SIGKILL');
    await first.result;
    const afterKill = snapshot();
    expect(afterKill.articles).toBeGreaterThanOrEqual(4);
    expect(afterKill.articles).toBeLessThan(N);
    expect(afterKill.analysed).toBeGreaterThanOrEqual(afterKill.articles - 1);

    const second = run('ingest');
    const { code, out } = await second.result;
    expect(code, out).toBe(0);
    const final = snapshot();
    expect(final).toMatchObject({ articles: N, analysed: N });
    expect(new Set(final.sources).size).toBe(N);
    expect(final.sources.length).toBe(N);
  }, 120_000);
});
