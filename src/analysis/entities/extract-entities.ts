import type { ArticleEntity, Sentence } from '../types.js';

export interface EntityOptions {
  title?: string | null;
  byline: string[];
  publishedAt?: string | null;
}

/** PROVISIONAL stub (owned by the entity stage). */
export function extractEntities(_text: string, _sentences: Sentence[], _opts: EntityOptions): ArticleEntity[] {
  return [];
}
