import { existsSync } from 'node:fs';
import { BBC_PATH } from './bbc-data.js';
import { benchQueries } from './query-bench.js';

/**
 * `npm run bench`: speed and memory targets live here, not in unit tests.
 * Sections run in sequence in one process; pass names to run only some
 * (e.g. `npm run bench -- queries`).
 */
type Section = { name: string; run: () => Promise<string[]> };

async function optional(path: string, exportName: string): Promise<(() => Promise<string[]>) | null> {
  try {
    const mod = (await import(path)) as Record<string, () => Promise<string[]>>;
    return mod[exportName] ?? null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  if (!existsSync(BBC_PATH)) {
    console.error(`bench data not found at ${BBC_PATH}; set NEWSDESK_BENCH_BBC`);
    process.exitCode = 1;
    return;
  }
  const sections: Section[] = [];
  const analysis = await optional('./analysis-bench.js', 'benchAnalysis');
  if (analysis) sections.push({ name: 'analysis', run: analysis });
  const grouping = await optional('./summary-bench.js', 'benchGrouping');
  if (grouping) sections.push({ name: 'grouping', run: grouping });
  sections.push({ name: 'queries', run: () => benchQueries() });
  const only = process.argv.slice(2);
  for (const s of sections) {
    if (only.length && !only.includes(s.name)) continue;
    console.log(`\n## ${s.name}`);
    for (const line of await s.run()) console.log(line);
  }
}

await main();
