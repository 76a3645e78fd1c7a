import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/core/clock.js';
import { ingestPaths } from '../src/corpus/ingest.js';
import { loadBbc } from './bbc-data.js';
import { openRepository } from './scale/bench-store.js';

/** Ingest speed: what the bench reports and the lines it prints. */
export interface IngestFigures {
  articlesPerSec: number;
  articles: number;
  seconds: number;
}

/**
 * Articles/s through the real ingest path (read files, refuse binary, parse, clean, store) into a fresh
 * SQLite database: every BBC dev article written as a plain-text file (headline line, then the body).
 * No analysis: that is measured on its own by the analysis section.
 */
export async function measureIngest(): Promise<IngestFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-ingest-bench-'));
  try {
    const files = join(dir, 'articles');
    const records = loadBbc();
    mkdirSync(files);
    for (const r of records) writeFileSync(join(files, `${r.id.replace('/', '-')}.txt`), r.article);
    const dbPath = join(dir, 'ingest.db');
    const opened = await openRepository({ engine: 'sqlite', dbPath });
    try {
      const t0 = performance.now();
      const report = await ingestPaths([files], opened.repo, systemClock);
      const seconds = (performance.now() - t0) / 1000;
      const stored = report.added.length + report.duplicates.length;
      if (report.failed.length) throw new Error(`ingest refused ${report.failed.length} BBC files: ${report.failed[0].message}`);
      return { articlesPerSec: Math.round(stored / seconds), articles: stored, seconds };
    } finally {
      await opened.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run bench -- ingest`. */
export async function benchIngest(): Promise<string[]> {
  const f = await measureIngest();
  return [`ingest (read, parse, clean, store on SQLite): ${f.articles} BBC files in ${f.seconds.toFixed(2)} s = ${f.articlesPerSec} articles/s`];
}
