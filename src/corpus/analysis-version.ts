import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANALYSIS_VERSION } from '../analysis/analyze-article.js';

/**
 * The version stored with each cached analysis. It combines the declared
 * ANALYSIS_VERSION with a fingerprint of the analysis source (and the
 * gazetteer packages' versions), so an upgrade that changes how articles are
 * analysed re-analyses stored articles even if nobody remembered to bump
 * the constant. Computed once per process.
 */
let cached: number | undefined;

export function analysisVersion(): number {
  if (cached !== undefined) return cached;
  const h = createHash('sha1').update(String(ANALYSIS_VERSION));
  try {
    const here = dirname(fileURLToPath(import.meta.url));
    const root = join(here, '..', 'analysis');
    // Only .ts and .json: the build copies the analysis sources into dist, so src and dist agree on the version.
    for (const file of listFiles(root, /\.(ts|json)$/)) h.update(file.slice(root.length)).update(readFileSync(file));
    // Model weights and gazetteers shape the output as much as code: retraining re-analyses too.
    const models = join(here, '..', '..', 'models');
    if (existsSync(models)) for (const file of listFiles(models, /\.(tsv|json|gz|bin|txt)$/)) h.update(file.slice(models.length)).update(readFileSync(file));
  } catch {
    // Without readable sources (an unusual packaging), fall back to the declared version alone.
  }
  cached = h.digest().readUInt32BE(0) & 0x7fffffff;
  return cached;
}

function listFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), pattern) : pattern.test(e.name) ? [join(dir, e.name)] : []))
    .sort();
}
