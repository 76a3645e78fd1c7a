import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import { SqliteArticleRepository } from '../../src/store/sqlite-article-repository.js';
import { SqliteTextSearch } from '../../src/store/sqlite-text-search.js';

/** An `articles` row as migration 6 left it (the columns the old store wrote). */
function insertArticle(db: Database.Database, id: string, title: string, text: string, status: string, hash = `h-${id}`): void {
  db.prepare(`INSERT INTO articles (id, source, origin, title, text, offsets_into, offsets, content_hash, text_hash, status, first_seen_at, updated_at, parse_version)
    VALUES (?, ?, 'file', ?, ?, 'text', '[]', ?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 2)`).run(id, `/c/${id}.txt`, title, text, hash, `t-${id}`, status);
}

function ftsRow(db: Database.Database, id: string, hash: string, title: string, body: string): void {
  const info = db.prepare('INSERT INTO search_fts (article_id, title, body) VALUES (?, ?, ?)').run(id, title, body);
  db.prepare('INSERT INTO search_docs (article_id, content_hash, fts_rowid) VALUES (?, ?, ?)').run(id, hash, Number(info.lastInsertRowid));
}

describe('SQLite migration 7: search rows back-filled from an existing database', () => {
  it('drops rows of removed and changed articles, adds missing ones, and leaves right ones alone', async () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 6));
    insertArticle(db, 'kept', 'Ferry link restored', 'The ferry to Skarsvik sailed again.', 'current');
    insertArticle(db, 'gone', 'Mill closes', 'The textile mill in Dunmore closed.', 'removed');
    insertArticle(db, 'edited', 'Harbour crane', 'A crane collapsed at Northport.', 'current', 'h-new');
    insertArticle(db, 'missing', 'School roof', 'Pupils in Eastbrook returned to class.', 'current');
    ftsRow(db, 'kept', 'h-kept', 'Ferry link restored', 'The ferry to Skarsvik sailed again.');
    ftsRow(db, 'gone', 'h-gone', 'Mill closes', 'The textile mill in Dunmore closed.');
    ftsRow(db, 'edited', 'h-old', 'Harbour crane', 'A crane stood at Westport.');
    ftsRow(db, 'stray', 'h-stray', 'Nobody', 'A row whose article never existed, Westport.');

    expect(migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version > 6).map((m) => m.version));
    const search = new SqliteTextSearch(db);
    const ids = async (q: string) => (await search.search(q, 10)).map((h) => h.articleId);
    expect(await ids('skarsvik')).toEqual(['kept']);
    expect(await ids('dunmore')).toEqual([]);
    expect(await ids('westport')).toEqual([]);
    expect(await ids('northport')).toEqual(['edited']);
    expect(await ids('eastbrook')).toEqual(['missing']);
    expect((db.prepare('SELECT COUNT(*) AS n FROM search_docs').get() as { n: number }).n).toBe(3);
    expect((db.prepare('SELECT COUNT(*) AS n FROM search_fts').get() as { n: number }).n).toBe(3);

    // After the migration every write keeps the rows in step, and the change log starts from here.
    const repo = new SqliteArticleRepository(db);
    const { cursor } = await repo.changesSince(null);
    db.prepare("UPDATE articles SET status = 'removed' WHERE id = 'kept'").run();
    expect(await ids('skarsvik')).toEqual([]);
    expect(await repo.changesSince(cursor)).toMatchObject({ changed: [], gone: ['kept'] });
    db.close();
  });
});

describe('SQLite migration 8: index records move to their own table', () => {
  it('keeps the records saved under migration 7 and serves them from analysis_index', async () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 7));
    insertArticle(db, 'a1', 'Ferry link restored', 'The ferry to Skarsvik sailed again.', 'current');
    insertArticle(db, 'a2', 'School roof', 'Pupils returned.', 'current');
    db.prepare("INSERT INTO analyses (article_id, version, content_hash, json, index_data, analysed_at) VALUES ('a1', 3, 'h-a1', '{}', 'rec-a1', 'x')").run();
    db.prepare("INSERT INTO analyses (article_id, version, content_hash, json, index_data, analysed_at) VALUES ('a2', 3, 'h-a2', '{}', NULL, 'x')").run();
    expect(migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version > 7).map((m) => m.version));
    const repo = new SqliteArticleRepository(db);
    expect(await repo.indexRecordsOf(['a1', 'a2'], 3)).toEqual([{ articleId: 'a1', contentHash: 'h-a1', data: 'rec-a1' }]);
    const pages: string[] = [];
    for await (const page of repo.indexRecords(3)) pages.push(...page.map((r) => r.data));
    expect(pages).toEqual(['rec-a1']);
    expect(await repo.getAnalysis('a2', 3, 'h-a2')).toEqual({});
    db.close();
  });
});
