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
type Db = ReturnType<typeof openDatabase>;
let db: Db;
let repo: SqliteArticleRepository;

/** The repository with a count of calls per method, to see what a refresh reads. */
function counted(inner: ArticleRepository): { repository: ArticleRepository; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const repository = new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { repository, calls };
}

/** Names in the text become person entities (one mention each); quotes are `"…" Name said`. */
const analyze = (a: { text: string }): ArticleAnalysis => ({
  entities: [...new Set(a.text.match(/\b[A-Z][a-z]+ [A-Z][a-z]+\b/g) ?? [])].map((name) => ({ name, type: 'person', role: null, roles: [], aliases: [], mentions: [[0, 1]], kind: 'subject' })),
  quotes: [...a.text.matchAll(/"([^"]+)" ([A-Z][a-z]+ [A-Z][a-z]+) said/g)].map((m) => ({ text: m[1], span: [m.index, m.index + m[1].length], direct: true, speaker: m[2], speakerSpan: null, cue: 'said' })),
  summary: [a.text.slice(0, 40)],
});

async function store(name: string, title: string, text: string, date: string): Promise<string> {
  const parsed = parseArticle(JSON.stringify({ title, text, publishedAt: date }), `/corpus/${name}.json`, 'file');
  return (await repo.upsert(articleInput(parsed), clock.now())).id;
}

function corpusOver(repository: ArticleRepository, analyzeFn = analyze): Corpus {
  return new Corpus({ repository, search: new SqliteTextSearch(db), clock, analyze: analyzeFn as never, version: 7 });
}

beforeEach(() => {
  db = openDatabase(':memory:');
  repo = new SqliteArticleRepository(db);
});
afterEach(() => db.close());

describe('the corpus keeps indexes in memory and updates them in place', () => {
  it('start-up with analyses cached reads the compact records, not the analyses, and analyses nothing', async () => {
    for (let i = 0; i < 30; i++) await store(`a${i}`, `Harbour story ${i}`, `Mayor Ana Ruiz opened pier ${i}. "Pier ${i} is open" Ana Ruiz said. Nina Holt agreed.`, `2024-03-0${1 + (i % 9)}`);
    await corpusOver(repo).refresh();
    const { repository, calls } = counted(repo);
    const again = corpusOver(repository, () => {
      throw new Error('must not analyse: every analysis is cached');
    });
    expect(await again.refresh()).toEqual({ articles: 30, analysed: 0, failed: 0 });
    expect(calls.get('indexRecords')).toBe(1);
    expect(calls.get('getAnalyses') ?? 0).toBe(0);
    expect(calls.get('getManyWithAnalyses') ?? 0).toBe(0);
    expect(calls.get('getAnalysis') ?? 0).toBe(0);
    expect(calls.get('get') ?? 0).toBe(0);
    expect(again.entities().lookup('ana ruiz')[0].articleIds).toHaveLength(30);
  });

  it('a new, an edited and a removed article update the indexes without reading the corpus again', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await store(`b${i}`, `Bridge story ${i}`, `Engineer Tom Berg inspected bridge ${i}. "Bridge ${i} is safe" Tom Berg said.`, '2024-03-02'));
    const { repository, calls } = counted(repo);
    const c = corpusOver(repository);
    await c.refresh();
    calls.clear();
    await store('new', 'Ferry returns', 'Captain Lia Moss sailed the ferry again. "We are back" Lia Moss said.', '2024-03-09');
    await store('b1', 'Bridge story 1', 'Engineer Tom Berg closed bridge 1 after a crack. "Bridge 1 must close" Tom Berg said. Ana Ruiz agreed.', '2024-03-03');
    await repo.markRemoved('file', '/corpus/b2', new Set(), clock.now());
    expect(await c.refresh()).toMatchObject({ articles: 5, analysed: 2 });
    expect(calls.get('indexRecords') ?? 0).toBe(0);
    expect(calls.get('changesSince')).toBe(1);
    expect(calls.get('get')).toBe(2); // the two articles analysed, one by one
    expect(c.entities().lookup('tom berg')[0].articleIds.sort()).toEqual([ids[0], ids[1], ids[3], ids[4]].sort());
    expect(c.entities().lookup('ana ruiz')[0].articleIds).toEqual([ids[1]]);
    expect((await c.search('Lia Moss')).map((h) => h.article.title)).toEqual(['Ferry returns']);
    expect((await c.quotesBy('Tom Berg')).total).toBe(4);
    const [edited] = await c.load([ids[1]]);
    expect(edited.analysis.quotes[0].text).toBe('Bridge 1 must close');
  });

  it('answers load only what they show: a speaker with many quotes is read newest first until enough are found', async () => {
    for (let i = 0; i < 40; i++) await store(`q${i}`, `Council meeting ${i}`, `"Point ${i} stands" Ana Ruiz said.`, new Date(Date.UTC(2024, 0, 1 + i)).toISOString());
    const { repository, calls } = counted(repo);
    const c = corpusOver(repository);
    await c.refresh();
    calls.clear();
    const { quotes, total } = await c.quotesBy('Ana Ruiz', { limit: 5 });
    expect(total).toBe(40);
    expect(quotes.map((q) => q.text)).toEqual(['Point 39 stands', 'Point 38 stands', 'Point 37 stands', 'Point 36 stands', 'Point 35 stands']);
    // One batch, read lightly: the articles' attributed quotes (not their text or whole analyses) in one
    // read, their reprints in another.
    expect(calls.get('getVersionsWithQuotes')).toBe(1);
    expect(calls.get('getManyWithAnalyses') ?? 0).toBe(0);
    expect(calls.get('duplicatesOfMany')).toBe(1);
    expect(calls.get('getMany') ?? 0).toBe(0);
    expect(calls.get('duplicatesOf') ?? 0).toBe(0);
  });

  it('analyses stored before index records existed are used as they are and get a record, once', async () => {
    for (let i = 0; i < 4; i++) {
      const id = await store(`l${i}`, `Legacy story ${i}`, `"Old point ${i}" Ana Ruiz said.`, '2024-02-01');
      const a = (await repo.get(id))!;
      await repo.saveAnalysis(id, 7, a.contentHash, analyze(a), null, clock.now());
    }
    const never = () => {
      throw new Error('must not analyse: the stored analyses are current');
    };
    const first = corpusOver(repo, never);
    expect(await first.refresh()).toMatchObject({ articles: 4, failed: 0 });
    const { repository, calls } = counted(repo);
    expect(await corpusOver(repository, never).refresh()).toEqual({ articles: 4, analysed: 0, failed: 0 });
    expect(calls.get('getAnalysis') ?? 0).toBe(0);
  });
});
