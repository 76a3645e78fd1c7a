import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput, TextHit } from '../../src/store/article-repository.js';
import { textHashOf } from '../../src/store/article-rows.js';
import { migratePostgres } from '../../src/store/postgres/pg-migrations.js';
import { PgArticleRepository } from '../../src/store/postgres/pg-article-repository.js';
import { chooseScan, PgTextSearch, type PgSearchPlan } from '../../src/store/postgres/pg-text-search.js';
import type { SqlDatabase } from '../../src/store/postgres/sql-database.js';

/**
 * PgTextSearch finds a query's newest matches by walking `ord` or through GIN windows, and ranks them in
 * pieces. This pins both ways to the one statement it replaced (rank the newest N matches by ts_rank, ties
 * by article id), on a corpus with many matches, repeated texts (equal ranks), phrases and their words
 * apart, and edits and removals (gaps in `ord`), for candidate windows that split the matches many ways.
 */
let db: PGlite;
let sql: SqlDatabase;
const T0 = new Date('2026-03-02T12:00:00Z');
const WORDS = ['harbour', 'crane', 'ferry', 'strike', 'union', 'port', 'mayor', 'budget', 'prime', 'minister', 'rates', 'council'];

function article(i: number, title: string, text: string): ArticleInput {
  return {
    source: `/p/${i}.txt`, origin: 'file', title, titleDerived: false, url: null, publishedAt: '2026-03-01T08:00:00.000Z', publisher: null,
    byline: [], credits: [], text, offsetsInto: 'text', offsets: [], contentHash: textHashOf(`${title}\n${text}`), textHash: textHashOf(text),
  };
}

/** The statement PgTextSearch used before it chose plans: one query, ts_rank over the newest `candidates` matches. */
async function reference(query: string, limit: number, candidates: number): Promise<TextHit[]> {
  const run = async (fn: string) => (await sql.query<{ article_id: string; rank: number }>(
    `SELECT c.article_id, ts_rank('{0.1, 0.1, 0.1, 0.3}', c.vector, ${fn}('english', $1)) AS rank
     FROM (SELECT d.article_id, d.vector FROM search_docs d WHERE d.vector @@ ${fn}('english', $1) ORDER BY d.ord DESC LIMIT $3) c
     ORDER BY rank DESC, c.article_id LIMIT $2`, [query, limit, candidates])).rows.map((r) => ({ articleId: r.article_id, score: Number(r.rank) }));
  const hits = await run('phraseto_tsquery');
  return hits.length === 0 && query.includes(' ') ? run('websearch_to_tsquery') : hits;
}

beforeAll(async () => {
  db = new PGlite();
  await db.waitReady;
  sql = db as unknown as SqlDatabase;
  await migratePostgres(sql);
  const repo = new PgArticleRepository(sql);
  let seed = 7;
  const r = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
  const batch: ArticleInput[] = [];
  for (let i = 0; i < 400; i++) {
    // Every ninth text repeats: equal ranks, so the id tie-break is in the answer. "prime minister" appears
    // as a phrase in some texts and its words apart in many more.
    const text = i % 9 === 0 ? 'The prime minister visited the harbour cranes.' : `${pick(15)} ${pick(Math.floor(r() * 30))}.`;
    batch.push(article(i, `Report ${pick(2)}`, text));
  }
  await repo.upsertMany(batch, T0);
  // Edits and removals: rows move to new `ord`s and leave gaps behind.
  for (let i = 0; i < 400; i += 13) await repo.upsert(article(i, `Edited ${pick(2)}`, `${pick(20)} prime minister ${pick(5)}.`), new Date(T0.getTime() + i));
  await repo.markRemoved('file', '/p/', new Set(batch.filter((_, i) => i % 17 !== 5).map((a) => a.source)), T0);
  await sql.query('ANALYZE search_docs');
}, 120_000);
afterAll(() => db?.close());

describe('PgTextSearch plans give the answers of the single ranked statement', () => {
  const queries = ['harbour', 'crane strike', 'prime minister', 'minister prime', 'council budget mayor', 'the of', 'zzqxvbn', 'harbour zzqxvbn'];
  for (const plan of ['walk', 'windows', undefined] as (PgSearchPlan | undefined)[]) {
    it(`${plan ?? 'chosen per query'}: same ids, order and scores`, async () => {
      for (const candidates of [5000, 60, 7, 1]) {
        const search = new PgTextSearch(sql, { rankedCandidates: candidates, plan });
        for (const q of queries) {
          for (const limit of [1, 5, 200]) {
            const got = await search.search(q, limit);
            expect(got, `${q} limit ${limit} candidates ${candidates}`).toEqual(await reference(q, limit, candidates));
          }
        }
      }
    });
  }

  it('a phrase matches only the words side by side, in order, in both plans', async () => {
    for (const plan of ['walk', 'windows'] as PgSearchPlan[]) {
      const search = new PgTextSearch(sql, { plan });
      const ids = (await search.search('prime minister', 200)).map((h) => h.articleId);
      const { rows } = await sql.query<{ article_id: string }>(
        "SELECT article_id FROM search_docs WHERE vector @@ phraseto_tsquery('english', 'prime minister')");
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThan(200);
      expect(ids.sort()).toEqual(rows.map((x) => x.article_id).sort());
      const apart = await sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM search_docs WHERE vector @@ plainto_tsquery('english', 'prime minister') AND NOT vector @@ phraseto_tsquery('english', 'prime minister')");
      expect(apart.rows[0].n).toBeGreaterThan(0);
    }
  });

  it('walks only for a query in a large share of a large table', () => {
    expect(chooseScan(5000, 240_000, 0.24)).toBe('windows'); // about even at a million; the index is the safer side
    expect(chooseScan(5000, 360_000, 0.36)).toBe('walk');
    expect(chooseScan(5000, 8_500, 0.085)).toBe('windows');
    expect(chooseScan(5000, 24_000, 0.24)).toBe('windows');
    expect(chooseScan(5, 390, 0.97)).toBe('walk');
  });
});
