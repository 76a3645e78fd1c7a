import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArticle } from '../corpus/parse-article.js';
import { failedAnalysisJson, toAnalysisJson } from './analysis-json.js';

/**
 * `analyze --json FILE…`: one JSON object per file, in order, one per line.
 * A file that cannot be read still gets a line (with `error`), so the
 * output always lines up with the input list.
 */
export async function runAnalyze(files: string[], write: (line: string) => void): Promise<number> {
  let failures = 0;
  for (const file of files) {
    let line;
    try {
      const raw = await readFile(file, 'utf8');
      line = toAnalysisJson(file, parseArticle(raw, resolve(file)));
    } catch (e) {
      failures++;
      line = failedAnalysisJson(file, (e as Error).message);
    }
    write(JSON.stringify(line));
  }
  return failures === files.length && files.length > 0 ? 1 : 0;
}
