import type { Credit } from '../corpus/article.js';
import { cleanText, deriveTitle } from '../corpus/clean-text.js';
import { splitNames } from '../corpus/furniture.js';
import { contentHash } from '../corpus/parse-article.js';
import type { ExtractedPage } from '../extract/extract-page.js';
import type { ArticleInput, UpsertOutcome } from '../store/article-repository.js';
import { textHashOf } from '../store/sqlite-article-store.js';
import type { FeedItem } from './parse-feed.js';

export type { ArticleInput };

/**
 * Where feed items are stored: `ArticleRepository.upsert` (asynchronous, either engine). The synchronous
 * `ArticleStore` fits too, so callers not yet switched to the repository keep working.
 */
export interface FeedArticleSink {
  upsert(article: ArticleInput, now: Date): Promise<{ id: string; outcome: UpsertOutcome }> | { id: string; outcome: UpsertOutcome };
}

/** An item turned into an article, and whether its text is only the feed's own (the page failed). */
export interface FeedArticle {
  article: ArticleInput;
  partial: boolean;
}

/**
 * Build the stored article for a feed item: the page's main text when it
 * was read and holds an article at least as long as the feed's text,
 * otherwise the feed's own text, marked partial. Metadata prefers the page
 * (canonical URL, byline, date) and falls back to the feed.
 */
export function feedItemArticle(source: string, item: FeedItem, page: ExtractedPage | null): FeedArticle | null {
  const pageUsable = !!page && page.method === 'readability' && page.text.length >= Math.min(item.text.length, 400);
  let body = pageUsable ? page!.text : item.text;
  // A short page keeps its headline at the top of the text; the title already says it.
  const headline = (item.title ?? page?.title ?? '').trim().toLowerCase();
  const firstLine = body.split('\n', 1)[0].trim();
  if (headline && firstLine.toLowerCase() === headline && body.length > firstLine.length) body = body.slice(body.indexOf(firstLine) + firstLine.length).trimStart();
  if (!body.trim() && !item.title) return null;
  // The page repeats its headline at the top of the text; keep it out of the body.
  const title = item.title ?? page?.title ?? null;
  const cleaned = cleanText(body, { detectHeadline: false });
  const text = cleaned.text || (title ?? '');
  const bylineNames = page?.byline ? splitNames(page.byline) : item.authors.flatMap(splitNames);
  const creditNames = new Set(cleaned.credits.map((c) => c.name.toLowerCase()));
  const credits: Credit[] = [...bylineNames.filter((n) => !creditNames.has(n.toLowerCase())).map((name) => ({ name, role: 'reporter' })), ...cleaned.credits];
  return {
    partial: !pageUsable,
    article: {
      source,
      origin: 'feed',
      title: title || deriveTitle(text) || 'Untitled article',
      titleDerived: !title,
      url: page?.canonicalUrl ?? item.link,
      publishedAt: page?.publishedAt ?? item.publishedAt ?? cleaned.publishedAt,
      byline: credits.map((c) => c.name),
      credits,
      text,
      offsetsInto: 'text',
      offsets: cleaned.offsets.toJSON(),
      contentHash: contentHash(`${title ?? ''}\n${body}`),
      textHash: textHashOf(text),
    },
  };
}
