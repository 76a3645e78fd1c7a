import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
 * newer than dist/main.js. A failed build fails the test with tsc's output.
 */
export function compiledApp(projectDir: string, log: (line: string) => void = () => undefined): CompiledApp {
  const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const start = pkg.scripts?.start ?? '';
  const m = /^node\s+(\S+\.js)$/.exec(start.trim());
  if (!m) throw new Error(`package.json "start" is ${JSON.stringify(start)}; this test expects "node <compiled file>.js" (compiled JavaScript, no tsx)`);
  const entry = join(projectDir, m[1]);
  const newestSrc = newestMtime(join(projectDir, 'src'));
  const stale = !existsSync(entry) || statSync(entry).mtimeMs < newestSrc.ms;
  if (stale) {
    log(`${m[1]} is missing or older than ${newestSrc.file}: running npm run build`);
    const r = spawnSync('npm', ['run', 'build'], { cwd: projectDir, encoding: 'utf8', timeout: 240_000, env: process.env });
    if (r.status !== 0) throw new Error(`npm run build failed (status ${r.status}, ${r.error?.message ?? 'no spawn error'}):\n${(r.stdout ?? '').slice(-3000)}\n${(r.stderr ?? '').slice(-3000)}`);
    if (!existsSync(entry)) throw new Error(`npm run build succeeded but ${m[1]} is missing`);
  }
  return { command: [process.execPath, m[1]], rebuilt: stale };
}
