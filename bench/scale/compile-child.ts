import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { CACHE_DIR } from './analysed-pool.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(CACHE_DIR, 'compiled');

/**
 * Compile src/ and the measured child to JavaScript under bench/.cache/compiled so the child starts as
 * `npm start` does — compiled code, no TypeScript loader — without touching the project's dist/, which
 * other processes may be running. Each file is transpiled on its own (the project compiles with
 * isolatedModules, so this is what tsc emits, minus the type check the test suite already does), and only
 * when its source is newer than its output. Assets are copied as the build copies them; models/ is linked
 * at the depth the compiled code looks for it. Returns the child's path.
 */
export function compileChild(log: (s: string) => void): string {
  const t0 = performance.now();
  const sources = [...listTs(join(ROOT, 'src')), join(ROOT, 'bench/scale/scale-child.ts'), join(ROOT, 'bench/scale/child-protocol.ts')];
  let emitted = 0;
  for (const src of sources) {
    const out = join(OUT, relative(ROOT, src)).replace(/\.ts$/, '.js');
    if (existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs) continue;
    const { outputText } = ts.transpileModule(readFileSync(src, 'utf8'), {
      fileName: src,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true, isolatedModules: true, sourceMap: false },
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
    emitted++;
  }
  cpSync(join(ROOT, 'src'), join(OUT, 'src'), { recursive: true, filter: (f) => !/\.(ts|py)$/.test(f) });
  if (!existsSync(join(OUT, 'models'))) symlinkSync(join(ROOT, 'models'), join(OUT, 'models'));
  log(`compiled the bench child and src/ to JavaScript (${emitted} of ${sources.length} files changed) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return join(OUT, 'bench/scale/scale-child.js');
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listTs(join(dir, e.name)) : /\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}
