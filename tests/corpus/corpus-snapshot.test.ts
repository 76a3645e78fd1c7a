import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { CorpusIndex } from '../../src/corpus/index/corpus-index.js';
import { RankScratch } from '../../src/corpus/index/rank-ords.js';
import type { SnapshotPolicy } from '../../src/corpus/index/snapshot-keeper.js';
import { EntityGroups } from '../../src/analysis/entity-index/entity-groups.js';
import { EntityResolution } from '../../src/analysis/entity-index/entity-resolution.js';
import { LiveEntityIndex } from '../../src/analysis/entity-index/live-entity-index.js';
import { LiveStories } from '../../src/stories/live-stories.js';
import { encodeIndexSnapshot } from '../../src/corpus/index/index-snapshot.js';
import { decodeIndexSnapshot, SnapshotReader } from '../../src/corpus/index/snapshot-reader.js';
import { StreamedArray } from '../../src/core/streamed-array.js';
import { loadSnapshot } from '../helpers/snapshot-bytes.js';
import { decodeIndexData } from '../../src/corpus/index/index-record.js';
import { articleInput } from '../../src/corpus/ingest.js';
import { parseArticle } from '../../src/corpus/parse-article.js';
import type { ArticleRepository } from '../../src/store/article-repository.js';
import { SqliteArticleRepository } from '../../src/store/sqlite-article-repository.js';
import { openDatabase } from '../../src/store/sqlite-article-store.js';
import { SqliteTextSearch } from '../../src/store/sqlite-text-search.js';
import { type DictEntry, dictionaryAnalyzer } from '../helpers/dictionary-analyzer.js';
import { pgliteEngine } from '../store-contract/engines.js';

const clock = fixedClock('2024-04-01T09:00:00Z');
const VERSION = 7;

/*
 * A corpus that exercises every part of the index: people with full names, bare surnames shared by two
 * people, roles, acronyms of organisations, places, quotes, and stories told in several versions (near-copies
 * that story grouping joins) beside one-off articles. Generated from a seeded PRNG: the same every run.
 */
const DICT: DictEntry[] = [
  { name: 'Antony Blinken', type: 'person', aliases: ['Blinken'], role: 'Secretary of State' },
  { name: 'Blinken', type: 'person' },
  { name: 'Ana Ruiz', type: 'person', role: 'mayor' },
  { name: 'Tomas Ruiz', type: 'person' },
  { name: 'Ruiz', type: 'person' },
  { name: 'Nina Holt', type: 'person', aliases: ['Holt'] },
  { name: 'European Union', type: 'organization' },
  { name: 'EU', type: 'organization' },
  { name: 'World Health Organization', type: 'organization', aliases: ['WHO'] },
  { name: 'Colombia', type: 'place' },
  { name: 'Bogota', type: 'place' },
  { name: 'Harbour Board', type: 'other' },
];
const analyze = dictionaryAnalyzer(DICT);

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'harbour ferry council budget river bridge school vote market storm trade talks summit border election water road clinic rail port'.split(' ');
const NAMES = ['Antony Blinken', 'Blinken', 'Ana Ruiz', 'Tomas Ruiz', 'Ruiz', 'Nina Holt', 'Holt', 'the European Union', 'the EU', 'the World Health Organization', 'WHO', 'Colombia', 'Bogota', 'the Harbour Board'];

function sentence(r: () => number, story: number): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
  const w = Array.from({ length: 9 }, () => pick(WORDS));
  const s = `${pick(NAMES)} spoke about the ${w[0]} and the ${w[1]} of story ${story} near the ${w[2]} ${w[3]} while ${pick(NAMES)} watched the ${w[4]} ${w[5]} ${w[6]} ${w[7]} ${w[8]}.`;
  return r() < 0.25 ? `"The ${w[0]} must be fixed," ${pick(['Antony Blinken', 'Ana Ruiz', 'Nina Holt', 'Blinken'])} said. ${s}` : s;
}

/** Stories of 1–4 versions: each version is the story's sentences with one or two swapped. */
function generate(seed: number, stories: number): { name: string; title: string; text: string; date: string }[] {
  const r = prng(seed);
  const out: { name: string; title: string; text: string; date: string }[] = [];
  for (let s = 0; s < stories; s++) {
    const base = Array.from({ length: 14 }, () => sentence(r, s));
    const versions = 1 + Math.floor(r() * 4);
    for (let v = 0; v < versions; v++) {
      const body = [...base];
      if (v > 0) body[Math.floor(r() * body.length)] = sentence(r, s + 1000);
      const day = 1 + Math.floor(r() * 27);
      out.push({ name: `s${seed}-${s}-${v}`, title: `${WORDS[s % WORDS.length]} story ${s}${v % 2 ? ' (update)' : ''}`, text: body.join(' '), date: `2024-03-${String(day).padStart(2, '0')}` });
    }
  }
  return out;
}

type Db = ReturnType<typeof openDatabase>;
let db: Db;
let repo: SqliteArticleRepository;
let warnings: string[];

async function store(a: { name: string; title: string; text: string; date: string }): Promise<string> {
  const parsed = parseArticle(JSON.stringify({ title: a.title, text: a.text, publishedAt: a.date }), `/corpus/${a.name}.json`, 'file');
  return (await repo.upsert(articleInput(parsed), clock.now())).id;
}

/** The repository with a count of calls per method (to see whether start-up read the records). */
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

/** The repository with its snapshot saves held at a gate until `open()` (`saves()`: how many were asked for). */
function gatedSaves(inner: ArticleRepository): { repository: ArticleRepository; open: () => void; saves: () => number } {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  let saves = 0;
  const repository = new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      if (prop !== 'saveIndexSnapshot') return v.bind(target);
      return async (...args: unknown[]) => {
        saves++;
        await gate;
        return (v as (...a: unknown[]) => Promise<boolean>).apply(target, args);
      };
    },
  });
  return { repository, open, saves: () => saves };
}

function corpus(opts: { snapshots?: false | SnapshotPolicy; repository?: ArticleRepository } = {}): Corpus {
  return new Corpus({
    repository: opts.repository ?? repo, search: new SqliteTextSearch(db), clock, analyze, version: VERSION,
    snapshots: opts.snapshots ?? { afterBuildMs: 3_600_000 },
    logger: { warn: (msg, meta) => void warnings.push(`${msg}: ${String(meta?.error)}`) },
  });
}

const QUERIES = ['Blinken', 'Antony Blinken', 'Ruiz', 'Ana Ruiz', 'Holt', 'EU', 'European Union', 'WHO', 'Colombia', 'Bogota', 'harbour', 'ferry budget', 'Harbour Board', 'story 3', 'storm'];

/** Everything the corpus answers, in the order it answers it. */
async function answers(c: Corpus): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const q of QUERIES) {
    out[`search ${q}`] = (await c.search(q, { limit: 500 })).map((h) => [h.article.id, h.score, h.matchedEntities]);
    out[`stories ${q}`] = (await c.searchStories(q, { limit: 100 })).map((s) => [s.id, s.articles.map((a) => a.id), s.score]);
    out[`lookup ${q}`] = c.entities().lookup(q).map((e) => ({ ...e, cooccurring: e.cooccurring }));
    out[`suggest ${q}`] = c.suggestTopics(q.slice(0, 4), 10);
    out[`complete ${q}`] = [c.complete('people', q.slice(0, 2), 10), c.complete('entities', q.slice(0, 1), 10), c.complete('topics' as never, '', 20)];
  }
  for (const who of ['Antony Blinken', 'Ana Ruiz', 'Nina Holt', 'Blinken']) out[`quotes ${who}`] = await c.quotesBy(who);
  out.mentions = c.mentionCounts(new Date('2024-03-01'), new Date('2024-03-15'));
  out.all = c.entities().all().map((e) => [e.id, e.name, e.mentionCount, e.articleIds, e.aliases, e.roles]);
  out.bylines = c.entities().bylines().map((e) => e.id);
  out.heads = c.articles();
  return out;
}

/** The same answers with ties in any order: hits and stories as sorted sets (ordinals of appended articles differ). */
async function answerSets(c: Corpus): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const q of QUERIES) {
    out[`search ${q}`] = (await c.search(q, { limit: 500 })).map((h) => `${h.article.id} ${h.score.toFixed(9)} ${h.matchedEntities.join('|')}`).sort();
    out[`lookup ${q}`] = c.entities().lookup(q).map((e) => [e.id, e.mentionCount, [...e.articleIds].sort()]);
    out[`suggest ${q}`] = c.suggestTopics(q.slice(0, 4), 10);
  }
  const stories = new Set<string>();
  for (const h of c.articles()) stories.add(JSON.stringify((await c.searchStories(h.title, { limit: 500 })).map((s) => s.articles.map((a) => a.id).sort()).sort()));
  out.stories = [...stories].sort();
  out.mentions = c.mentionCounts(new Date('2024-03-01'), new Date('2024-03-15')).sort((a, b) => a.key.localeCompare(b.key));
  out.quotes = (await c.quotesBy('Ana Ruiz')).total;
  out.heads = c.articles().sort((a, b) => a.id.localeCompare(b.id));
  return out;
}

/** Wait until `check` holds (polling), or fail after `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeEach(() => {
  db = openDatabase(':memory:');
  repo = new SqliteArticleRepository(db);
  warnings = [];
});
afterEach(() => db.close());

/** Store and analyse the corpus, then start once from records and close, which saves the snapshot. */
async function primed(seed = 1, stories = 24): Promise<void> {
  for (const a of generate(seed, stories)) await store(a);
  const analyser = corpus({ snapshots: false });
  await analyser.refresh();
  await analyser.close();
  const builder = corpus();
  await builder.refresh();
  await builder.close();
  expect(await loadSnapshot(repo, VERSION)).toBeDefined();
}

describe('start-up from an index snapshot', () => {
  it('answers exactly as the index built from records: search, stories, entities, quotes, mentions', async () => {
    await primed();
    const fromRecords = corpus({ snapshots: false });
    await fromRecords.refresh();
    const { repository, calls } = counted(repo);
    const fromSnapshot = corpus({ repository });
    await fromSnapshot.refresh();
    expect(calls.get('indexRecords') ?? 0).toBe(0);
    expect(calls.get('getAnalyses') ?? 0).toBe(0);
    expect(warnings).toEqual([]);
    expect(fromSnapshot.size()).toBe(fromRecords.size());
    expect(fromSnapshot.size()).toBeGreaterThan(40);
    // The corpus is rich enough to mean something: stories of several versions, bare names, quotes.
    expect((await fromRecords.searchStories('story', { limit: 100 })).some((s) => s.articles.length >= 3)).toBe(true);
    expect((await fromRecords.quotesBy('Ana Ruiz')).total).toBeGreaterThan(0);
    expect(JSON.stringify(await answers(fromSnapshot))).toBe(JSON.stringify(await answers(fromRecords)));
  });

  it('follows articles added, changed and removed after the snapshot as the record-built index does', async () => {
    await primed();
    const fromRecords = corpus({ snapshots: false });
    await fromRecords.refresh();
    const fromSnapshot = corpus();
    await fromSnapshot.refresh();
    // After the snapshot: new articles (some continuing earlier stories), an edit and two removals.
    for (const a of generate(2, 6)) await store(a);
    const old = generate(1, 24);
    await store({ ...old[3], text: `${old[3].text} Nina Holt added that the EU would pay.` });
    await repo.markRemoved('file', `/corpus/${old[5].name}`, new Set(), clock.now());
    await repo.markRemoved('file', `/corpus/${old[0].name}`, new Set(), clock.now());
    // Analysed first by another process, so both read the new records in the same order (no analysis races).
    const analyser = corpus({ snapshots: false });
    await analyser.refresh();
    await fromRecords.refresh();
    await fromSnapshot.refresh();
    expect(JSON.stringify(await answers(fromSnapshot))).toBe(JSON.stringify(await answers(fromRecords)));
    // A process started now from the old snapshot catches up with everything since it was saved.
    const late = corpus();
    await late.refresh();
    const rebuilt = corpus({ snapshots: false });
    await rebuilt.refresh();
    expect(warnings).toEqual([]);
    expect(late.size()).toBe(rebuilt.size());
    expect(JSON.stringify(await answerSets(late))).toBe(JSON.stringify(await answerSets(rebuilt)));
  });

  it('saves again at close after changes, and the next start loads that one', async () => {
    await primed();
    const first = (await loadSnapshot(repo, VERSION))!;
    const c = corpus();
    await c.refresh();
    for (const a of generate(3, 2)) await store(a);
    await c.refresh();
    await c.close();
    const second = (await loadSnapshot(repo, VERSION))!;
    expect(BigInt(second.cursor)).toBeGreaterThan(BigInt(first.cursor));
    expect(decodeIndexSnapshot(second.bytes, VERSION).meta.articles).toBe(c.size());
    // Nothing changed: closing does not write again.
    const d = corpus();
    await d.refresh();
    await d.close();
    expect((await loadSnapshot(repo, VERSION))!.savedAt).toBe(second.savedAt);
    expect((await loadSnapshot(repo, VERSION))!.cursor).toBe(second.cursor);
  });

  it('a refresh asked for while a snapshot is being written waits for the write (which reads the live index), then goes on', async () => {
    await primed(2, 6);
    const { repository: gated, open, saves } = gatedSaves(repo);
    const analyser = corpus({ snapshots: false });
    const c = corpus({ repository: gated, snapshots: { every: 1 } });
    await c.refresh();
    const before = c.size();
    const [first, second] = generate(11, 2);
    await store(first);
    await analyser.refresh();
    await c.refresh(); // one change: a save is scheduled, and waits at the gate
    await eventually(async () => saves() === 1);
    await store(second);
    await analyser.refresh();
    let refreshed = false;
    const refreshing = c.refresh().then(() => void (refreshed = true));
    await new Promise((r) => setTimeout(r, 60));
    expect(refreshed).toBe(false);
    expect(c.size()).toBe(before + 1);
    open();
    await refreshing;
    expect(c.size()).toBe(before + 2);
    const saved = (await loadSnapshot(repo, VERSION))!;
    expect(decodeIndexSnapshot(saved.bytes, VERSION).meta.articles).toBe(before + 1);
    await c.close();
    await analyser.close();
    expect(warnings).toEqual([]);
  });

  it('an analysis that lands while a snapshot is being written is indexed when the write is done, not under it', async () => {
    await primed(3, 4);
    const { repository: gated, open: openSave, saves } = gatedSaves(repo);
    let openAnalysis!: () => void;
    const analysisGate = new Promise<void>((r) => (openAnalysis = r));
    let landed = 0;
    const c = new Corpus({
      repository: gated, search: new SqliteTextSearch(db), clock, version: VERSION, snapshots: { every: 1 },
      analyzer: {
        concurrency: 1,
        analyze: async (a) => {
          await analysisGate;
          landed++;
          return { ok: true, analysis: analyze(a) };
        },
        close: async () => undefined,
      },
      logger: { warn: (msg, meta) => void warnings.push(`${msg}: ${String(meta?.error)}`) },
    });
    await c.refresh();
    const before = c.size();
    await store(generate(12, 1)[0]);
    const refreshing = c.refresh(); // indexes nothing yet: the new article waits for its analysis
    await eventually(async () => saves() === 1); // the pass noted a change: a save starts, and waits at its gate
    openAnalysis();
    await eventually(async () => landed === 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(c.size()).toBe(before);
    openSave();
    await refreshing;
    await eventually(async () => c.size() === before + 1);
    expect(decodeIndexSnapshot((await loadSnapshot(repo, VERSION))!.bytes, VERSION).meta.articles).toBe(before);
    await c.close();
    expect(warnings).toEqual([]);
  });

  it('saves in the background after a build from records, and again after every N changes', async () => {
    for (const a of generate(6, 8)) await store(a);
    const analyser = corpus({ snapshots: false });
    await analyser.refresh();
    const c = corpus({ snapshots: { afterBuildMs: 20, every: 3 } });
    await c.refresh();
    // Not before the corpus answers: the save waits its delay.
    expect(await loadSnapshot(repo, VERSION)).toBeUndefined();
    await eventually(async () => !!(await loadSnapshot(repo, VERSION)));
    const first = (await loadSnapshot(repo, VERSION))!;
    expect(decodeIndexSnapshot(first.bytes, VERSION).meta.articles).toBe(c.size());
    // Two changes: not yet; the third: saved again, at the newer cursor.
    const more = generate(7, 3);
    for (const a of more.slice(0, 2)) await store(a);
    await analyser.refresh();
    await c.refresh();
    await new Promise((r) => setTimeout(r, 50));
    expect((await loadSnapshot(repo, VERSION))!.cursor).toBe(first.cursor);
    await store(more[2]);
    await analyser.refresh();
    await c.refresh();
    await eventually(async () => (await loadSnapshot(repo, VERSION))!.cursor !== first.cursor);
    expect(decodeIndexSnapshot((await loadSnapshot(repo, VERSION))!.bytes, VERSION).meta.articles).toBe(c.size());
    await c.close();
    await analyser.close();
    expect(warnings).toEqual([]);
  });

  for (const removed of [0, 5]) {
    it(`the codec round-trips the whole state (${removed ? 'removed articles compacted away' : 'nothing removed: arrays streamed as they are'}), read in chunks of any size`, async () => {
      for (const a of generate(4, 12)) await store(a);
      const c = corpus({ snapshots: false });
      await c.refresh();
      const index = new CorpusIndex();
      for await (const page of repo.indexRecords(VERSION)) for (const r of page) index.add(r.articleId, r.contentHash, decodeIndexData(r.data));
      const ids = [...index.allIds()];
      for (const id of ids.slice(0, removed)) index.remove(id);
      const state = index.toState();
      expect(state.ids).toEqual(ids.slice(removed));
      const bytes = Buffer.concat([...encodeIndexSnapshot(state, { version: VERSION, cursor: '1', articles: index.size })]);
      const whole = materialised(state);
      expect(materialised(new CorpusIndex(decodeIndexSnapshot(bytes, VERSION).state).toState())).toEqual(whole);
      // Pushed in odd-sized chunks (record heads, arrays and the trailer cut anywhere): the same state.
      for (const size of [1, 7, 333]) {
        const reader = new SnapshotReader(VERSION, bytes.length);
        for (let at = 0; at < bytes.length; at += size) reader.push(bytes.subarray(at, at + size));
        expect(materialised(reader.finish().state)).toEqual(whole);
      }
      // A state restored straight from toState (streamed arrays materialised) answers alike too.
      expect(materialised(new CorpusIndex(index.toState()).toState())).toEqual(whole);
    });
  }

  it('every field of the index classes is saved, rebuilt at load, or scratch (a new field must be put in one list, and in the snapshot if saved)', () => {
    // Saved: in toState and read back by fromState/the constructor. Rebuilt: derived from saved fields at load.
    // Scratch: caches and per-query or per-add working state that start empty.
    const fields = {
      CorpusIndex: {
        saved: ['ids', 'titles', 'foldedTitles', 'published', 'firstSeen', 'effectiveMs', 'subjectMentions', 'textLengths', 'hash32', 'names', 'speakers', 'entities', 'stories'],
        rebuilt: ['byId', 'next', 'dead'],
        scratch: ['scratch', 'foldMemo', 'nameMemo', 'speakerMemo', 'storyOrder', 'storyOrderAt'],
      },
      RankScratch: { saved: [], rebuilt: [], scratch: ['mark', 'hits', 'stamp'] },
      LiveStories: {
        saved: ['sigs', 'sizes', 'flags', 'parent', 'headlines', 'members'],
        rebuilt: ['o', 'links', 'heads', 'entries'],
        scratch: ['checkedAt', 'stamp', 'unions'],
      },
      EntityGroups: {
        saved: ['groups', 'aliasIndex', 'articleGroups', 'ids', 'dates'],
        rebuilt: ['byKey', 'bySurname', 'byFirst'],
        scratch: ['byRaw'],
      },
      LiveEntityIndex: { saved: ['s'], rebuilt: [], scratch: ['version', 'cachedAt', 'read', 'allCache'] },
      // The read side's caches, over the groups it is given (the restored ones at load).
      EntityResolution: { saved: [], rebuilt: ['s'], scratch: ['rootCache', 'singleCache', 'entityCache', 'ordsOf'] },
    };
    const instances = {
      CorpusIndex: new CorpusIndex(), LiveStories: new LiveStories(), EntityGroups: new EntityGroups(), LiveEntityIndex: new LiveEntityIndex(),
      EntityResolution: new EntityResolution(new EntityGroups()), RankScratch: new RankScratch(),
    };
    for (const [name, f] of Object.entries(fields)) {
      expect([name, Object.keys(instances[name as keyof typeof instances]).sort()]).toEqual([name, [...f.saved, ...f.rebuilt, ...f.scratch].sort()]);
    }
  });

  describe('an unusable snapshot is ignored with a warning, and the index built from records', () => {
    const cases: [string, (bytes: Buffer) => Promise<void>][] = [
      ['another analysis version', async (b) => void (await repo.saveIndexSnapshot(VERSION, '999', Buffer.from(b).fill(0, 8, 16), clock.now()))],
      ['another format', async (b) => {
        const c = Buffer.from(b);
        c.writeUInt32LE(c.readUInt32LE(4) + 1, 4);
        await repo.saveIndexSnapshot(VERSION, '999', c, clock.now());
      }],
      ['truncated bytes', async (b) => void (await repo.saveIndexSnapshot(VERSION, '999', b.subarray(0, b.length - 100), clock.now()))],
      ['a changed byte', async (b) => {
        const c = Buffer.from(b);
        c[c.length >> 1] ^= 0x40;
        await repo.saveIndexSnapshot(VERSION, '999', c, clock.now());
      }],
      ['not a snapshot at all', async () => void (await repo.saveIndexSnapshot(VERSION, '999', Buffer.from('{"hello": 1}'), clock.now()))],
      ['a well-formed snapshot of an impossible index (a story member out of range)', async (b) => {
        const { meta, state } = decodeIndexSnapshot(b, VERSION);
        const members = Int32Array.from(state.stories.storyMembers);
        members[members.length - 1] = state.ids.length + 5;
        const parts = [...encodeIndexSnapshot({ ...state, stories: { ...state.stories, storyMembers: members } }, { ...meta, cursor: '999' })];
        await repo.saveIndexSnapshot(VERSION, '999', parts, clock.now());
      }],
      ['a missing chunk', async (b) => {
        await repo.saveIndexSnapshot(VERSION, '999', b, clock.now(), 1024);
        db.prepare('DELETE FROM index_snapshot_chunks WHERE seq = 2').run();
      }],
    ];
    for (const [name, spoil] of cases) {
      it(name, async () => {
        await primed(5, 10);
        const saved = (await loadSnapshot(repo, VERSION))!;
        await spoil(Buffer.from(saved.bytes));
        const fromRecords = corpus({ snapshots: false });
        await fromRecords.refresh();
        const { repository, calls } = counted(repo);
        const c = corpus({ repository });
        await c.refresh();
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/^index snapshot not used/);
        expect(calls.get('indexRecords')).toBe(1);
        expect(JSON.stringify(await answers(c))).toBe(JSON.stringify(await answers(fromRecords)));
      });
    }
  });
});

describe('start-up from an index snapshot on PostgreSQL (PGlite)', () => {
  it('answers exactly as the index built from records', async () => {
    const instance = new PGlite();
    await instance.waitReady;
    const pg = await pgliteEngine(() => instance).open();
    try {
      const { repository, search } = pg.articles();
      const on = (snapshots: false | SnapshotPolicy, r: ArticleRepository = repository): Corpus =>
        new Corpus({ repository: r, search, clock, analyze, version: VERSION, snapshots, logger: { warn: (msg, meta) => void warnings.push(`${msg}: ${String(meta?.error)}`) } });
      for (const a of generate(8, 10)) {
        const parsed = parseArticle(JSON.stringify({ title: a.title, text: a.text, publishedAt: a.date }), `/corpus/${a.name}.json`, 'file');
        await repository.upsert(articleInput(parsed), clock.now());
      }
      const analyser = on(false);
      await analyser.refresh();
      await analyser.close();
      const builder = on({ afterBuildMs: 3_600_000 });
      await builder.refresh();
      await builder.close();
      const saved = await loadSnapshot(repository, VERSION);
      expect(saved!.bytes.byteLength).toBeGreaterThan(1000);
      const fromRecords = on(false);
      await fromRecords.refresh();
      const { repository: countedRepo, calls } = counted(repository);
      const fromSnapshot = on({}, countedRepo);
      await fromSnapshot.refresh();
      expect(calls.get('indexRecords') ?? 0).toBe(0);
      expect(warnings).toEqual([]);
      expect(JSON.stringify(await answers(fromSnapshot))).toBe(JSON.stringify(await answers(fromRecords)));
      await repository.close();
    } finally {
      await pg.close();
      await instance.close();
    }
  }, 120_000);
});

/** A state with every streamed array read into a plain one (so two states can be compared). */
function materialised(v: unknown): unknown {
  if (v instanceof StreamedArray) return v.toArray();
  if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v) || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, materialised(x)]));
}
