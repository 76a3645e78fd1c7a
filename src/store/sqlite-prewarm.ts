import type Database from 'better-sqlite3';

/**
 * The small structures every answer looks things up in at random, and a statement that reads each through:
 * bm25's per-row lengths (one lookup per ranked candidate, thousands a search), the FTS rowid → article map,
 * and the article and analysis keys that loading the shown articles goes through. Together they are about
 * 90 bytes an article (9 MB at 100,000 articles).
 */
const WARM_READS: readonly { name: string; sql: string }[] = [
  { name: 'search lengths', sql: 'SELECT sum(length(sz)) FROM search_fts_docsize' },
  { name: 'search rowid map', sql: 'SELECT sum(fts_rowid) FROM search_docs INDEXED BY search_docs_by_rowid' },
  { name: 'article keys', sql: 'SELECT sum(length(id)) FROM articles INDEXED BY sqlite_autoindex_articles_1' },
  { name: 'analysis keys', sql: 'SELECT sum(length(article_id)) FROM analyses INDEXED BY sqlite_autoindex_analyses_1' },
];

/**
 * Read the database's lookup structures through once, the way pg_prewarm warms PostgreSQL's buffers after
 * a restart. After a reboot (or when other work has pushed the file out of the OS page cache) the first
 * askings would otherwise wait on a random disk read for every lookup: a cold `/brief` read hundreds of
 * scattered pages of these structures, and scanning them in key order reads mostly neighbouring pages,
 * which the OS reads ahead. The bodies, summaries and quotes shown are still read when they are shown.
 * Returns the names of the structures read (for the log); one this schema lacks is skipped.
 */
export function prewarmSqlite(db: Database.Database): string[] {
  const warmed: string[] = [];
  for (const r of WARM_READS) {
    try {
      db.prepare(r.sql).pluck().get();
      warmed.push(r.name);
    } catch {
      // An older or partial schema (a test's bare database): nothing to warm there.
    }
  }
  return warmed;
}
