import { resolve } from 'node:path';
import { analyzeArticle } from '../analysis/analyze-article.js';
import { buildEntityIndex } from '../analysis/entity-index/build-entity-index.js';
import type { ArticleAnalysis } from '../analysis/types.js';
import { analysisInputOf, type ParsedArticle } from '../corpus/article.js';
import { MAX_ARTICLE_BYTES, parseArticle } from '../corpus/parse-article.js';
import { binaryReason, readLimited } from '../corpus/ingest.js';
import { type AnalysisJson, failedAnalysisJson, toAnalysisJson } from './analysis-json.js';

/**
 * `analyze --json FILE…`: one JSON object per file, in order, one per line.
 * A file that cannot be read still gets a line (with `error`), so the
 * output always lines up with the input list. Entities carry the id of the
 * corpus entity they join across the files of the call (`id`, with the
 * corpus-wide article count), the same index `who` uses.
 */
export async function runAnalyze(files: string[], write: (line: string) => void, opts: { quoteFeatures?: boolean } = {}): Promise<number> {
  let failures = 0;
  const done: ({ file: string; article: ParsedArticle; analysis: ArticleAnalysis; titleOffset: number | null } | { file: string; error: string })[] = [];
  for (const file of files) {
    try {
      // The same limits as ingest: never read past 5 MB (`analyze /dev/zero` stops at once), no binary files.
      const bytes = await readLimited(file, MAX_ARTICLE_BYTES);
      const raw = bytes.toString('utf8');
      const binary = binaryReason(bytes, raw);
      if (binary) throw new Error(`${file} ${binary}`);
      const article = parseArticle(raw, resolve(file));
      const analysis = analyzeArticle(analysisInputOf(article));
      // Where the headline stands in the input, so headline attributions get input offsets too.
      const at = article.titleDerived || article.offsetsInto !== 'input' ? -1 : raw.indexOf(article.title);
      done.push({ file, article, analysis, titleOffset: at >= 0 ? at : null });
    } catch (e) {
      failures++;
      done.push({ file, error: (e as Error).message });
    }
  }
  const index = buildEntityIndex(
    done.flatMap((d, i) => ('analysis' in d ? [{ id: String(i), title: d.article.title, publishedAt: d.article.publishedAt, analysis: d.analysis }] : [])),
  );
  for (const d of done) {
    if (!('analysis' in d)) {
      write(JSON.stringify(failedAnalysisJson(d.file, d.error)));
      continue;
    }
    const json: AnalysisJson = toAnalysisJson(d.file, d.article, d.analysis, d.titleOffset, opts.quoteFeatures);
    json.entities = json.entities.map((e) => {
      const hit = e.kind === 'byline' ? undefined : index.lookup(e.name).find((x) => x.type === e.type) ?? index.lookup(e.name)[0];
      return hit ? { ...e, id: hit.id, corpusArticles: hit.articleIds.length } : e;
    });
    write(JSON.stringify(json));
  }
  return failures === files.length && files.length > 0 ? 1 : 0;
}
