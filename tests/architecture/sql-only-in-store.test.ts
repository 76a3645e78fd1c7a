import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Architecture rule: SQL lives only under src/store/ (the storage seam's implementations), and only
 * they load a database driver at run time. Everything else talks to the async ports.
 */

const SRC = join(process.cwd(), 'src');

/**
 * Files that still hold SQL from before the seam, each waiting for its move into src/store/. The list
 * may only shrink: a file listed here that no longer holds SQL fails the test too, so it gets removed.
 */
const NOT_YET_MOVED: Record<string, string> = {
};

/** SQL statements as they appear in code (upper-case keywords, as every statement here is written), and raw driver calls. */
const SQL = [
  /\bSELECT\s+(?:[a-z_*(]|DISTINCT\b|COUNT\b|MAX\b|MIN\b|1\b)/,
  /\bINSERT\s+(?:INTO|OR)\b/,
  /\bUPDATE\s+[a-z_]+\s+(?:[a-z]\s+)?SET\b/,
  /\bDELETE\s+FROM\b/,
  /\b(?:CREATE|DROP)\s+(?:TABLE|INDEX|UNIQUE|VIRTUAL|TRIGGER|SCHEMA)\b/,
  /\bALTER\s+TABLE\b/,
  /\.prepare\(\s*['"`]/,
  /\.pragma\(/,
];

/** Runtime (not type-only) imports of a database driver. */
const DRIVER_IMPORT = /^\s*import\s+(?!type\b)[^;]*?from\s+['"](better-sqlite3|pg|@electric-sql\/pglite)['"]/m;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|mts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

/** Code without comments, so prose about "SELECT" or an example statement in a doc comment is not a hit. */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

export function sqlIn(source: string): string[] {
  const c = code(source);
  return SQL.filter((re) => re.test(c)).map((re) => re.source);
}

describe('SQL only under src/store/', () => {
  const files = sourceFiles(SRC).map((f) => ({ rel: relative(process.cwd(), f).split(sep).join('/'), text: readFileSync(f, 'utf8') }));

  it('finds statements and ignores prose (the detector itself)', () => {
    expect(sqlIn("db.prepare('SELECT id FROM articles WHERE x = ?')")).not.toEqual([]);
    expect(sqlIn('const q = `UPDATE articles SET status = $1`;')).not.toEqual([]);
    expect(sqlIn('// SELECT the stories to show\nconst a = 1;')).toEqual([]);
    expect(sqlIn("const s = 'Select a channel';")).toEqual([]);
    expect(DRIVER_IMPORT.test("import Database from 'better-sqlite3';")).toBe(true);
    expect(DRIVER_IMPORT.test("import type Database from 'better-sqlite3';")).toBe(false);
  });

  it('no file outside src/store/ holds SQL or loads a driver (besides the listed ones still to move)', () => {
    const offenders = files
      .filter((f) => !f.rel.startsWith('src/store/') && !(f.rel in NOT_YET_MOVED))
      .filter((f) => sqlIn(f.text).length > 0 || DRIVER_IMPORT.test(f.text))
      .map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it('every file on the still-to-move list still holds SQL (moved ones come off the list)', () => {
    const stale = Object.keys(NOT_YET_MOVED).filter((rel) => {
      const f = files.find((x) => x.rel === rel);
      return !f || sqlIn(f.text).length === 0;
    });
    expect(stale).toEqual([]);
  });
});
