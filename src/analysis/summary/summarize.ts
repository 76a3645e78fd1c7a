import type { ArticleEntity, Sentence } from '../types.js';

export interface SummarizeOptions {
  title?: string | null;
  entities?: ArticleEntity[];
  /** Maximum sentences returned (default 3). */
  max?: number;
}

/** PROVISIONAL stub (owned by the summary stage): the lead sentences. */
export function summarize(_text: string, sentences: Sentence[], opts: SummarizeOptions = {}): string[] {
  return sentences.slice(0, opts.max ?? 3).map((s) => s.text);
}
