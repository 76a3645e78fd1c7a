/**
 * Builds models/people-polnear-train.tsv (see known-people.ts): runs this
 * entity stage over a folder of plain-text articles and counts, for every
 * full person name it finds (a known given name first, capitalised words),
 * the articles that name it. Deterministic: files in sorted order, ties by name.
 *
 *   npx tsx src/analysis/entities/build-known-people.ts --data ../shared/eval/data/polnear-train/text \
 *     --out models/people-polnear-train.tsv [--half 0|1]
 *
 * `--half` keeps every other file (0: even, 1: odd), to measure on one half with a list built from the other.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { givenNames } from '../quotes/given-names.js';
import { splitSentences } from '../text/sentences.js';
import { extractEntities } from './extract-entities.js';
import { surnameKey } from './known-people.js';

/** Every name is kept: one-article namesakes still count against a surname's dominant person. */
const MIN_KEEP = 1;

/** Count, per full person name, the articles (files) naming it. */
export function countFullNames(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const names = givenNames();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const e of extractEntities(text, splitSentences(text), { byline: [] })) {
      if (e.type !== 'person' || e.kind !== 'subject') continue;
      const w = e.name.split(' ');
      if (w.length < 2 || !names.has(w[0]) || !w.every((x) => /^\p{Lu}[\p{L}.'’-]*,?$/u.test(x))) continue;
      seen.add(e.name);
    }
    for (const n of seen) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return counts;
}

/** The file's text: a header naming the source, then `surname<TAB>name<TAB>articles` sorted by surname. */
export function formatKnownPeople(counts: Map<string, number>, source: string, files: number): string {
  const rows: [string, string, number][] = [];
  for (const [name, n] of counts) {
    const s = surnameKey(name);
    if (s && n >= MIN_KEEP) rows.push([s, name, n]);
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : b[2] - a[2] || (a[1] < b[1] ? -1 : 1)));
  const head = [
    '# Full person names found by the newsdesk entity stage in PolNeAR train (Newell, Margolin, Ruths, LREC 2018;',
    '# https://github.com/networkdynamics/PolNeAR commit c3eee833, data/train/text: 2016 US political news).',
    `# Source: ${source} (${files} articles). Columns: surname (folded), full name, articles naming it (>= ${MIN_KEEP}).`,
    '# Derived data (names and counts only, no text). The articles are the publishers\' copyright, research use;',
    '# built by src/analysis/entities/build-known-people.ts (see models/README.md).',
  ];
  return [...head, ...rows.map((r) => r.join('\t'))].join('\n') + '\n';
}

function main(argv: string[]): void {
  const arg = (k: string): string | undefined => {
    const i = argv.indexOf(k);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const dir = arg('--data') ?? '../shared/eval/data/polnear-train/text';
  const out = arg('--out') ?? 'models/people-polnear-train.tsv';
  const half = arg('--half');
  let files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  if (half !== undefined) files = files.filter((_, i) => i % 2 === Number(half));
  const counts = countFullNames(files.map((f) => readFileSync(join(dir, f), 'utf8')));
  writeFileSync(out, formatKnownPeople(counts, half === undefined ? 'all files' : `every other file, half ${half}`, files.length));
  process.stderr.write(`${counts.size} names from ${files.length} files -> ${out}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) main(process.argv.slice(2));
