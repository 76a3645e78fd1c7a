import type { ArticleAnalysis } from '../analysis/types.js';
import type { AnalysisFailureReason, StoredArticle } from '../store/article-store.js';

/**
 * What analysing one article came to. `cancelled` (the analyser was closed
 * mid-job) is not the article's fault and is never persisted as a failure.
 */
export type AnalysisOutcome =
  | { ok: true; analysis: ArticleAnalysis }
  | { ok: false; reason: AnalysisFailureReason | 'cancelled'; message: string };

/** Analyses articles; the corpus runs up to `concurrency` jobs at once. */
export interface ArticleAnalyzer {
  readonly concurrency: number;
  /** Resolves with the outcome; rejects only when the analyser itself is broken (e.g. workers cannot start). */
  analyze(article: StoredArticle): Promise<AnalysisOutcome>;
  /** Stop: running jobs resolve as `cancelled`. */
  close(): Promise<void>;
}

/**
 * The synchronous in-process analyser (tests that inject `analyze`, small
 * tools). It cannot enforce a time budget: a slow article blocks the caller,
 * which is why the bot uses the worker pool instead.
 */
export function inProcessAnalyzer(analyze: (a: StoredArticle) => ArticleAnalysis): ArticleAnalyzer {
  return {
    concurrency: 1,
    analyze: async (a) => {
      try {
        return { ok: true, analysis: analyze(a) };
      } catch (e) {
        return { ok: false, reason: 'error', message: oneLine(e) };
      }
    },
    close: async () => undefined,
  };
}

/** An error as one line, without a stack. */
export function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim().slice(0, 300) || 'unknown error';
}
