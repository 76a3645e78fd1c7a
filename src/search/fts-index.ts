import type Database from 'better-sqlite3';

/** A text match for one article: higher `score` is better (FTS5 bm25, sign flipped). */
export interface TextHit {
  articleId: string;
  score: number;
}

/** Documents to keep searchable: id, content hash (to skip unchanged ones), title and body. */
export interface SearchDoc {
  id: string;
  contentHash: string;
  title: string;
  body: string;
}

/**
 * Word and phrase search on SQLite FTS5 (porter stemming, accent folding).
 * We use FTS5 rather than a JS library because the corpus already lives in
 * SQLite: the index is persisted with it, updated in the same file, and
 * bm25 ranking comes for free. Entity-aware ranking is layered on top by
 * `rankArticles`, since no text index knows that "Venezuelan" is Venezuela.
 */
export class FtsIndex {
  constructor(private readonly db: Database.Database) {}

  /** Make the index hold exactly `docs`: add new/changed ones, drop the rest. */
  sync(docs: readonly SearchDoc[]): { added: number; removed: number } {
    const have = new Map(
      (this.db.prepare('SELECT article_id, content_hash, fts_rowid FROM search_docs').all() as { article_id: string; content_hash: string; fts_rowid: number }[]).map(
        (r) => [r.article_id, r],
      ),
    );
    const want = new Set(docs.map((d) => d.id));
    let added = 0;
    let removed = 0;
    const del = this.db.prepare('DELETE FROM search_fts WHERE rowid = ?');
    const delDoc = this.db.prepare('DELETE FROM search_docs WHERE article_id = ?');
    const ins = this.db.prepare('INSERT INTO search_fts (article_id, title, body) VALUES (?, ?, ?)');
    const insDoc = this.db.prepare('INSERT OR REPLACE INTO search_docs (article_id, content_hash, fts_rowid) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const [id, row] of have) {
        if (!want.has(id)) {
          del.run(row.fts_rowid);
          delDoc.run(id);
          removed++;
        }
      }
      for (const d of docs) {
        const row = have.get(d.id);
        if (row && row.content_hash === d.contentHash) continue;
        if (row) del.run(row.fts_rowid);
        const info = ins.run(d.id, d.title, d.body);
        insDoc.run(d.id, d.contentHash, Number(info.lastInsertRowid));
        added++;
      }
    })();
    return { added, removed };
  }

  /** Articles matching all words of `query` (as a phrase first, then as words anywhere). */
  search(query: string, limit = 200): TextHit[] {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const stmt = this.db.prepare(
      'SELECT article_id AS id, bm25(search_fts, 0, 3.0, 1.0) AS rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?',
    );
    const phrase = `"${words.join(' ')}"`;
    let rows = stmt.all(`{title body}: ${phrase}`, limit) as { id: string; rank: number }[];
    if (rows.length === 0 && words.length > 1) {
      rows = stmt.all(`{title body}: ${words.map((w) => `"${w}"`).join(' AND ')}`, limit) as { id: string; rank: number }[];
    }
    return rows.map((r) => ({ articleId: r.id, score: -r.rank }));
  }
}

/** Query words safe to put inside FTS5 quotes (no operators, no quotes). */
export function queryWords(query: string): string[] {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
}
