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
  const summary = await optional('./summary-bench.js', 'benchSummary');
  if (summary) sections.push({ name: 'summary', run: summary });
  sections.push({ name: 'queries', run: () => benchQueries() });
  // Long sections run only when named: the soak takes about 11 minutes, the feeds bench a few.
  const named: Section[] = [];
  const soak = await optional('./soak-bench.js', 'benchSoak');
  if (soak) named.push({ name: 'soak', run: soak });
  const feeds = await optional('./feeds-bench.js', 'runFeedsBench');
  if (feeds) named.push({ name: 'feeds', run: () => feeds() });
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  for (const s of [...sections, ...named]) {
    if (only.length ? !only.includes(s.name) : named.includes(s)) continue;
    console.log(`\n## ${s.name}`);
    for (const line of await s.run()) console.log(line);
  }
}

await main();
