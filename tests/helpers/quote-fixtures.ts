import { extractQuotes } from '../../src/analysis/quotes/extract-quotes.js';
import { splitSentences } from '../../src/analysis/text/sentences.js';
import type { ArticleEntity, Quote } from '../../src/analysis/types.js';

/** Build an entity as the entity stage would, with every mention of its surface forms. */
export function entity(text: string, name: string, type: ArticleEntity['type'], aliases: string[] = []): ArticleEntity {
  const mentions: [number, number][] = [];
  for (const form of [name, ...aliases]) {
    for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) mentions.push([at, at + form.length]);
  }
  return { name, type, role: null, roles: [], aliases, mentions, kind: 'subject' };
}

/** Run the quote stage on a text with hand-made entities. */
export function quotes(text: string, entities: ArticleEntity[] = []): Quote[] {
  return extractQuotes(text, splitSentences(text), entities);
}

/** The first quote whose text contains `words`. */
export function containing(list: Quote[], words: string): Quote | undefined {
  return list.find((q) => q.text.includes(words));
}
