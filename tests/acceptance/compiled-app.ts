import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How `npm start` runs the bot, checked against package.json. */
export interface CompiledApp {
  /** argv of the node process `npm start` runs (node itself, not npm: a signal must reach the bot). */
  command: string[];
  /** Whether this call had to (re)build dist/ because it was missing or older than src/. */
  rebuilt: boolean;
}

function newestMtime(dir: string): { ms: number; file: string } {
  let best = { ms: 0, file: '' };
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const m = e.isDirectory() ? newestMtime(p) : { ms: statSync(p).mtimeMs, file: p };
    if (m.ms > best.ms) best = m;
  }
  return best;
}

/**
 * The compiled bot as `npm start` runs it. `npm ci` builds dist/ through the
 * `prepare` script (CI always has it fresh); in a working copy dist/ may lag
 * behind src/, and a test of stale JavaScript proves nothing, so it is
 * rebuilt with the project's own `npm run build` when any file under src/ is
 * newer than dist/main.js. A failed build fails the test with tsc's output
 * and removes dist/main.js, so the half-written dist/ is never taken for fresh.
 */
export function compiledApp(projectDir: string, log: (line: string) => void = () => undefined): CompiledApp {
  const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const start = pkg.scripts?.start ?? '';
  const m = /^node((?:\s+--[a-z-]+(?:=\S+)?)*)\s+(\S+\.js)$/.exec(start.trim());
  if (!m) throw new Error(`package.json "start" is ${JSON.stringify(start)}; this test expects "node [--flags] <compiled file>.js" (compiled JavaScript, no tsx)`);
  const flags = m[1].trim() ? m[1].trim().split(/\s+/) : [];
  const file = m[2];
  const entry = join(projectDir, file);
  const isStale = () => {
    const newestSrc = newestMtime(join(projectDir, 'src'));
    return !existsSync(entry) || statSync(entry).mtimeMs < newestSrc.ms ? newestSrc.file : undefined;
  };
  if (!isStale()) return { command: [process.execPath, ...flags, file], rebuilt: false };
  // Two test runs finding dist/ stale at once must not both write it: one builds, the other waits and re-checks.
  const release = buildLock(projectDir);
  try {
    const newer = isStale();
    if (newer) {
      log(`${file} is missing or older than ${newer}: running npm run build`);
      const r = spawnSync('npm', ['run', 'build'], { cwd: projectDir, encoding: 'utf8', timeout: 240_000, env: process.env });
      // tsc writes its output even when the types fail: remove the entry so no later run takes that half-build for fresh.
      if (r.status !== 0) rmSync(entry, { force: true });
      if (r.status !== 0) throw new Error(`npm run build failed (status ${r.status}, ${r.error?.message ?? 'no spawn error'}):\n${(r.stdout ?? '').slice(-3000)}\n${(r.stderr ?? '').slice(-3000)}`);
      if (!existsSync(entry)) throw new Error(`npm run build succeeded but ${file} is missing`);
    }
    return { command: [process.execPath, ...flags, file], rebuilt: !!newer };
  } finally {
    release();
  }
}

/**
 * An exclusive lock (a directory in the temp folder, per project) held while
 * building. A lock left by a process that died is taken over; waiting gives
 * up after 5 minutes.
 */
function buildLock(projectDir: string): () => void {
  const dir = join(tmpdir(), `newsdesk-build-lock-${createHash('sha256').update(projectDir).digest('hex').slice(0, 12)}`);
  const end = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder = 0;
    try {
      holder = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    } catch {
      // being created or removed right now
    }
    if (holder > 0 && !alive(holder)) rmSync(dir, { recursive: true, force: true });
    if (Date.now() > end) throw new Error(`waited 5 minutes for another build of dist/ (lock ${dir}, held by pid ${holder})`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
