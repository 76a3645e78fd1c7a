import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CACHE_DIR } from './analysed-pool.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(CACHE_DIR, 'compiled');

/**
 * Compile src/ and the measured child to JavaScript (bench/.cache/compiled, incremental) so the child starts
 * as `npm start` does — compiled code, no TypeScript loader — without touching the project's dist/, which
 * other processes may be running. Assets are copied as the build copies them; models/ is linked at the
 * depth the compiled code looks for it. Type errors do not stop the emit (the tree may be mid-change);
 * returns the child's path, or throws when nothing was emitted.
 */
export async function compileChild(log: (s: string) => void): Promise<string> {
  const t0 = performance.now();
  mkdirSync(OUT, { recursive: true });
  try {
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'bench/scale/tsconfig.child.json')], { maxBuffer: 64 << 20 });
  } catch (e) {
    // tsc exits non-zero on type errors but still emits; a missing output below is the real failure.
    const out = String((e as { stdout?: string }).stdout ?? '').split('\n').filter(Boolean);
    if (out.length) log(`  (tsc reported ${out.length} type errors in the tree; compiled anyway: ${out[0].slice(0, 160)})`);
  }
  cpSync(join(ROOT, 'src'), join(OUT, 'src'), { recursive: true, filter: (f) => !/\.(ts|py)$/.test(f) });
  if (!existsSync(join(OUT, 'models'))) symlinkSync(join(ROOT, 'models'), join(OUT, 'models'));
  const child = join(OUT, 'bench/scale/scale-child.js');
  if (!existsSync(child)) throw new Error(`compiling the bench child emitted nothing at ${child}`);
  log(`compiled src/ and the bench child in ${((performance.now() - t0) / 1000).toFixed(0)} s (bench/.cache/compiled)`);
  return child;
}
