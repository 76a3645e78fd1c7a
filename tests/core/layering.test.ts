import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Layering rules (issue #18): src/core imports nothing above it (only other
 * core files and packages), and the digests never import a command file.
 */
const ROOT = process.cwd();

/** Module specifiers in import/export/import()/require, with comments stripped first. */
function specifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const re of [
    /\b(?:import|export)\s+(?:type\s+)?[\s\S]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bdeclare\s+module\s*['"]([^'"]+)['"]/g,
  ]) for (const m of code.matchAll(re)) out.push(m[1]);
  return out;
}

/** Repo-relative targets of the relative imports in a file (package imports are not layers). */
function relativeTargets(file: string, source: string): string[] {
  return specifiers(source)
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(ROOT, resolve(dirname(file), s)).split(sep).join('/'));
}

/** Imports in `file` that leave `allowedDir` (repo-relative, with trailing slash). */
function importsOutside(file: string, source: string, allowedDir: string): string[] {
  return relativeTargets(file, source).filter((t) => !t.startsWith(allowedDir));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : /\.(ts|mts|cts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

describe('the layering check can fail', () => {
  it('flags a core file importing from above, type-only and re-exports included', () => {
    const file = join(ROOT, 'src/core/x.ts');
    const src = [
      "import type { CorpusView } from '../corpus/corpus-view.js';",
      "export { a } from '../settings/settings-store.js';",
      "import { ok } from './reply.js';",
      "import { distance } from 'fastest-levenshtein';",
      "// import { nope } from '../digests/x.js';",
    ].join('\n');
    expect(importsOutside(file, src, 'src/core/')).toEqual(['src/corpus/corpus-view.js', 'src/settings/settings-store.js']);
  });
});

describe('src/core imports nothing above it', () => {
  it('every relative import in src/core stays in src/core', () => {
    const files = filesUnder(join(ROOT, 'src/core'));
    expect(files.length).toBeGreaterThan(5);
    const bad = files.flatMap((f) => importsOutside(f, readFileSync(f, 'utf8'), 'src/core/').map((t) => `${relative(ROOT, f)} imports ${t}`));
    expect(bad).toEqual([]);
  });
});

describe('digests do not import command files', () => {
  it('no file in src/digests imports from src/commands', () => {
    const bad = filesUnder(join(ROOT, 'src/digests')).flatMap((f) =>
      relativeTargets(f, readFileSync(f, 'utf8'))
        .filter((t) => t.startsWith('src/commands/'))
        .map((t) => `${relative(ROOT, f)} imports ${t}`),
    );
    expect(bad).toEqual([]);
  });
});
