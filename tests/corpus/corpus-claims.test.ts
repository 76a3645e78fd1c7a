import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import type { ArticleAnalyzer, AnalysisOutcome } from '../../src/analysis-pool/article-analyzer.js';
import { fixedClock } from '../../src/core/clock.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { articleInput } from '../../src/corpus/ingest.js';
import { parseArticle } from '../../src/corpus/parse-article.js';
import type { StoredArticle } from '../../src/store/article-repository.js';
import { SqliteAnalysisClaims } from '../../src/store/sqlite-analysis-claims.js';
import { SqliteArticleRepository } from '../../src/store/sqlite-article-repository.js';
import { openDatabase } from '../../src/store/sqlite-article-store.js';
import { SqliteTextSearch } from '../../src/store/sqlite-text-search.js';

/**
 * Two processes on one database, as two Corpus objects on two connections to one SQLite file (the rules are
 * the store's, tested on every engine by the claims contract): each new article is analysed by one of them.
 */
const VERSION = 4;
let dir: string;
let dbPath: string;
const handles: ReturnType<typeof openDatabase>[] = [];
const corpora: Corpus[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-claims-'));
  dbPath = join(dir, 'nd.db');
});

afterEach(async () => {
  for (const c of corpora.splice(0)) await c.close();
  for (const h of handles.splice(0)) h.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An analyser that records what it analysed and holds each job until `release` (or at once when `hold` is false). */
function recordingAnalyzer(opts: { hold?: boolean; fail?: (a: StoredArticle) => boolean } = {}) {
  const analysed: string[] = [];
  let open: () => void = () => undefined;
  let gate = opts.hold ? new Promise<void>((r) => (open = r)) : Promise.resolve();
  const analyzer: ArticleAnalyzer = {
    concurrency: 2,
    analyze: async (a): Promise<AnalysisOutcome> => {
      analysed.push(a.id);
      await gate;
      if (opts.fail?.(a)) return { ok: false, reason: 'error', message: 'unreadable markup' };
      const analysis: ArticleAnalysis = { entities: [], quotes: [], summary: [a.title] };
      return { ok: true, analysis };
    },
    close: async () => undefined,
  };
  return {
    analyzer, analysed,
    release: () => {
      open();
      gate = Promise.resolve();
    },
  };
}

const clock = fixedClock('2026-03-02T09:00:00Z');

function process(owner: string, analyzer: ArticleAnalyzer, ttlMs = 60_000, recheckMs = 20) {
  const db = openDatabase(dbPath);
  handles.push(db);
  const repository = new SqliteArticleRepository(db);
  const corpus = new Corpus({
    repository, search: new SqliteTextSearch(db), clock, analyzer, version: VERSION, snapshots: false,
    claims: { store: new SqliteAnalysisClaims(db), owner, ttlMs, recheckMs },
  });
  corpora.push(corpus);
  return { corpus, repository, claims: new SqliteAnalysisClaims(db) };
}

async function addArticles(repository: SqliteArticleRepository, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const parsed = parseArticle(JSON.stringify({ title: `Harbour report ${i}`, text: `The harbour at Lindholm reopened, report ${i}.` }), `/corpus/h${i}.json`, 'file');
    ids.push((await repository.upsert(articleInput(parsed), clock.now())).id);
  }
  return ids;
}

describe('several processes on one database', () => {
  it('each new article is analysed once; the other process waits for that analysis and answers it too', async () => {
    const one = recordingAnalyzer({ hold: true });
    const two = recordingAnalyzer({ hold: true });
    const a = process('A', one.analyzer);
    const b = process('B', two.analyzer);
    await Promise.all([a.corpus.refresh(), b.corpus.refresh()]);
    const ids = await addArticles(a.repository, 6);
    const refreshed = Promise.all([a.corpus.refresh(), b.corpus.refresh()]);
    // Both see all six; the analysers hold their jobs until both processes have claimed what they could.
    await until(() => one.analysed.length + two.analysed.length >= 4);
    one.release();
    two.release();
    await refreshed;
    expect([...one.analysed, ...two.analysed].sort()).toEqual([...ids].sort());
    expect(a.corpus.size()).toBe(6);
    expect(b.corpus.size()).toBe(6);
    expect(a.corpus.status().pending).toBe(0);
    expect(b.corpus.status().pending).toBe(0);
  });

  it('the change that stores the other process\'s analysis brings it in at once, not at the next periodic look', async () => {
    const holder = recordingAnalyzer({ hold: true });
    const a = process('A', holder.analyzer);
    const [id] = await addArticles(a.repository, 1);
    const aDone = a.corpus.refresh();
    await until(() => holder.analysed.length === 1);
    const waiter = recordingAnalyzer();
    const b = process('B', waiter.analyzer, 60_000, 600_000);
    const saves = vi.spyOn(b.repository, 'saveAnalysis');
    let bDone = false;
    const bRefresh = b.corpus.refresh().then(() => (bDone = true));
    await sleep(50);
    expect(bDone).toBe(false);
    holder.release();
    await aDone;
    // B's next pass over the change log (a notice, or its poll) sees the analysis row change.
    await b.corpus.sync();
    await until(() => bDone);
    await bRefresh;
    expect(waiter.analysed).toEqual([]);
    // The analysis and its index record are A's, as B would write them: B does not write them again.
    expect(saves).not.toHaveBeenCalled();
    expect(b.corpus.size()).toBe(1);
    expect(b.corpus.head(id)).toBeDefined();
  });

  it('a claim left by a process that died lapses, and another process analyses the article then', async () => {
    const seed = process('seed', recordingAnalyzer().analyzer);
    const [id] = await addArticles(seed.repository, 1);
    const hash = (await seed.repository.get(id))!.contentHash;
    await seed.claims.claim(id, VERSION, hash, 'dead-process', new Date(clock.now().getTime() + 60_000), clock.now());
    const live = recordingAnalyzer();
    const b = process('B', live.analyzer);
    const refreshed = b.corpus.refresh();
    await sleep(100);
    expect(live.analysed).toEqual([]);
    expect(b.corpus.status().pending).toBe(1);
    clock.advance(61_000);
    await refreshed;
    expect(live.analysed).toEqual([id]);
    expect(b.corpus.size()).toBe(1);
  });

  it('a failure recorded by the process it waited for is taken as is, not analysed again', async () => {
    const holder = recordingAnalyzer({ hold: true, fail: () => true });
    const a = process('A', holder.analyzer);
    const [id] = await addArticles(a.repository, 1);
    const aDone = a.corpus.refresh();
    await until(() => holder.analysed.length === 1);
    const waiter = recordingAnalyzer();
    const b = process('B', waiter.analyzer);
    const bDone = b.corpus.refresh();
    await sleep(60);
    holder.release();
    await Promise.all([aDone, bDone]);
    expect(waiter.analysed).toEqual([]);
    expect(b.corpus.failures()).toEqual([expect.objectContaining({ articleId: id, message: 'unreadable markup', persisted: true })]);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function until(done: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(5);
  }
}
