import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import { fixedClock } from '../../src/core/clock.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { articleInput } from '../../src/corpus/ingest.js';
import { parseArticle } from '../../src/corpus/parse-article.js';
import type { ArticleRepository } from '../../src/store/article-repository.js';
import { type ContractEngine, pgliteEngine, sqliteEngine } from '../store-contract/engines.js';

/**
 * The corpus over either engine's repository and text search: the same answers, and refresh follows
 * additions, edits and removals in place on both.
 */
const clock = fixedClock('2024-03-10T09:00:00Z');
let instance: PGlite;
beforeAll(async () => {
  instance = new PGlite();
  await instance.waitReady;
}, 120_000);
afterAll(() => instance?.close());

/** Names in the text become person entities; quotes are `"…" Name said`. */
const analyze = (a: { text: string }): ArticleAnalysis => ({
  entities: [...new Set(a.text.match(/\b[A-Z][a-z]+ [A-Z][a-z]+\b/g) ?? [])].map((name) => ({ name, type: 'person', role: null, roles: [], aliases: [], mentions: [[0, 1]], kind: 'subject' })),
  quotes: [...a.text.matchAll(/"([^"]+)" ([A-Z][a-z]+ [A-Z][a-z]+) said/g)].map((m) => ({ text: m[1], span: [m.index, m.index + m[1].length], direct: true, speaker: m[2], speakerSpan: null, cue: 'said' })),
  summary: [a.text.slice(0, 40)],
});

async function store(repo: ArticleRepository, name: string, title: string, text: string, date: string): Promise<string> {
  const parsed = parseArticle(JSON.stringify({ title, text, publishedAt: date }), `/corpus/${name}.json`, 'file');
  return (await repo.upsert(articleInput(parsed), clock.now())).id;
}

for (const engine of [(): ContractEngine => sqliteEngine(), (): ContractEngine => pgliteEngine(() => instance)]) {
  describe(`the corpus on ${engine().name}`, () => {
    it('answers from the store and follows a new, an edited and a removed article', async () => {
      const db = await engine().open();
      try {
        const { repository, search } = db.articles();
        const ids: string[] = [];
        for (let i = 0; i < 4; i++) ids.push(await store(repository, `h${i}`, `Harbour works ${i}`, `Engineer Tom Berg inspected pier ${i} in Northport. "Pier ${i} is sound" Tom Berg said.`, `2024-03-0${i + 1}`));
        const corpus = new Corpus({ repository, search, clock, analyze: analyze as never, version: 3 });
        expect(await corpus.refresh()).toEqual({ articles: 4, analysed: 4, failed: 0 });
        expect((await corpus.search('Northport')).map((h) => h.article.title).sort()).toEqual(['Harbour works 0', 'Harbour works 1', 'Harbour works 2', 'Harbour works 3']);
        expect((await corpus.quotesBy('Tom Berg', { limit: 2 })).quotes.map((q) => q.text)).toEqual(['Pier 3 is sound', 'Pier 2 is sound']);

        await store(repository, 'ferry', 'Ferry returns', 'Captain Lia Moss sailed to Skarsvik again. "We are back" Lia Moss said.', '2024-03-09');
        await store(repository, 'h1', 'Harbour works 1', 'Engineer Tom Berg closed pier 1 in Northport. "Pier 1 must close" Tom Berg said.', '2024-03-02');
        await repository.markRemoved('file', '/corpus/h2', new Set(), clock.now());
        expect(await corpus.refresh()).toMatchObject({ articles: 4, analysed: 2 });
        expect((await corpus.search('Skarsvik')).map((h) => h.article.title)).toEqual(['Ferry returns']);
        expect(corpus.entities().lookup('tom berg')[0].articleIds.sort()).toEqual([ids[0], ids[1], ids[3]].sort());
        const [edited] = await corpus.load([ids[1]]);
        expect(edited.analysis.quotes[0].text).toBe('Pier 1 must close');

        const again = new Corpus({ repository, search, clock, analyze: () => { throw new Error('cached'); }, version: 3 });
        expect(await again.refresh()).toEqual({ articles: 4, analysed: 0, failed: 0 });
        await corpus.close();
        await again.close();
      } finally {
        await db.close();
      }
    }, 60_000);
  });
}
