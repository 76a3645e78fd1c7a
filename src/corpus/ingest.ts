import { constants } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Clock } from '../core/clock.js';
import { NewsdeskError } from '../core/errors.js';
import type { ArticleInput, ArticleRepository, UpsertOutcome } from '../store/article-repository.js';
import type { ArticleStore } from '../store/article-store.js';
import { textHashOf } from '../store/article-rows.js';
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

/**
 * What ingest writes through: the two writing methods of `ArticleRepository`. The synchronous
 * `ArticleStore` also fits (its plain return values are awaited like settled promises); that is only
 * for callers that have not moved to the repository yet.
 */
export type ArticleWriter = Pick<ArticleRepository, 'upsert' | 'upsertMany' | 'markRemoved'> | Pick<ArticleStore, 'upsert' | 'markRemoved'>;

/** The repository's input for a parsed article. */
export function articleInput(article: ParsedArticle): ArticleInput {
  return {
    source: article.source, origin: article.origin, title: article.title, titleDerived: article.titleDerived, url: article.url,
    publishedAt: article.publishedAt, publisher: article.publisher ?? null, byline: article.byline, credits: article.credits, text: article.text,
    offsetsInto: article.offsetsInto, offsets: article.offsets.toJSON(), contentHash: article.contentHash, textHash: textHashOf(article.text),
  };
}

function record(outcome: UpsertOutcome, source: string, report: IngestReport): void {
  const bucket: Record<UpsertOutcome, string[]> = {
    added: report.added, restored: report.added, updated: report.updated, unchanged: report.unchanged, duplicate: report.duplicates,
  };
  bucket[outcome].push(source);
}

/** Persist one parsed article through the repository and record the outcome in the report. */
export async function storeArticle(store: ArticleWriter, article: ParsedArticle, now: Date, report: IngestReport): Promise<string> {
  const { id, outcome } = await store.upsert(articleInput(article), now);
  record(outcome, article.source, report);
  return id;
}

/** @deprecated Synchronous form for the old `ArticleStore`; use `storeArticle` with an `ArticleRepository`. */
export function storeParsed(store: ArticleStore, article: ParsedArticle, now: Date, report: IngestReport): string {
  const { id, outcome } = store.upsert(articleInput(article), now);
  record(outcome, article.source, report);
  return id;
}

/**
 * Articles stored per transaction when ingesting many files: one commit and one search-index flush per
 * batch instead of per file (a per-file commit made a large first ingest several times slower).
 */
const INGEST_BATCH = 200;

/** Store parsed articles, in one transaction when the writer can; a failed batch reports each of its files. */
async function storeBatch(store: ArticleWriter, batch: readonly ParsedArticle[], now: Date, report: IngestReport): Promise<void> {
  if (batch.length === 0) return;
  if (!('upsertMany' in store)) {
    for (const a of batch) {
      try {
        await storeArticle(store, a, now, report);
      } catch (e) {
        report.failed.push({ source: a.source, message: (e as Error).message });
      }
    }
    return;
  }
  try {
    const results = await store.upsertMany(batch.map(articleInput), now);
    results.forEach((r, i) => record(r.outcome, batch[i].source, report));
  } catch (e) {
    for (const a of batch) report.failed.push({ source: a.source, message: (e as Error).message });
  }
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

/**
 * Read at most `limit` bytes of a regular file, streaming, and never more
 * than `limit + 1` (the extra byte is how an oversized file is told apart).
 * Devices, FIFOs and sockets are refused before any read: `/dev/zero` never
 * ends and a FIFO can block forever. The file is opened non-blocking so that
 * opening a FIFO cannot hang either.
 */
export async function readLimited(path: string, limit: number): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new NewsdeskError('ingest_failed', `${path} is not a regular file (a device, pipe or socket); skipped.`);
    const buf = Buffer.alloc(Math.min(limit + 1, Math.max(info.size + 1, 64 * 1024)));
    let got = 0;
    let out = buf;
    for (;;) {
      if (got === out.length) {
        if (out.length > limit) break;
        // The file grew since stat: widen the buffer, still within limit + 1.
        const wider = Buffer.alloc(Math.min(limit + 1, out.length * 2));
        out.copy(wider, 0, 0, got);
        out = wider;
      }
      const { bytesRead } = await handle.read(out, got, out.length - got, null);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (got > limit) throw new NewsdeskError('ingest_failed', `${path} is over ${formatMb(limit)} MB; articles over ${formatMb(limit)} MB are skipped.`);
    return out.subarray(0, got);
  } finally {
    await handle.close();
  }
}

function formatMb(bytes: number): string {
  return String(Math.round((bytes / 1024 / 1024) * 10) / 10);
}

/** Share of characters that may be control characters before text counts as binary. */
const MAX_CONTROL_SHARE = 0.01;
/** Share of bytes that may be invalid UTF-8 (a stray Latin-1 accent) before text counts as binary. */
const MAX_INVALID_SHARE = 0.01;

/**
 * Why `bytes` is not article text, or null when it is: NUL bytes (every
 * binary format has them, no text does), more than a sliver of invalid
 * UTF-8, or a high share of control characters.
 */
export function binaryReason(bytes: Uint8Array, text: string): string | null {
  if (bytes.includes(0)) return 'contains NUL bytes (a binary file, not text)';
  // Invalid sequences decode to U+FFFD; subtract the replacement characters literally present (EF BF BD).
  const replaced = countChar(text, 0xfffd) - countLiteralReplacements(bytes);
  if (replaced > Math.max(2, bytes.length * MAX_INVALID_SHARE)) return 'is not valid UTF-8 text';
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c <= 0x9f)) controls++;
  }
  if (controls > Math.max(4, text.length * MAX_CONTROL_SHARE)) return 'is mostly control characters (a binary file, not text)';
  return null;
}

/** U+FFFD characters encoded in the input itself (EF BF BD), as opposed to ones the decoder put in for bad bytes. */
function countLiteralReplacements(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  }
  return n;
}

function countChar(s: string, code: number): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === code) n++;
  return n;
}

/** Read and parse one file, refusing special files, anything too large to be an article, and binary content. */
export async function readArticleFile(path: string, maxBytes: number = MAX_ARTICLE_BYTES): Promise<ParsedArticle> {
  const bytes = await readLimited(path, maxBytes);
  const raw = bytes.toString('utf8');
  const binary = binaryReason(bytes, raw);
  if (binary) throw new NewsdeskError('ingest_failed', `${path} ${binary}; skipped.`);
  if (!raw.trim()) throw new NewsdeskError('ingest_failed', `${path} is empty.`);
  return parseArticle(raw, resolve(path));
}

/**
 * Ingest files and folders. A folder is a corpus: files that disappeared
 * from it since the last run are marked removed (never silently kept as
 * current). A bad file is reported and skipped; it never stops the run.
 */
export async function ingestPaths(paths: string[], store: ArticleWriter, clock: Clock): Promise<IngestReport> {
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
    let batch: ParsedArticle[] = [];
    for (const f of files) {
      try {
        batch.push(await readArticleFile(f));
      } catch (e) {
        report.failed.push({ source: f, message: (e as Error).message });
      }
      if (batch.length >= INGEST_BATCH) {
        await storeBatch(store, batch, clock.now(), report);
        batch = [];
      }
    }
    await storeBatch(store, batch, clock.now(), report);
    if (info.isDirectory()) {
      const prefix = resolve(p) + sep;
      const present = new Set(files);
      // Failed files are still present on disk: keep their last good version.
      for (const f of report.failed) present.add(f.source);
      for (const id of await store.markRemoved('file', prefix, present, clock.now())) report.removed.push(id);
    }
  }
  return report;
}
