import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrations.js';
import { SqliteTextSearch } from '../../src/store/sqlite-text-search.js';

/**
 * The ranked query reads rowids and looks the kept ids up afterwards; this pins its answers (ids, order,
 * scores) to the one-statement query it replaced, on a corpus with many matches and ties.
 */
describe('SqliteTextSearch: ids looked up after ranking', () => {
  it('gives the ids, order and scores of selecting article_id in the ranked query', async () => {
    const db = new Database(':memory:');
    migrate(db);
    const words = ['harbour', 'crane', 'ferry', 'strike', 'union', 'port', 'mayor', 'budget'];
    let seed = 11;
    const r = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const insert = db.prepare('INSERT INTO search_fts (article_id, title, body) VALUES (?, ?, ?)');
    // As the article triggers do: the rowid map beside each FTS row (every third row left out, which the
    // search must still answer from the FTS row itself).
    const map = db.prepare('INSERT INTO search_docs (article_id, content_hash, fts_rowid) VALUES (?, ?, ?)');
    for (let i = 0; i < 600; i++) {
      const pick = (n: number) => Array.from({ length: n }, () => words[Math.floor(r() * words.length)]).join(' ');
      // Every tenth row repeats another's text exactly: equal bm25 scores, so ties are in the answer.
      const body = i % 10 === 0 ? 'harbour crane strike at the port' : `${pick(20)} ${pick(Math.floor(r() * 40))}`;
      const id = `a${String(i).padStart(4, '0')}`;
      const { lastInsertRowid } = insert.run(id, pick(3), body);
      if (i % 3 !== 0) map.run(id, 'hash', lastInsertRowid);
    }
    const old = db.prepare(
      'SELECT article_id AS id, bm25(search_fts, 0, 3.0, 1.0) AS rank FROM search_fts WHERE search_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?',
    );
    for (const candidates of [5000, 100]) {
      const search = new SqliteTextSearch(db, { rankedCandidates: candidates });
      for (const q of ['harbour', 'crane strike', 'port', 'mayor budget', 'nothing here']) {
        for (const limit of [1, 20, 200]) {
          const match = `{title body}: "${q}"`;
          const floor = (db.prepare('SELECT rowid AS r FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?').get(match, candidates - 1) as { r: number } | undefined)?.r ?? 0;
          const want = (old.all(match, floor, limit) as { id: string; rank: number }[]).map((x) => ({ articleId: x.id, score: -x.rank }));
          const got = await search.search(q, limit);
          // A phrase that matches nothing falls back to all words anywhere: another query, not compared here.
          if (want.length) expect(got).toEqual(want);
          if (q === 'harbour') expect(got).toHaveLength(Math.min(limit, candidates));
        }
      }
    }
    db.close();
  });
});
