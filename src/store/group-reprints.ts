import type { StoredArticle } from './article-store.js';

/** A reprint row as both engines select it: the reprint and the article it duplicates. */
export interface ReprintRow {
  id: string;
  source: string;
  url: string | null;
  title: string;
  duplicate_of: string | null;
}

/** Reprints grouped by the article they duplicate, in the rows' order (both engines select oldest first). */
export function groupReprints(rows: readonly ReprintRow[]): Map<string, Pick<StoredArticle, 'id' | 'source' | 'url' | 'title'>[]> {
  const out = new Map<string, Pick<StoredArticle, 'id' | 'source' | 'url' | 'title'>[]>();
  for (const r of rows) {
    if (!r.duplicate_of) continue;
    const list = out.get(r.duplicate_of) ?? [];
    list.push({ id: r.id, source: r.source, url: r.url, title: r.title });
    out.set(r.duplicate_of, list);
  }
  return out;
}
