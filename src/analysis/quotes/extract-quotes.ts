import type { ArticleEntity, Quote, Sentence } from '../types.js';

/** PROVISIONAL stub (owned by the quotes stage): finds no quotes yet. */
export function extractQuotes(_text: string, _sentences: Sentence[], _entities: ArticleEntity[]): Quote[] {
  return [];
}
