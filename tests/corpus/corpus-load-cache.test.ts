import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import { fixedClock } from '../../src/core/clock.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { articleInput } from '../../src/corpus/ingest.js';
import { parseArticle } from '../../src/corpus/parse-article.js';
import type { ArticleRepository } from '../../src/store/article-repository.js';
import { SqliteArticleRepository } from '../../src/store/sqlite-article-repository.js';
import { openDatabase } from '../../src/store/sqlite-article-store.js';
import { SqliteTextSearch } from '../../src/store/sqlite-text-search.js';

const clock = fixedClock('2024-03-10T09:00:00Z');
let db: ReturnType<typeof openDatabase>;
let repo: SqliteArticleRepository;

/** The repository with the ids each getManyWithAnalyses call asked for. */
function watched(inner: ArticleRepository): { repository: ArticleRepository; reads: string[][] } {
  const reads: string[][] = [];
  const repository = new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (prop !== 'getManyWithAnalyses') return typeof v === 'function' ? v.bind(target) : v;
      return (ids: string[], version: number) => {
        reads.push([...ids].sort());
        return target.getManyWithAnalyses(ids, version);
      };
    },
  });
  return { repository, reads };
}

const analyze = (a: { text: string }): ArticleAnalysis => ({ entities: [], quotes: [], summary: [a.text.slice(0, 30)] });

async function store(name: string, text: string): Promise<string> {
  const parsed = parseArticle(JSON.stringify({ title: name, text, publishedAt: '2024-03-01' }), `/corpus/${name}.json`, 'file');
  return (await repo.upsert(articleInput(parsed), clock.now())).id;
}

beforeEach(() => {
  db = openDatabase(':memory:');
  repo = new SqliteArticleRepository(db);
});
afterEach(() => db.close());

describe('the corpus keeps small loads for the next answer and serves large ones without keeping them', () => {
  it('a load within a quarter of the cache is kept; a larger one is read again; neither evicts the other', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await store(`a${i}`, `Story number ${i} about the harbour and the ferry.`));
    const { repository, reads } = watched(repo);
    const c = new Corpus({ repository, search: new SqliteTextSearch(db), clock, analyze: analyze as never, version: 3, cacheSize: 16 });
    await c.refresh();
    reads.length = 0;

    const small = ids.slice(0, 4); // 4 <= 16 / 4: kept
    expect((await c.load(small)).map((a) => a.id)).toEqual(small);
    expect((await c.load(small)).map((a) => a.id)).toEqual(small);
    expect(reads).toEqual([[...small].sort()]);

    const big = ids.slice(10, 30); // 20 > 16 / 4: served, not kept
    const first = await c.load(big);
    expect(first.map((a) => a.id)).toEqual(big);
    const again = await c.load(big);
    expect(again).toEqual(first);
    expect(reads.slice(1)).toEqual([[...big].sort(), [...big].sort()]);

    // The small set is still cached; a big load that includes it reads only what is missing.
    reads.length = 0;
    await c.load(small);
    expect(reads).toEqual([]);
    await c.load([...small, ...ids.slice(4, 10)]);
    expect(reads).toEqual([ids.slice(4, 10).sort()]);
  });

  it('a kept article is read again after it changes', async () => {
    const id = await store('m', 'The mill in Dunmore closes in March.');
    const c = new Corpus({ repository: repo, search: new SqliteTextSearch(db), clock, analyze: analyze as never, version: 3 });
    await c.refresh();
    expect((await c.load([id]))[0].text).toContain('March');
    await store('m', 'The mill in Dunmore stays open after all.');
    await c.refresh();
    expect((await c.load([id]))[0].text).toContain('stays open');
  });

  it('concurrent loads: what one found cached is served even when the other evicts it meanwhile', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await store(`c${i}`, `Story number ${i} about the harbour and the ferry.`));
    // The read that includes the slow id waits until released, so the other load finishes (and evicts) first.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = ids[29];
    const repository = new Proxy(repo as ArticleRepository, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (prop !== 'getManyWithAnalyses' && prop !== 'getVersionsWithQuotes') return typeof v === 'function' ? v.bind(target) : v;
        return async (asked: string[], version: number) => {
          if (asked.includes(slow)) await gate;
          return (v as (a: string[], n: number) => Promise<unknown>).call(target, asked, version);
        };
      },
    });
    const c = new Corpus({ repository, search: new SqliteTextSearch(db), clock, analyze: analyze as never, version: 3, cacheSize: 8, versionCacheSize: 4 });
    await c.refresh();
    const cached = ids.slice(0, 2);
    await c.load(cached); // kept (2 <= 8 / 4)
    await c.loadVersions(ids.slice(2, 4)); // kept in the version cache
    const full = c.load([...cached, slow]);
    const versions = c.loadVersions([...ids.slice(2, 4), slow]);
    // Enough small loads to push every earlier entry out of both caches while the two above wait.
    for (let i = 4; i < 28; i += 2) {
      await c.load(ids.slice(i, i + 2));
      await c.loadVersions(ids.slice(i, i + 2));
    }
    release();
    expect((await full).map((a) => a.id)).toEqual([...cached, slow]);
    expect((await versions).map((v) => v.id)).toEqual([...ids.slice(2, 4), slow]);
  });
});
