import { extractEntities, type EntityOptions } from '../../src/analysis/entities/extract-entities.js';
import { splitSentences } from '../../src/analysis/text/sentences.js';
import type { ArticleEntity } from '../../src/analysis/types.js';

/** Run the entity stage on a text written for the test. */
export function entities(text: string, opts: Partial<EntityOptions> = {}): ArticleEntity[] {
  return extractEntities(text, splitSentences(text), { byline: [], ...opts });
}

/** The subject entity with this exact name, if any. */
export function byName(list: ArticleEntity[], name: string): ArticleEntity | undefined {
  return list.find((e) => e.name === name && e.kind === 'subject');
}

/** The surface text of every mention of an entity. */
export function surfaces(text: string, e: ArticleEntity | undefined): string[] {
  return (e?.mentions ?? []).map(([s, t]) => text.slice(s, t));
}
