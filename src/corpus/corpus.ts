import { analyzeArticle } from '../analysis/analyze-article.js';
import { analysisVersion } from './analysis-version.js';
import { analysisInputOf } from './article.js';
import type { ArticleAnalysis } from '../analysis/types.js';
import type { AutocompleteSource } from '../core/command-spec.js';
import type { Clock } from '../core/clock.js';
import { fold } from '../search/fold.js';
import { FtsIndex } from '../search/fts-index.js';
import { rankArticles } from '../search/rank-articles.js';
import type { ArticleStore, StoredArticle } from '../store/article-store.js';
import type { CorpusArticle, CorpusQuote, CorpusView, EntityIndex, SearchHit, StoryHit } from './corpus-view.js';
import { groupHitsIntoStories } from './group-hits.js';
import { fingerprint, groupStories, type StoryFingerprint } from '../stories/group-stories.js';

/** Builds the corpus-wide entity index from analysed articles (the entity stage provides it). */
export type EntityIndexBuilder = (docs: { id: string; title: string; publishedAt: string | null; analysis: ArticleAnalysis }[]) => EntityIndex;

export interface CorpusDeps {
  store: ArticleStore;
  fts: FtsIndex;
  clock: Clock;
  buildEntityIndex: EntityIndexBuilder;
  analyze?: (a: StoredArticle) => ArticleAnalysis;
}

/** Default analysis of a stored article. */
export function analyzeStored(a: StoredArticle): ArticleAnalysis {
  return analyzeArticle(analysisInputOf(a));
}

/** Per-article features the ranker needs, computed once per refresh instead of per query. */
function rankingFeatures(title: string, analysis: ArticleAnalysis): Pick<CorpusArticle, 'entityMentions' | 'subjectMentions' | 'foldedTitle'> {
  const entityMentions = new Map<string, number>();
  let subjectMentions = 0;
  for (const e of analysis.entities) {
    if (e.kind === 'byline') continue;
    subjectMentions += e.mentions.length;
    const k = fold(e.name);
    entityMentions.set(k, (entityMentions.get(k) ?? 0) + e.mentions.length);
  }
  return { entityMentions, subjectMentions, foldedTitle: ` ${fold(title)} ` };
}

/**
 * The in-memory, analysed corpus that answers queries. `refresh()` reloads
 * from the store after ingestion: analyses are cached in the store by
 * version and content hash, so only new or changed articles are analysed.
 */
export class Corpus implements CorpusView {
  private list: CorpusArticle[] = [];
  private byId = new Map<string, CorpusArticle>();
  private index: EntityIndex;
  private quotesBySpeaker = new Map<string, CorpusQuote[]>();
  private stories = new Map<string, { id: string; members: CorpusArticle[] }>();
  /** Fingerprints by content hash, so a refresh only shingles new or changed articles. */
  private prints = new Map<string, StoryFingerprint>();

  constructor(private readonly deps: CorpusDeps) {
    this.index = deps.buildEntityIndex([]);
  }

  /** Reload articles from the store, analysing what is new; returns how many were analysed. */
  refresh(): { articles: number; analysed: number } {
    const { store, clock } = this.deps;
    const analyze = this.deps.analyze ?? analyzeStored;
    let analysed = 0;
    const version = analysisVersion();
    const reprints = store.duplicatesByOriginal();
    const list: CorpusArticle[] = [];
    store.batch(() => {
      for (const a of store.listCurrent()) {
        let analysis = store.getAnalysis(a.id, version, a.contentHash);
        if (!analysis) {
          analysis = analyze(a);
          store.saveAnalysis(a.id, version, a.contentHash, analysis, clock.now());
          analysed++;
        }
        const alsoReportedBy = (reprints.get(a.id) ?? []).map((d) => ({ source: d.source, url: d.url, title: d.title }));
        const effectiveDate = a.publishedAt ?? a.firstSeenAt;
        list.push({ ...a, analysis, effectiveDate, effectiveMs: Date.parse(effectiveDate), alsoReportedBy, ...rankingFeatures(a.title, analysis) });
      }
    });
    this.list = list;
    this.byId = new Map(list.map((a) => [a.id, a]));
    this.index = this.deps.buildEntityIndex(list.map((a) => ({ id: a.id, title: a.title, publishedAt: a.publishedAt, analysis: a.analysis })));
    this.deps.fts.sync(list.map((a) => ({ id: a.id, contentHash: a.contentHash, title: a.title, body: a.text })));
    this.groupIntoStories(list);
    this.quotesBySpeaker = new Map();
    for (const a of list) {
      for (const q of a.analysis.quotes) {
        if (!q.speaker) continue;
        const key = fold(q.speaker);
        const arr = this.quotesBySpeaker.get(key) ?? [];
        arr.push({ ...q, articleId: a.id });
        this.quotesBySpeaker.set(key, arr);
      }
    }
    for (const arr of this.quotesBySpeaker.values()) arr.sort((x, y) => this.dateOf(y.articleId).localeCompare(this.dateOf(x.articleId)));
    return { articles: list.length, analysed };
  }

  size(): number {
    return this.list.length;
  }

  articles(): readonly CorpusArticle[] {
    return this.list;
  }

  article(id: string): CorpusArticle | undefined {
    return this.byId.get(id);
  }

  entities(): EntityIndex {
    return this.index;
  }

  search(topic: string, opts: { since?: Date; limit?: number } = {}): SearchHit[] {
    const q = topic.trim();
    if (!q) return [];
    const matched = this.index.lookup(q).filter((e) => e.type !== 'other' || e.name.length > 3);
    const text = this.deps.fts.search(q);
    const ids = new Set([...text.map((h) => h.articleId), ...matched.flatMap((e) => e.articleIds)]);
    let candidates = [...ids].map((id) => this.byId.get(id)).filter((a): a is CorpusArticle => !!a);
    if (opts.since) {
      const since = opts.since.toISOString();
      candidates = candidates.filter((a) => a.effectiveDate >= since);
    }
    return rankArticles(candidates, matched, text, this.deps.clock.now(), opts.limit ?? 50);
  }

  searchStories(topic: string, opts: { since?: Date; limit?: number } = {}): StoryHit[] {
    return groupHitsIntoStories(this.search(topic, { since: opts.since, limit: 200 }), (id) => this.stories.get(id)).slice(0, opts.limit ?? 10);
  }

  quotesBy(entityName: string): CorpusQuote[] {
    return this.quotesBySpeaker.get(fold(entityName)) ?? [];
  }

  suggestTopics(topic: string, limit: number): string[] {
    return this.index.suggest(topic, limit).map((e) => e.name);
  }

  complete(source: AutocompleteSource, prefix: string, limit: number): string[] {
    const p = fold(prefix);
    const pool = this.index
      .all()
      .filter((e) => (source === 'people' ? e.type === 'person' : source === 'entities' ? e.type !== 'other' : true))
      .sort((a, b) => b.mentionCount - a.mentionCount);
    const starts = pool.filter((e) => !p || fold(e.name).startsWith(p) || fold(e.name).split(' ').some((w) => w.startsWith(p)));
    return starts.slice(0, limit).map((e) => e.name);
  }

  /** Articles about the same event become one story; its representative is the latest, most complete version. */
  private groupIntoStories(list: CorpusArticle[]): void {
    const prints = new Map<string, StoryFingerprint>();
    const prepared = list.map((a) => {
      const p = this.prints.get(a.contentHash) ?? fingerprint(a.text);
      prints.set(a.contentHash, p);
      return p;
    });
    this.prints = prints;
    const groups = groupStories(list.map((a) => ({ id: a.id, title: a.title, text: a.text, publishedAt: a.effectiveDate })), {}, prepared);
    this.stories = new Map();
    for (const g of groups) {
      const story = { id: g.id, members: g.articleIds.map((id) => this.byId.get(id)!).filter(Boolean) };
      for (const id of g.articleIds) this.stories.set(id, story);
    }
  }

  private dateOf(id: string): string {
    return this.byId.get(id)?.effectiveDate ?? '';
  }
}
