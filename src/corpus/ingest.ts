import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Clock } from '../core/clock.js';
import { NewsdeskError } from '../core/errors.js';
import type { ArticleStore, UpsertOutcome } from '../store/article-store.js';
import { textHashOf } from '../store/sqlite-article-store.js';
import type { ParsedArticle } from './article.js';
import { isArticleFile, MAX_ARTICLE_BYTES, parseArticle } from './parse-article.js';

/** What an ingest run did, for the CLI, logs and tests. */
export interface IngestReport {
  added: string[];
  updated: string[];
  unchanged: string[];
  duplicates: string[];
  removed: string[];
  failed: { source: string; message: string }[];
}

export function emptyReport(): IngestReport {
  return { added: [], updated: [], unchanged: [], duplicates: [], removed: [], failed: [] };
}

/** Persist one parsed article and record the outcome in the report. */
export function storeParsed(store: ArticleStore, article: ParsedArticle, now: Date, report: IngestReport): string {
  const { id, outcome } = store.upsert(
    {
      source: article.source, origin: article.origin, title: article.title, titleDerived: article.titleDerived, url: article.url,
      publishedAt: article.publishedAt, byline: article.byline, credits: article.credits, text: article.text,
      offsetsInto: article.offsetsInto, offsets: article.offsets.toJSON(), contentHash: article.contentHash, textHash: textHashOf(article.text),
    },
    now,
  );
  const bucket: Record<UpsertOutcome, string[]> = {
    added: report.added, restored: report.added, updated: report.updated, unchanged: report.unchanged, duplicate: report.duplicates,
  };
  bucket[outcome].push(article.source);
  return id;
}

/** Every article file below `dir` (recursively), skipping hidden files and folders, sorted for stable ids/order. */
export async function listArticleFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && isArticleFile(p)) out.push(resolve(p));
    }
  }
  await walk(dir);
  return out.sort();
}

/** Read and parse one file, refusing anything too large to be an article. */
export async function readArticleFile(path: string): Promise<ParsedArticle> {
  const info = await stat(path);
  if (info.size > MAX_ARTICLE_BYTES) {
    throw new NewsdeskError('ingest_failed', `${path} is ${(info.size / 1024 / 1024).toFixed(1)} MB; articles over ${MAX_ARTICLE_BYTES / 1024 / 1024} MB are skipped.`);
  }
  const raw = await readFile(path, 'utf8');
  if (!raw.trim()) throw new NewsdeskError('ingest_failed', `${path} is empty.`);
  return parseArticle(raw, resolve(path));
}

/**
 * Ingest files and folders. A folder is a corpus: files that disappeared
 * from it since the last run are marked removed (never silently kept as
 * current). A bad file is reported and skipped; it never stops the run.
 */
export async function ingestPaths(paths: string[], store: ArticleStore, clock: Clock): Promise<IngestReport> {
  const report = emptyReport();
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch {
      report.failed.push({ source: p, message: `${p} does not exist.` });
      continue;
    }
    const files = info.isDirectory() ? await listArticleFiles(p) : [resolve(p)];
    for (const f of files) {
      try {
        storeParsed(store, await readArticleFile(f), clock.now(), report);
      } catch (e) {
        report.failed.push({ source: f, message: (e as Error).message });
      }
    }
    if (info.isDirectory()) {
      const prefix = resolve(p) + sep;
      const present = new Set(files);
      // Failed files are still present on disk: keep their last good version.
      for (const f of report.failed) present.add(f.source);
      for (const id of store.markRemoved('file', prefix, present, clock.now())) report.removed.push(id);
    }
  }
  return report;
}
