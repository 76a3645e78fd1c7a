import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import type { ArticleInput, ArticleRepository, TextSearch } from '../../src/store/article-repository.js';
import { textHashOf } from '../../src/store/article-rows.js';
import { loadSnapshot } from '../helpers/snapshot-bytes.js';
import type { ContractDatabase, ContractEngine } from './engines.js';

const T0 = new Date('2026-03-02T12:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** An article input whose content hash follows its text and title (as the parser's does). */
function article(source: string, title: string, text: string, extra: Partial<ArticleInput> = {}): ArticleInput {
  return {
    source, origin: 'file', title, titleDerived: false, url: null, publishedAt: '2026-03-01T08:00:00.000Z', publisher: null,
    byline: ['Ana Ruiz'], credits: [], text, offsetsInto: 'text', offsets: [], contentHash: textHashOf(`${title}\n${text}`), textHash: textHashOf(text), ...extra,
  };
}

const MILL = article('/c/mill.txt', 'Mill closure hits Dunmore', 'The last textile mill in Dunmore will close in March, owner Rita Hale said.');
const FERRY = article('/c/ferry.txt', 'Ferry link restored', 'The ferry between Lindholm and Skarsvik sailed again after repairs.');
type UpsertResult = Awaited<ReturnType<ArticleRepository['upsert']>>;
const analysis = (summary: string): ArticleAnalysis => ({ entities: [], quotes: [], summary: [summary] });

/** Wait until `check` holds (polling), or fail after `ms`. */
async function eventually(check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The ArticleRepository + TextSearch contract: every engine behaves the same through the seam. */
export function articleContract(engine: () => ContractEngine): void {
  describe('article repository and search contract', () => {
    let db: ContractDatabase;
    let repo: ArticleRepository;
    let search: TextSearch;
    beforeEach(async () => {
      db = await engine().open();
      ({ repository: repo, search } = db.articles());
    });
    afterEach(async () => {
      await repo.close();
      await db.close();
    });

    it('upsert reports added, unchanged, updated, duplicate and restored; ids are stable per source', async () => {
      const a = await repo.upsert(MILL, T0);
      expect(a.outcome).toBe('added');
      expect(await repo.upsert(MILL, later(1))).toEqual({ id: a.id, outcome: 'unchanged' });
      const edited = article(MILL.source, MILL.title, `${MILL.text} About 300 workers will lose their jobs.`);
      expect(await repo.upsert(edited, later(2))).toEqual({ id: a.id, outcome: 'updated' });
      const stored = await repo.get(a.id);
      expect(stored).toMatchObject({ source: MILL.source, title: MILL.title, text: edited.text, status: 'current', byline: ['Ana Ruiz'], titleDerived: false });
      expect(stored!.firstSeenAt).toBe(T0.toISOString());
      expect(stored!.updatedAt).toBe(later(2).toISOString());
      const reprint = await repo.upsert({ ...edited, source: '/c/mill-copy.txt' }, later(3));
      expect(reprint.outcome).toBe('duplicate');
      expect((await repo.get(reprint.id))).toMatchObject({ status: 'duplicate', duplicateOf: a.id });
      expect(await repo.markRemoved('file', '/c/', new Set(['/c/mill-copy.txt']), later(4))).toEqual([a.id]);
      expect((await repo.upsert(edited, later(5))).outcome).toBe('duplicate'); // the reprint became the story meanwhile
      expect(await repo.getMany([a.id, reprint.id, 'nope'])).toHaveLength(2);
    });

    it('a removed article comes back as restored; markRemoved only touches its origin and prefix', async () => {
      const m = await repo.upsert(MILL, T0);
      const f = await repo.upsert({ ...FERRY, origin: 'feed', source: 'https://x.test/ferry' }, T0);
      const sibling = await repo.upsert(article('/c-other/x.txt', 'Sibling', 'A story in a folder whose name starts like the corpus folder.'), T0);
      const beyond = await repo.upsert(article('/c0.txt', 'Beyond', 'A story just past the folder in sort order.'), T0);
      expect(await repo.markRemoved('file', '/other/', new Set(), later(1))).toEqual([]);
      expect(await repo.markRemoved('file', '/c/', new Set(), later(1))).toEqual([m.id]);
      expect((await repo.get(f.id))!.status).toBe('current');
      expect((await repo.currentHeads()).map((h) => h.id).sort()).toEqual([f.id, sibling.id, beyond.id].sort());
      expect((await repo.upsert(MILL, later(2))).outcome).toBe('restored');
      expect((await repo.currentHeads()).map((h) => h.id).sort()).toEqual([m.id, f.id, sibling.id, beyond.id].sort());
    });

    it('reprints: listed by original, promoted when the original goes, released when its text changes', async () => {
      const m = await repo.upsert(MILL, T0);
      const c1 = await repo.upsert({ ...MILL, source: '/c/copy1.txt' }, later(1));
      const c2 = await repo.upsert({ ...MILL, source: '/c/copy2.txt' }, later(2));
      expect((await repo.duplicatesOf(m.id)).map((d) => d.id).sort()).toEqual([c1.id, c2.id].sort());
      const byOriginal = await repo.duplicatesByOriginal();
      expect([...byOriginal.keys()]).toEqual([m.id]);
      expect(byOriginal.get(m.id)!.map((d) => d.source)).toEqual(['/c/copy1.txt', '/c/copy2.txt']);
      expect(byOriginal.get(m.id)![0]).not.toHaveProperty('text');
      await repo.markRemoved('file', '/c/', new Set(['/c/copy1.txt', '/c/copy2.txt']), later(3));
      expect(await repo.get(c1.id)).toMatchObject({ status: 'current', duplicateOf: null });
      expect(await repo.get(c2.id)).toMatchObject({ status: 'duplicate', duplicateOf: c1.id });
      await repo.upsert(article('/c/copy1.txt', MILL.title, 'Entirely new text about the Dunmore mill.'), later(4));
      expect(await repo.get(c2.id)).toMatchObject({ status: 'current', duplicateOf: null });
    });

    it('duplicatesOfMany: the reprints of several articles in one read, oldest first, without text', async () => {
      const m = await repo.upsert(MILL, T0);
      const f = await repo.upsert(FERRY, T0);
      const c2 = await repo.upsert({ ...MILL, source: '/c/copy2.txt', url: 'https://b.test/mill' }, later(2));
      const c1 = await repo.upsert({ ...MILL, source: '/c/copy1.txt' }, later(1));
      const lone = await repo.upsert(article('/c/lone.txt', 'Lone story', 'Nobody else printed this one about Skarsvik.'), T0);
      const many = await repo.duplicatesOfMany([m.id, f.id, lone.id, 'nope', m.id]);
      expect([...many.keys()]).toEqual([m.id]);
      expect(many.get(m.id)).toEqual([
        { id: c1.id, source: '/c/copy1.txt', url: null, title: MILL.title },
        { id: c2.id, source: '/c/copy2.txt', url: 'https://b.test/mill', title: MILL.title },
      ]);
      // The same reprints duplicatesOf lists, one article at a time.
      expect((await repo.duplicatesOf(m.id)).map((d) => d.id).sort()).toEqual([c1.id, c2.id].sort());
      expect(await repo.duplicatesOfMany([])).toEqual(new Map());
      // A removed reprint is no longer listed.
      await repo.markRemoved('file', '/c/', new Set([MILL.source, FERRY.source, '/c/copy2.txt', '/c/lone.txt']), later(3));
      expect((await repo.duplicatesOfMany([m.id])).get(m.id)!.map((d) => d.id)).toEqual([c2.id]);
    });

    it('getManyWithAnalyses: articles with their analysis of the version asked, in one read', async () => {
      const m = await repo.upsert(MILL, T0);
      const f = await repo.upsert(FERRY, T0);
      const none = await repo.upsert(article('/c/none.txt', 'Not analysed', 'No analysis was saved for this one.'), T0);
      await repo.saveAnalysis(m.id, 3, MILL.contentHash, analysis('mill'), null, T0);
      await repo.saveAnalysis(f.id, 4, FERRY.contentHash, analysis('ferry'), null, T0);
      const got = await repo.getManyWithAnalyses([m.id, f.id, none.id, 'nope', m.id], 3);
      const byId = new Map(got.map((x) => [x.article.id, x]));
      expect(got).toHaveLength(3);
      expect(byId.get(m.id)!.analysis).toEqual({ contentHash: MILL.contentHash, analysis: analysis('mill') });
      expect(byId.get(f.id)!.analysis).toBeUndefined(); // analysed under another version only
      expect(byId.get(none.id)!.analysis).toBeUndefined();
      // The articles are what getMany gives, the analyses what getAnalyses gives.
      for (const a of await repo.getMany([m.id, f.id, none.id])) expect(byId.get(a.id)!.article).toEqual(a);
      expect((await repo.getManyWithAnalyses([f.id], 4))[0].analysis).toEqual((await repo.getAnalyses([f.id], 4)).get(f.id));
      expect(await repo.getManyWithAnalyses([], 3)).toEqual([]);
      // Any status, and the analysis whatever content hash it was made from (callers compare).
      await repo.upsert(article(MILL.source, MILL.title, 'The mill will stay open after all.'), later(1));
      await repo.markRemoved('file', '/c/', new Set([FERRY.source, '/c/none.txt']), later(2));
      const [after] = await repo.getManyWithAnalyses([m.id], 3);
      expect(after.article.status).toBe('removed');
      expect(after.analysis!.contentHash).toBe(MILL.contentHash);
      expect(after.analysis!.contentHash).not.toBe(after.article.contentHash);
    });

    it('getVersionsWithQuotes: source fields and only the quotes of each analysis, without text', async () => {
      const m = await repo.upsert({ ...MILL, url: 'https://a.test/mill', publisher: 'Dunmore Post' }, T0);
      const f = await repo.upsert(FERRY, T0);
      const none = await repo.upsert(article('/c/none.txt', 'Not analysed', 'No analysis was saved for this one.'), T0);
      const quotes: ArticleAnalysis['quotes'] = [
        { text: 'The mill will close in March', span: [0, 28], direct: false, speaker: 'Rita Hale', speakerSpan: [60, 69], cue: 'said', confidence: 0.9 } as ArticleAnalysis['quotes'][number],
        { text: 'Nobody saw it coming — “not even us”', span: [30, 66], direct: true, speaker: null, speakerSpan: null, cue: null } as ArticleAnalysis['quotes'][number],
      ];
      await repo.saveAnalysis(m.id, 3, MILL.contentHash, { ...analysis('mill'), quotes }, null, T0);
      await repo.saveAnalysis(f.id, 4, FERRY.contentHash, analysis('ferry'), null, T0);
      const got = await repo.getVersionsWithQuotes([m.id, f.id, none.id, 'nope', m.id], 3);
      const byId = new Map(got.map((x) => [x.article.id, x]));
      expect(got).toHaveLength(3);
      const full = (await repo.getManyWithAnalyses([m.id], 3))[0];
      expect(byId.get(m.id)).toEqual({
        article: {
          id: m.id, source: MILL.source, url: 'https://a.test/mill', publisher: 'Dunmore Post', publishedAt: MILL.publishedAt, title: MILL.title,
          contentHash: MILL.contentHash, status: 'current', firstSeenAt: full.article.firstSeenAt,
        },
        analysis: { contentHash: MILL.contentHash, quotes },
      });
      expect(byId.get(m.id)!.article).not.toHaveProperty('text');
      expect(byId.get(m.id)!.analysis).not.toHaveProperty('summary');
      expect(byId.get(f.id)!.analysis).toBeUndefined(); // analysed under another version only
      expect(byId.get(none.id)!.analysis).toBeUndefined();
      // An analysis without quotes (or with an empty list) gives an empty list, never undefined.
      expect((await repo.getVersionsWithQuotes([f.id], 4))[0].analysis).toEqual({ contentHash: FERRY.contentHash, quotes: [] });
      expect(await repo.getVersionsWithQuotes([], 3)).toEqual([]);
      // Any status, and the analysis whatever content hash it was made from (callers compare), as getManyWithAnalyses.
      await repo.upsert(article(MILL.source, MILL.title, 'The mill will stay open after all.'), later(1));
      await repo.markRemoved('file', '/c/', new Set([FERRY.source, '/c/none.txt']), later(2));
      const [after] = await repo.getVersionsWithQuotes([m.id], 3);
      expect(after.article.status).toBe('removed');
      expect(after.analysis!.contentHash).toBe(MILL.contentHash);
      expect(after.analysis!.contentHash).not.toBe(after.article.contentHash);
    });

    it('analyses are kept per version and content hash, with their index records', async () => {
      const m = await repo.upsert(MILL, T0);
      await repo.saveAnalysis(m.id, 3, MILL.contentHash, analysis('one'), 'idx-1', T0);
      expect(await repo.getAnalysis(m.id, 3, MILL.contentHash)).toEqual(analysis('one'));
      expect(await repo.getAnalysis(m.id, 4, MILL.contentHash)).toBeUndefined();
      expect(await repo.getAnalysis(m.id, 3, 'other-hash')).toBeUndefined();
      const all = await repo.getAnalyses([m.id, 'nope'], 3);
      expect([...all.entries()]).toEqual([[m.id, { contentHash: MILL.contentHash, analysis: analysis('one') }]]);
      expect((await repo.getAnalyses([m.id], 4)).size).toBe(0);
      expect(await repo.indexRecordsOf([m.id], 3)).toEqual([{ articleId: m.id, contentHash: MILL.contentHash, data: 'idx-1' }]);
      await repo.saveAnalysis(m.id, 4, MILL.contentHash, analysis('two'), null, later(1));
      expect(await repo.getAnalysis(m.id, 4, MILL.contentHash)).toEqual(analysis('two'));
      expect(await repo.indexRecordsOf([m.id], 4)).toEqual([]);
    });

    it('bulk forms: upsertMany and saveAnalyses do in one transaction what the single calls do', async () => {
      const copy = { ...MILL, source: '/c/mill-copy.txt' };
      const first = await repo.upsertMany([MILL, FERRY, copy], T0);
      expect(first.map((r) => r.outcome)).toEqual(['added', 'added', 'duplicate']);
      expect(await repo.get(first[2].id)).toMatchObject({ status: 'duplicate', duplicateOf: first[0].id });
      expect((await repo.upsertMany([MILL, FERRY, copy], later(1))).map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
      expect(await repo.upsertMany([], later(1))).toEqual([]);
      const { cursor } = await repo.changesSince(null);
      await repo.saveAnalyses([
        { articleId: first[0].id, version: 2, contentHash: MILL.contentHash, analysis: analysis('m'), indexData: 'rm' },
        { articleId: first[1].id, version: 2, contentHash: FERRY.contentHash, analysis: analysis('f'), indexData: null },
      ], later(2));
      expect((await repo.getAnalyses([first[0].id, first[1].id], 2)).get(first[1].id)).toEqual({ contentHash: FERRY.contentHash, analysis: analysis('f') });
      expect(await repo.indexRecordsOf([first[0].id, first[1].id], 2)).toEqual([{ articleId: first[0].id, contentHash: MILL.contentHash, data: 'rm' }]);
      expect((await repo.changesSince(cursor)).changed.map((h) => h.id).sort()).toEqual([first[0].id, first[1].id].sort());
      expect((await search.search('textile', 5)).map((h) => h.articleId)).toEqual([first[0].id]);
    });

    it('index records come in pages of current articles analysed under the version', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        const a = article(`/c/n${i}.txt`, `Story ${i}`, `Body number ${i} of the paging test.`);
        const { id } = await repo.upsert(a, T0);
        ids.push(id);
        if (i < 6) await repo.saveAnalysis(id, i === 5 ? 2 : 1, a.contentHash, analysis(`s${i}`), `rec-${i}`, T0);
      }
      await repo.markRemoved('file', '/c/', new Set(ids.slice(1).map((_, i) => `/c/n${i + 1}.txt`)), later(1));
      const pages: string[][] = [];
      for await (const page of repo.indexRecords(1, 2)) pages.push(page.map((r) => r.data));
      expect(pages.map((p) => p.length)).toEqual([2, 2]);
      expect(pages.flat().sort()).toEqual(['rec-1', 'rec-2', 'rec-3', 'rec-4']);
      const one: string[] = [];
      for await (const page of repo.indexRecords(2)) one.push(...page.map((r) => r.articleId));
      expect(one).toEqual([ids[5]]);
    });

    it('analysis failures: per version and hash, listed only while the article is unchanged, cleared by a saved analysis', async () => {
      const m = await repo.upsert(MILL, T0);
      const f = await repo.upsert(FERRY, T0);
      const failure = { reason: 'too_slow' as const, message: 'over budget', failedAt: T0.toISOString() };
      await repo.saveAnalysisFailure(m.id, 1, MILL.contentHash, failure);
      await repo.saveAnalysisFailure(f.id, 1, 'stale-hash', { ...failure, reason: 'error' });
      expect(await repo.getAnalysisFailure(m.id, 1, MILL.contentHash)).toEqual(failure);
      expect(await repo.getAnalysisFailure(m.id, 2, MILL.contentHash)).toBeUndefined();
      expect([...(await repo.analysisFailures(1)).keys()]).toEqual([m.id]);
      await repo.clearAnalysisFailure(m.id);
      expect(await repo.getAnalysisFailure(m.id, 1, MILL.contentHash)).toBeUndefined();
      await repo.saveAnalysisFailure(m.id, 1, MILL.contentHash, failure);
      await repo.saveAnalysis(m.id, 1, MILL.contentHash, analysis('ok'), null, later(1));
      expect((await repo.analysisFailures(1)).size).toBe(0);
    });

    it('prune turns old articles into tombstones: no text, analysis or search hit; re-ingest is unchanged', async () => {
      const old = await repo.upsert({ ...MILL, publishedAt: '2025-01-01T00:00:00.000Z' }, T0);
      const fresh = await repo.upsert(FERRY, T0);
      await repo.saveAnalysis(old.id, 1, MILL.contentHash, analysis('x'), 'r', T0);
      expect(await repo.pruneOlderThan(new Date('2026-01-01T00:00:00Z'), later(1))).toBe(1);
      expect(await repo.get(old.id)).toMatchObject({ status: 'pruned', text: '' });
      expect(await repo.getAnalysis(old.id, 1, MILL.contentHash)).toBeUndefined();
      expect(await search.search('textile mill', 10)).toEqual([]);
      expect((await repo.upsert({ ...MILL, publishedAt: '2025-01-01T00:00:00.000Z' }, later(2))).outcome).toBe('unchanged');
      expect((await repo.currentHeads()).map((h) => h.id)).toEqual([fresh.id]);
    });

    it('search: the words as a phrase first, then all words anywhere; stems; limit inside', async () => {
      const phrase = await repo.upsert(article('/c/us.txt', 'Trade talks', 'Officials from the United States met in Geneva for trade talks.'), T0);
      const apart = await repo.upsert(article('/c/apart.txt', 'Union news', 'The states of the union stood united on tariffs.'), T0);
      await repo.upsert(FERRY, T0);
      expect((await search.search('united states', 10)).map((h) => h.articleId)).toEqual([phrase.id]);
      expect((await search.search('"United States"', 10)).map((h) => h.articleId)).toEqual([phrase.id]);
      expect((await search.search('states united', 10)).map((h) => h.articleId).sort()).toEqual([phrase.id, apart.id].sort());
      expect((await search.search('tariff', 10)).map((h) => h.articleId)).toEqual([apart.id]);
      expect(await search.search('united geneva ferry', 10)).toEqual([]);
      expect(await search.search('  ?! ', 10)).toEqual([]);
      expect(await search.search('states', 1)).toHaveLength(1);
      const [title, body] = [await repo.upsert(article('/c/t.txt', 'Geneva summit', 'Leaders met.'), T0), phrase];
      const hits = await search.search('geneva', 10);
      expect(hits.map((h) => h.articleId)).toEqual([title.id, body.id]);
      expect(hits[0].score).toBeGreaterThan(hits[1].score);
    });

    it('search ranks among the newest matches when a query matches more than the candidate window', async () => {
      const narrow = db.articles({ rankedCandidates: 3 }).search;
      const best = await repo.upsert(article('/c/w0.txt', 'Harbour harbour harbour', 'Harbour news: the harbour reopened.'), T0);
      const rest = [];
      for (let i = 1; i <= 4; i++) rest.push(await repo.upsert(article(`/c/w${i}.txt`, `Story ${i}`, `A long report number ${i} that mentions the harbour once, among many other words.`), later(i)));
      expect((await search.search('harbour', 10))[0].articleId).toBe(best.id);
      const windowed = (await narrow.search('harbour', 10)).map((h) => h.articleId);
      expect(windowed.sort()).toEqual(rest.slice(1).map((r) => r.id).sort());
      // An edit is a new write: the edited article is among the newest again.
      await repo.upsert(article('/c/w0.txt', 'Harbour harbour harbour', 'Harbour news: the harbour reopened at dawn.'), later(9));
      expect((await narrow.search('harbour', 10))[0].articleId).toBe(best.id);
    });

    it('search folds accents on both sides', async () => {
      const a = await repo.upsert(article('/c/bog.txt', 'Lluvias en Bogotá', 'La alcaldía de Bogotá cerró tres vías.'), T0);
      const b = await repo.upsert(article('/c/bog2.txt', 'Bogota traffic', 'Traffic in Bogota was slow.'), T0);
      expect((await search.search('bogota', 10)).map((h) => h.articleId).sort()).toEqual([a.id, b.id].sort());
      expect((await search.search('BOGOTÁ', 10)).map((h) => h.articleId).sort()).toEqual([a.id, b.id].sort());
      expect((await search.search('alcaldia', 10)).map((h) => h.articleId)).toEqual([a.id]);
    });

    it('only current articles are found: removed, reprints and edits follow every write', async () => {
      const m = await repo.upsert(MILL, T0);
      const copy = await repo.upsert({ ...MILL, source: '/c/copy.txt' }, T0);
      expect((await search.search('textile', 10)).map((h) => h.articleId)).toEqual([m.id]);
      await repo.markRemoved('file', '/c/', new Set(['/c/copy.txt']), later(1));
      expect((await search.search('textile', 10)).map((h) => h.articleId)).toEqual([copy.id]);
      await repo.markRemoved('file', '/c/', new Set(), later(2));
      expect(await search.search('textile', 10)).toEqual([]);
      await repo.upsert(MILL, later(3));
      expect((await search.search('textile', 10)).map((h) => h.articleId)).toEqual([m.id]);
      await repo.upsert(article(MILL.source, 'Mill saved', 'A buyer kept the looms running.'), later(4));
      expect(await search.search('textile', 10)).toEqual([]);
      expect((await search.search('looms', 10)).map((h) => h.articleId)).toEqual([m.id]);
    });

    it('changesSince: everything first, then what changed and what stopped being current', async () => {
      const m = await repo.upsert(MILL, T0);
      const first = await repo.changesSince(null);
      expect(first.changed.map((h) => h.id)).toEqual([m.id]);
      expect(first.gone).toEqual([]);
      expect(await repo.changesSince(first.cursor)).toEqual({ changed: [], gone: [], cursor: first.cursor });
      const f = await repo.upsert(FERRY, later(1));
      await repo.markRemoved('file', '/c/', new Set([FERRY.source]), later(1));
      const next = await repo.changesSince(first.cursor);
      expect(next.changed).toEqual([{ id: f.id, contentHash: FERRY.contentHash, updatedAt: later(1).toISOString() }]);
      expect(next.gone).toEqual([m.id]);
      await repo.saveAnalysis(f.id, 1, FERRY.contentHash, analysis('a'), 'r', later(2));
      expect((await repo.changesSince(next.cursor)).changed.map((h) => h.id)).toEqual([f.id]);
    });

    it('another connection sees writes: revision changes and onChange fires', async () => {
      const other = (await db.peer()).articles();
      try {
        const before = await other.repository.revision();
        let fired = 0;
        const stop = other.repository.onChange(() => fired++, 50);
        await new Promise((r) => setTimeout(r, 150));
        await repo.upsert(MILL, T0);
        expect(await other.repository.revision()).not.toBe(before);
        await eventually(() => fired > 0);
        stop();
        expect((await other.search.search('textile', 5)).length).toBe(1);
      } finally {
        await other.repository.close();
      }
    });

    it.runIf(engine().pushesChanges)('onChange is pushed (LISTEN/NOTIFY): it fires for another connection\'s write without polling', async () => {
      const other = (await db.peer()).articles();
      try {
        let fired = 0;
        const stop = other.repository.onChange(() => fired++, 600_000);
        await new Promise((r) => setTimeout(r, 300)); // the LISTEN connection is up
        fired = 0;
        await repo.upsert(MILL, T0);
        await eventually(() => fired > 0, 5000);
        stop();
      } finally {
        await other.repository.close();
      }
    });

    it('index snapshots: round trip in chunks, newest cursor wins, one version at a time, an incomplete one is refused', async () => {
      const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7 + (i >> 8)) & 255);
      expect(await loadSnapshot(repo, 7)).toBeUndefined();
      const first = bytes(1000, 1);
      expect(await repo.saveIndexSnapshot(7, '12', first, T0, 300)).toBe(true); // 4 chunks, the last one short
      const got = await loadSnapshot(repo, 7);
      expect(got).toMatchObject({ cursor: '12', savedAt: T0.toISOString() });
      expect(Buffer.from(got!.bytes).equals(Buffer.from(first))).toBe(true);
      expect(await loadSnapshot(repo, 8)).toBeUndefined();
      // A later cursor replaces it (fewer chunks now: none of the old ones may linger); an older one is refused.
      const second = bytes(500, 2);
      expect(await repo.saveIndexSnapshot(7, '13', second, later(1), 300)).toBe(true);
      expect(await repo.saveIndexSnapshot(7, '9', bytes(700, 3), later(2), 300)).toBe(false);
      const now = await loadSnapshot(repo, 7);
      expect(now!.cursor).toBe('13');
      expect(Buffer.from(now!.bytes).equals(Buffer.from(second))).toBe(true);
      // Cursors compare as numbers, not text ('100' is after '13').
      const third = bytes(10, 4);
      expect(await repo.saveIndexSnapshot(7, '100', third, later(3))).toBe(true);
      expect(Buffer.from((await loadSnapshot(repo, 7))!.bytes).equals(Buffer.from(third))).toBe(true);
      // Another process sees it; another analysis version replaces it.
      const other = (await db.peer()).articles().repository;
      try {
        expect((await loadSnapshot(other, 7))!.cursor).toBe('100');
        expect(await other.saveIndexSnapshot(8, '5', bytes(40, 5), later(4), 16)).toBe(true);
      } finally {
        await other.close();
      }
      expect(await loadSnapshot(repo, 7)).toBeUndefined();
      expect(Buffer.from((await loadSnapshot(repo, 8))!.bytes).equals(Buffer.from(bytes(40, 5)))).toBe(true);
      // Parts are stored joined, cut across part boundaries.
      const parts = [bytes(10, 6), bytes(300, 7), new Uint8Array(0), bytes(5, 8)];
      expect(await repo.saveIndexSnapshot(8, '5', parts, later(5), 64)).toBe(true);
      expect(Buffer.from((await loadSnapshot(repo, 8))!.bytes).equals(Buffer.concat(parts))).toBe(true);
      // An empty snapshot round-trips too.
      expect(await repo.saveIndexSnapshot(8, '6', new Uint8Array(0), later(5))).toBe(true);
      expect((await loadSnapshot(repo, 8))!.bytes.byteLength).toBe(0);
    });

    it('index snapshots stream: pieces are read as they are written (a piece may be refilled once the next is asked for); the sink gets the head, then the chunks in order; a throwing sink stops the read', async () => {
      const pieces = [Uint8Array.from({ length: 700 }, (_, i) => i & 255), Uint8Array.from({ length: 333 }, (_, i) => (i * 5) & 255)];
      function* produce() {
        // One scratch buffer refilled for every piece: the store must have taken each before asking for the next.
        const scratch = new Uint8Array(700);
        for (const p of pieces) {
          scratch.set(p);
          yield scratch.subarray(0, p.length);
          scratch.fill(0xee);
        }
      }
      expect(await repo.saveIndexSnapshot(9, '3', produce(), T0, 256)).toBe(true);
      const seen: number[] = [];
      let total = -1;
      const head = await repo.readIndexSnapshot(9, (h) => {
        total = h.bytes;
        return (chunk) => void seen.push(chunk.byteLength);
      });
      expect(head).toEqual({ cursor: '3', bytes: 1033, savedAt: T0.toISOString() });
      expect(total).toBe(1033);
      expect(seen).toEqual([256, 256, 256, 256, 9]);
      expect((await loadSnapshot(repo, 9))!.bytes.equals(Buffer.concat(pieces))).toBe(true);
      let calls = 0;
      await expect(repo.readIndexSnapshot(9, () => () => {
        calls++;
        throw new Error('sink says no');
      })).rejects.toThrow('sink says no');
      expect(calls).toBe(1);
    });

    it('index snapshots: two connections saving at once leave one of the two, whole', async () => {
      const a = Uint8Array.from({ length: 5000 }, (_, i) => (i * 13) & 255);
      const b = Uint8Array.from({ length: 4000 }, (_, i) => (i * 17 + 5) & 255);
      const other = (await db.peer()).articles().repository;
      try {
        const saved = await Promise.all([repo.saveIndexSnapshot(4, '20', a, T0, 700), other.saveIndexSnapshot(4, '21', b, T0, 500)]);
        expect(saved).toContain(true);
        const got = (await loadSnapshot(repo, 4))!;
        const which = got.cursor === '20' ? a : b;
        expect(['20', '21']).toContain(got.cursor);
        expect(Buffer.from(got.bytes).equals(Buffer.from(which))).toBe(true);
        // And the next save replaces it cleanly.
        expect(await other.saveIndexSnapshot(4, '22', a, later(1), 900)).toBe(true);
        expect(Buffer.from((await loadSnapshot(repo, 4))!.bytes).equals(Buffer.from(a))).toBe(true);
      } finally {
        await other.close();
      }
    });

    it('changesSince from an old cursor reports every article that stopped being current since (removed, reprint, pruned)', async () => {
      const a = await repo.upsert(MILL, T0);
      const b = await repo.upsert(FERRY, T0);
      const c = await repo.upsert(article('/c/old.txt', 'Old pier', 'The old pier closed in 1990.', { publishedAt: '2001-01-01T00:00:00.000Z' }), T0);
      const { cursor } = await repo.changesSince(null);
      const d = await repo.upsert(article('/c/d.txt', 'New bridge', 'A new bridge opened in Dunmore today.'), later(1));
      await repo.markRemoved('file', '/c/mill', new Set(), later(2));
      // The ferry's text becomes the bridge story's: a reprint, no longer current.
      await repo.upsert(article(FERRY.source, FERRY.title, 'A new bridge opened in Dunmore today.'), later(3));
      await repo.pruneOlderThan(new Date('2010-01-01T00:00:00Z'), later(4));
      const since = await repo.changesSince(cursor);
      expect(new Set(since.gone)).toEqual(new Set([a.id, b.id, c.id]));
      expect(since.changed.map((h) => h.id)).toEqual([d.id]);
    });

    it('two connections storing the same source at once: exactly one added', async () => {
      const peers = [repo, (await db.peer()).articles().repository, (await db.peer()).articles().repository];
      const results = await Promise.all(peers.map((p) => p.upsert(MILL, T0)));
      expect(results.filter((r) => r.outcome === 'added')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'unchanged')).toHaveLength(2);
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(await repo.currentHeads()).toHaveLength(1);
      for (const p of peers.slice(1)) await p.close();
    });

    it('several connections seeding the same corpus at once in batches: each source added exactly once', async () => {
      const corpus = Array.from({ length: 24 }, (_, i) => article(`/seed/${i}.txt`, `Seed ${i}`, `Seed story number ${i} about the harbour.`));
      const peers = [repo, (await db.peer()).articles().repository, (await db.peer()).articles().repository];
      // Each peer stores the corpus in its own batch order, so batches overlap in every way.
      const runs = await Promise.all(peers.map(async (p, k) => {
        const mine = k === 1 ? [...corpus].reverse() : corpus;
        const out: UpsertResult[] = [];
        for (let i = 0; i < mine.length; i += 5) out.push(...(await p.upsertMany(mine.slice(i, i + 5), T0)));
        return out;
      }));
      const added = runs.flat().filter((r) => r.outcome === 'added');
      expect(added).toHaveLength(corpus.length);
      expect(new Set(added.map((r) => r.id)).size).toBe(corpus.length);
      expect(runs.flat().filter((r) => r.outcome !== 'added' && r.outcome !== 'unchanged')).toEqual([]);
      expect(await repo.currentHeads()).toHaveLength(corpus.length);
      for (const p of peers.slice(1)) await p.close();
    });
  });
}
