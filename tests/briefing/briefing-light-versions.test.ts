import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBriefing, MAX_VERSIONS, type BriefingOptions } from '../../src/briefing/build-briefing.js';
import { buildDigest, type DigestWindow } from '../../src/digests/build-digest.js';
import { fixedClock } from '../../src/core/clock.js';
import type { TimeWindow } from '../../src/core/time-window.js';
import { Corpus } from '../../src/corpus/corpus.js';
import type { CorpusView } from '../../src/corpus/corpus-view.js';
import { versionOf } from '../../src/corpus/corpus-version.js';
import { articleInput } from '../../src/corpus/ingest.js';
import { parseArticle } from '../../src/corpus/parse-article.js';
import { briefingReply } from '../../src/digests/briefing-reply.js';
import type { ArticleRepository } from '../../src/store/article-repository.js';
import { SqliteArticleRepository } from '../../src/store/sqlite-article-repository.js';
import { openDatabase } from '../../src/store/sqlite-article-store.js';
import { SqliteTextSearch } from '../../src/store/sqlite-text-search.js';
import { dictionaryAnalyzer, type DictEntry } from '../helpers/dictionary-analyzer.js';

const DICT: DictEntry[] = [
  { name: 'Freedonia', type: 'place', aliases: ['Freedonian'] },
  { name: 'Sylvania', type: 'place', aliases: ['Sylvanian'] },
  { name: 'Rufus Firefly', type: 'person', aliases: ['Firefly'], role: 'Prime Minister' },
  { name: 'Vera Trentino', type: 'person', aliases: ['Trentino'], role: 'Ambassador' },
  { name: 'Harbor Watch', type: 'organization' },
];
const clock = fixedClock('2024-06-20T12:00:00Z');
const SPEAKERS = ['Firefly', 'Trentino', 'Harbor Watch'];

/** Events: a shared body each version carries (so versions group into one story), on several topics. */
const EVENTS = [
  { title: 'Freedonia and Sylvania sign a border accord', body: 'Freedonia and Sylvania signed an accord on the disputed border on Tuesday after months of talks in the capital. Freedonian negotiators said the accord settles the river crossings, customs posts and fishing rights that had divided the two neighbours since the war. Sylvanian officials will open two new crossings next month. Harbor Watch, which monitors the border, welcomed the deal but asked for checks on the customs posts.' },
  { title: 'Freedonia budget cuts spark protest', body: 'Thousands marched through the Freedonian capital on Saturday against budget cuts to schools and hospitals announced by the government of Rufus Firefly last week. The protest was peaceful, organisers said, and ended at the parliament building where opposition members addressed the crowd. The finance ministry says the cuts are needed to meet the deficit target agreed with lenders.' },
  { title: 'Sylvania port strike enters second week', body: 'Dock workers at the main Sylvanian port stayed off the job for a second week on Monday, leaving ships waiting at anchor and exporters counting the cost. Sylvania relies on the port for most of its trade with Freedonia. Harbor Watch said the backlog of containers now stretches for miles along the quay, and union leaders said talks with the port authority had broken down.' },
  { title: 'Trentino named envoy to Freedonia', body: 'Vera Trentino was named the new Sylvanian ambassador to Freedonia on Thursday, a post left empty for a year after a diplomatic row. Trentino, a former trade minister, is expected to take up the post in the autumn. Freedonia welcomed the appointment and said it hoped for a fresh start in relations between the two countries, which share a long border.' },
];

function articleJson(title: string, date: string, body: string, url: string, publisher: string | null): string {
  return JSON.stringify({ title, publishedAt: date, text: body, url, ...(publisher ? { publisher } : {}) });
}

let db: ReturnType<typeof openDatabase>;
let repo: SqliteArticleRepository;
let corpus: Corpus;
let fullCorpus: Corpus;

async function store(source: string, json: string, at = clock.now()): Promise<string> {
  return (await repo.upsert(articleInput(parseArticle(json, source, 'file')), at)).id;
}

/** Many versions per event (some quoting someone, some not), reprints of a few, and dates over three weeks. */
async function seed(): Promise<void> {
  for (const [e, ev] of EVENTS.entries()) {
    const versions = 4 + e * 5;
    for (let v = 0; v < versions; v++) {
      const day = String(1 + ((e * 7 + v * 3) % 19)).padStart(2, '0');
      const speaker = SPEAKERS[(e + v) % SPEAKERS.length];
      // Only some versions quote, directly or in reported speech; the representative need not be one of them.
      const quote = v % 3 === 0 ? '' : v % 3 === 1 ? ` "We will hold them to every word of version ${v}," ${speaker} said.` : ` ${speaker} said the outcome of version ${v} was a matter for the courts.`;
      const body = `${ev.body}${quote} Version ${v} of the report.`;
      const publisher = v % 4 === 0 ? null : `Paper ${v % 5}`;
      await store(`/corpus/e${e}-v${v}.json`, articleJson(v % 2 ? `${ev.title} (updated)` : ev.title, `2024-06-${day}`, body, `https://site${v % 6}.test/e${e}/v${v}`, publisher));
      // Exact reprints under other sources: listed under "also reported by".
      if (v % 4 === 1) await store(`/corpus/e${e}-v${v}-reprint.json`, articleJson(ev.title, `2024-06-${day}`, body, `https://reprints.test/e${e}/v${v}`, 'Wire'));
    }
  }
}

function corpusOn(repository: ArticleRepository, cacheSize?: number): Corpus {
  return new Corpus({ repository, search: new SqliteTextSearch(db), clock, analyze: dictionaryAnalyzer(DICT), version: 3, cacheSize, snapshots: false });
}

const WEEK: TimeWindow = { label: 'past week', since: new Date('2024-06-13T12:00:00Z') } as TimeWindow;
const CASES: [string, BriefingOptions][] = [
  ['freedonia', {}],
  ['Freedonia', { window: WEEK }],
  ['sylvania', { maxStories: 2 }],
  ['Firefly', {}],
  ['Trentino', { window: WEEK }],
  ['harbor watch', {}],
  ['border', {}],
  ['nothing matches this', {}],
  ['Sylvanian', { arrivedSince: new Date('2024-06-01T00:00:00Z') }],
];

/**
 * The previous path: every version of a story loaded in full (text and whole analysis) with `load`. A Corpus of
 * its own, so its cache never serves the light path's reads.
 */
function fullLoading(c: Corpus): CorpusView {
  return new Proxy(c, {
    get(target, prop) {
      if (prop === 'loadVersions') return async (ids: readonly string[]) => (await target.load(ids)).map(versionOf);
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** buildBriefing through the light path (`c`) answers exactly as through full loads (`full`, the same store). */
async function expectSameAsFull(c: Corpus, full: Corpus = fullCorpus): Promise<void> {
  for (const [topic, opts] of CASES) {
    const expected = await buildBriefing(fullLoading(full), topic, opts);
    const got = await buildBriefing(c, topic, opts);
    expect(JSON.stringify(got), topic).toBe(JSON.stringify(expected));
    expect(briefingReply(got, c.size())).toEqual(briefingReply(expected, full.size()));
  }
}

beforeEach(async () => {
  db = openDatabase(':memory:');
  repo = new SqliteArticleRepository(db);
  await seed();
  corpus = corpusOn(repo);
  fullCorpus = corpusOn(repo);
  await corpus.refresh();
  await fullCorpus.refresh();
});
afterEach(async () => {
  await corpus.close();
  await fullCorpus.close();
  db.close();
});

describe('buildBriefing loads the extra versions of a story lightly and answers as the full load did', () => {
  it('the fixture has what the light path must get right: big stories, quotes outside the representative, reprints', async () => {
    const b = await buildBriefing(corpus, 'freedonia');
    expect(Math.max(...b.stories.map((s) => s.sources.length))).toBeGreaterThanOrEqual(10);
    const repIds = new Set(b.stories.map((s) => s.representative.id));
    const quotedFrom = b.stories.flatMap((s) => s.quotes).length;
    expect(quotedFrom).toBeGreaterThan(0);
    // Some shown quote comes from a version that is not the representative (its quotes are not in the representative's analysis).
    const repQuotes = new Set(b.stories.flatMap((s) => s.representative.analysis.quotes.map((q) => q.text)));
    expect(b.stories.flatMap((s) => s.quotes).some((q) => !repQuotes.has(q.text))).toBe(true);
    expect(b.stories.some((s) => s.sources.some((x) => x.url?.startsWith('https://reprints.test/') && !repIds.has(x.articleId)))).toBe(true);
  });

  it('byte-identical briefings and replies (light versions vs every version loaded in full) for several topics, windows and limits, cold and warm', async () => {
    await expectSameAsFull(corpus);
    await expectSameAsFull(corpus); // warm caches
    const small = corpusOn(repo, 8); // the full cache too small to hold a story: every version read lightly
    await small.refresh();
    await expectSameAsFull(small);
    await small.close();
  });

  it('digests exclusions: stories holding an excluded article are left out the same way', async () => {
    const first = await buildBriefing(corpus, 'freedonia', { maxStories: 1 });
    const ex = new Set(first.stories[0].sources.slice(-1).map((s) => s.articleId));
    expect(JSON.stringify(await buildBriefing(corpus, 'freedonia', { excludeArticleIds: ex }))).toBe(JSON.stringify(await buildBriefing(fullLoading(fullCorpus), 'freedonia', { excludeArticleIds: ex })));
  });

  it('an edited version is read again: its new quote and source show, as the full load shows them', async () => {
    const before = await buildBriefing(corpus, 'sylvania'); // fills the caches
    const story = before.stories.find((s) => new Set(s.sources.map((x) => x.articleId)).size >= 4)!;
    const target = story.sources.map((x) => x.articleId).find((id) => id !== story.representative.id)!;
    const old = (await repo.get(target))!;
    const body = `${old.text.replace(/ Version \d+ of the report\.$/, '')} "The port reopens on Friday, edited," Trentino said. Version edited.`;
    await store(old.source, articleJson(old.title, old.publishedAt!.slice(0, 10), body, 'https://edited.test/story', 'Edited Paper'), new Date('2024-06-20T10:00:00Z'));
    await corpus.refresh();
    await fullCorpus.refresh();
    expect(corpus.head(target)).toBeDefined();
    const b = await buildBriefing(corpus, 'sylvania');
    expect(b.stories.flatMap((s) => s.sources).some((s) => s.articleId === target && s.label === 'Edited Paper')).toBe(true);
    await expectSameAsFull(corpus);
  });

  it('a new reprint of a version already read is listed under it', async () => {
    const before = await buildBriefing(corpus, 'sylvania');
    const story = before.stories.find((s) => new Set(s.sources.map((x) => x.articleId)).size >= 4)!;
    const target = story.sources.map((x) => x.articleId).find((id) => id !== story.representative.id)!;
    const old = (await repo.get(target))!;
    await store('/corpus/late-reprint.json', articleJson(old.title, old.publishedAt!.slice(0, 10), old.text, 'https://late.test/reprint', 'Late Wire'), new Date('2024-06-20T10:00:00Z'));
    await corpus.refresh();
    await fullCorpus.refresh();
    const b = await buildBriefing(corpus, 'sylvania');
    expect(b.stories.flatMap((s) => s.sources).some((s) => s.articleId === target && s.url === 'https://late.test/reprint')).toBe(true);
    await expectSameAsFull(corpus);
  });

  it('loadVersions: source fields and attributed quotes of the answerable ids asked, in order, as load gives them', async () => {
    const ids = corpus.articles().map((h) => h.id).slice(0, 12);
    const versions = await corpus.loadVersions(['nope', ...ids, ids[0]]);
    const full = await corpus.load(ids);
    expect(versions.map((v) => v.id)).toEqual(full.map((a) => a.id));
    for (const [i, a] of full.entries()) {
      expect(versions[i]).toEqual({
        id: a.id, title: a.title, source: a.source, url: a.url, publisher: a.publisher, publishedAt: a.publishedAt,
        alsoReportedBy: a.alsoReportedBy, quotes: a.analysis.quotes.filter((q) => q.speaker),
      });
    }
  });

  it('loadVersions leaves out an article changed in the store but not analysed again, as load does', async () => {
    const [id] = corpus.articles().map((h) => h.id);
    const old = (await repo.get(id))!;
    await store(old.source, articleJson(old.title, '2024-06-19', 'A different text altogether, "quoted here at length," Trentino said.', 'https://x.test/changed', null));
    // No refresh: the stored analysis (and the index) are of the former content.
    expect(await corpus.load([id])).toEqual([]);
    expect(await corpus.loadVersions([id])).toEqual([]);
  });
});

describe('a briefing reads a bounded number of versions per story', () => {
  it('reads the first MAX_VERSIONS versions for quotes and sources, counts the rest, and lets digests record them all', async () => {
    const b = await buildBriefing(corpus, 'sylvania', { maxStories: 5 });
    const stories = await corpus.searchStories('sylvania', { limit: 100 });
    const big = b.stories.find((s) => s.articleIds.length > MAX_VERSIONS);
    expect(big, 'the fixture has a story bigger than the bound').toBeDefined();
    const hit = stories.find((s) => s.id === big!.id)!;
    const read = new Set(hit.articles.slice(0, MAX_VERSIONS).map((a) => a.id));
    // Sources name only the versions read (and their reprints); the rest are counted, not loaded.
    expect(new Set(big!.sources.map((s) => s.articleId))).toEqual(read);
    expect(big!.moreReports).toBe(hit.articles.length - MAX_VERSIONS);
    expect(big!.articleIds).toEqual(hit.articles.map((a) => a.id));
    const note = briefingReply(b, corpus.size()).sections[0].items!.find((i) => i.title === big!.title)!.notes![0];
    expect(note).toMatch(new RegExp(`and ${big!.moreReports} more reports?$`));
    // A small story is read whole and says nothing more.
    const small = b.stories.find((s) => s.articleIds.length <= MAX_VERSIONS);
    if (small) expect(small.moreReports).toBe(0);
    // The digest records every article of a story it sends, read or not, so no later digest repeats it.
    const digest = await buildDigest(corpus, { topics: ['sylvania'], maxStories: 5, timezone: 'UTC' }, { now: clock.now(), arrivedSince: new Date('2024-01-01T00:00:00Z'), excludeArticleIds: new Set() } as DigestWindow);
    for (const id of hit.articles.map((a) => a.id)) expect(digest.articleIds).toContain(id);
  });
});
