import type { Quote } from '../analysis/types.js';
import type { CorpusArticle, CorpusVersion, CorpusView, StoryHit } from '../corpus/corpus-view.js';
import type { TimeWindow } from '../core/time-window.js';
import { fold } from '../search/fold.js';
import { pickQuotes } from './pick-quotes.js';
import { meaningVerb } from '../analysis/quotes/speaker-label.js';
import { sourceLabel } from './source-label.js';
import { versionOf } from '../corpus/corpus-version.js';

/** One story of a briefing, ready to render or serialise. */
export interface BriefingStory {
  id: string;
  title: string;
  summary: string[];
  /** `verb` is set when the reporting verb changes the meaning of the words ("denied", "accused"). */
  quotes: { text: string; speaker: string | null; direct: boolean; verb?: string | null }[];
  /** Where the story was reported: the versions read (see MAX_VERSIONS) and their reprints, representative first. */
  sources: { articleId: string; label: string; source: string; url: string | null; date: string | null }[];
  /** Versions of the story beyond those read for quotes and sources (counted, not loaded). */
  moreReports: number;
  /** Every article of the story (digests record them as sent, so no later digest repeats the story). */
  articleIds: string[];
  representative: CorpusArticle;
}

/**
 * Versions of one story a briefing reads for its quotes and sources. A story followed for months gathers
 * hundreds of versions (wire copies, updates, reprints under new headlines); a chat answer shows a handful of
 * sources and two quotes, so its work stays bounded by what it shows rather than by how big the story grew.
 * The first versions in story order are read (the most complete first, then the latest); the rest are counted
 * ("and 40 more").
 */
export const MAX_VERSIONS = 12;

/** A briefing on a topic: the data behind `/brief` replies, digests and `brief --json`. */
export interface Briefing {
  topic: string;
  window: TimeWindow | null;
  stories: BriefingStory[];
  /** Articles that matched before grouping and limits. */
  considered: number;
  /** People and organizations most involved, excluding the topic itself. */
  involved: string[];
  suggestions: string[];
  /**
   * When a window left nothing about a topic the corpus knows (a person, place or organization it has
   * articles about): the publication date of the latest of them, so the reply can say when the topic was
   * last in the news instead of offering spellings of a name that was spelt right. Null otherwise.
   */
  latest: string | null;
}

export interface BriefingOptions {
  window?: TimeWindow | null;
  maxStories?: number;
  /** Only stories none of whose articles are in this set (digests never repeat a story). */
  excludeArticleIds?: ReadonlySet<string>;
  /** Only articles first seen at/after this instant (digests: "arrived since"). */
  arrivedSince?: Date;
}

/**
 * Build a briefing for one topic from the corpus: stories are ranked from what the corpus holds in memory,
 * and only the chosen stories' articles are loaded: representatives in full (title, summary, entities), the
 * other versions lightly (sources and quotes, see loadChosen).
 */
export async function buildBriefing(corpus: CorpusView, topic: string, opts: BriefingOptions = {}): Promise<Briefing> {
  const max = opts.maxStories ?? 5;
  let stories: StoryHit[] = await corpus.searchStories(topic, { since: opts.window?.since, limit: 100 });
  if (opts.arrivedSince) {
    const since = opts.arrivedSince.toISOString();
    stories = stories.filter((s) => s.articles.some((a) => a.firstSeenAt >= since));
  }
  if (opts.excludeArticleIds) {
    const ex = opts.excludeArticleIds;
    stories = stories.filter((s) => !s.articles.some((a) => ex.has(a.id)));
  }
  const considered = stories.reduce((n, s) => n + s.articles.length, 0);
  const chosen = stories.slice(0, max);
  const full = await loadChosen(corpus, chosen);
  return {
    topic,
    window: opts.window ?? null,
    stories: full.map((s) => toBriefingStory(s, s.rep, s.versions, corpus)),
    considered,
    involved: involvedEntities(full.map((s) => s.rep), topic),
    ...(chosen.length === 0 ? emptyHints(corpus, topic, opts) : { suggestions: [], latest: null }),
  };
}

/**
 * What an empty briefing offers: when a window emptied a topic the corpus has articles about, the date of the
 * latest; otherwise names close to the topic (a misspelling, a prefix).
 */
function emptyHints(corpus: CorpusView, topic: string, opts: BriefingOptions): Pick<Briefing, 'suggestions' | 'latest'> {
  if (opts.window) {
    let latest: string | null = null;
    for (const e of corpus.entities().lookup(topic)) {
      const d = corpus.latestOf(e, 1).shown[0]?.publishedAt ?? null;
      if (d && (latest === null || d > latest)) latest = d;
    }
    if (latest) return { suggestions: [], latest };
  }
  return { suggestions: corpus.suggestTopics(topic, 5), latest: null };
}

/** A chosen story as loaded: its representative in full, and every version (the representative first) as a source. */
interface LoadedStory extends StoryHit {
  rep: CorpusArticle;
  versions: CorpusVersion[];
}

/**
 * Only a story's representative needs its summary and entities; the other versions (dozens in a big story) give
 * their source and attributed quotes, read lightly. An article that left the store between ranking and loading
 * leaves its story (an emptied story goes); when that is the representative, the next version loaded in full
 * takes its place, as it would have had every version been loaded in full.
 */
async function loadChosen(corpus: CorpusView, chosen: readonly StoryHit[]): Promise<LoadedStory[]> {
  const [reps, rest] = await Promise.all([
    corpus.load(chosen.map((s) => s.articles[0].id)),
    corpus.loadVersions(chosen.flatMap((s) => s.articles.slice(1, MAX_VERSIONS).map((a) => a.id))),
  ]);
  const repById = new Map(reps.map((a) => [a.id, a]));
  const versionById = new Map(rest.map((v) => [v.id, v]));
  const out: LoadedStory[] = [];
  for (const s of chosen) {
    const rep = repById.get(s.articles[0].id);
    if (rep) {
      const others = s.articles.slice(1, MAX_VERSIONS).map((a) => versionById.get(a.id)).filter((v): v is CorpusVersion => !!v);
      out.push({ ...s, rep, versions: [versionOf(rep), ...others] });
      continue;
    }
    const loaded = await corpus.load(s.articles.slice(1, MAX_VERSIONS).map((a) => a.id));
    if (loaded.length > 0) out.push({ ...s, rep: loaded[0], versions: loaded.map(versionOf) });
  }
  return out;
}

function toBriefingStory(s: StoryHit, rep: CorpusArticle, articles: readonly CorpusVersion[], corpus: CorpusView): BriefingStory {
  // A briefing quotes people's own words: reported speech only when a story has no direct quote. Quotes whose
  // attribution is below the confidence threshold have no speaker and are dropped, never shown unattributed.
  // The quotes are gathered as they are (each version's own objects) with their article beside them: a
  // story of dozens of versions has hundreds, and only the two picked need their article.
  const all: Quote[] = [];
  const from: string[] = [];
  for (const a of articles) {
    for (const q of a.quotes) {
      if (!q.speaker) continue;
      all.push(q);
      from.push(a.id);
    }
  }
  const direct = all.filter((q) => q.direct);
  const quotes = pickQuotes(direct.length ? direct : all, 2, s.matchedEntities).map((q) => ({ ...q, articleId: from[all.indexOf(q)] }));
  const sources = articles.flatMap((a) => [
    { articleId: a.id, label: sourceLabel(a.source, a.url, a.publisher), source: a.url ?? a.source, url: a.url, date: a.publishedAt },
    ...a.alsoReportedBy.map((d) => ({ articleId: a.id, label: sourceLabel(d.source, d.url), source: d.url ?? d.source, url: d.url, date: a.publishedAt })),
  ]);
  return {
    id: s.id,
    title: rep.title,
    summary: chatSummary(rep.analysis.summary),
    quotes: quotes.map((q) => ({ text: corpus.displayQuote(q.articleId, q), speaker: q.speaker, direct: q.direct, verb: meaningVerb(q) })),
    sources,
    moreReports: Math.max(0, s.articles.length - MAX_VERSIONS),
    articleIds: s.articles.map((a) => a.id),
    representative: rep,
  };
}

/** Best-first summary sentences that fit a thirty-second read: up to 3, stopping once ~420 characters are used. */
export function chatSummary(sentences: readonly string[], budget = 420): string[] {
  const out: string[] = [];
  let used = 0;
  for (const s of sentences.slice(0, 3)) {
    if (out.length > 0 && used + s.length > budget) break;
    out.push(s);
    used += s.length;
  }
  return out;
}

function involvedEntities(representatives: readonly CorpusArticle[], topic: string): string[] {
  const t = fold(topic);
  const counts = new Map<string, { name: string; n: number }>();
  for (const rep of representatives) {
    for (const e of rep.analysis.entities) {
      if (e.kind === 'byline' || (e.type !== 'person' && e.type !== 'organization')) continue;
      const k = fold(e.name);
      if (k === t || e.aliases.some((a) => fold(a) === t)) continue;
      const c = counts.get(k) ?? { name: e.name, n: 0 };
      c.n += e.mentions.length;
      counts.set(k, c);
    }
  }
  return [...counts.values()].sort((a, b) => b.n - a.n).slice(0, 6).map((c) => c.name);
}
