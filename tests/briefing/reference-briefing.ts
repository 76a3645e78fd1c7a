import type { Quote } from '../../src/analysis/types.js';
import type { CorpusArticle, CorpusView, StoryHit } from '../../src/corpus/corpus-view.js';
import { fold } from '../../src/search/fold.js';
import { pickQuotes } from '../../src/briefing/pick-quotes.js';
import { meaningVerb } from '../../src/analysis/quotes/speaker-label.js';
import { sourceLabel } from '../../src/briefing/source-label.js';
import { type Briefing, type BriefingOptions, type BriefingStory, chatSummary, MAX_VERSIONS } from '../../src/briefing/build-briefing.js';

/*
 * buildBriefing as it was before the extra versions of a story were loaded lightly (commit 3312933): every
 * version loaded in full with corpus.load. Kept verbatim so tests can check the light path answers the same,
 * apart from the bound on the versions read per story (MAX_VERSIONS), which both paths apply.
 */

export async function referenceBriefing(corpus: CorpusView, topic: string, opts: BriefingOptions = {}): Promise<Briefing> {
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
  const loaded = new Map((await corpus.load(chosen.flatMap((s) => s.articles.slice(0, MAX_VERSIONS).map((a) => a.id)))).map((a) => [a.id, a]));
  const full = chosen
    .map((s) => ({ ...s, loaded: s.articles.slice(0, MAX_VERSIONS).map((a) => loaded.get(a.id)).filter((a): a is CorpusArticle => !!a) }))
    // An article that left the store between ranking and loading leaves its story; an emptied story goes.
    .filter((s) => s.loaded.length > 0);
  return {
    topic,
    window: opts.window ?? null,
    stories: full.map((s) => toBriefingStory(s, s.loaded, corpus)),
    considered,
    involved: involvedEntities(full.map((s) => s.loaded[0]), topic),
    suggestions: chosen.length === 0 ? corpus.suggestTopics(topic, 5) : [],
  };
}

function toBriefingStory(s: StoryHit, articles: readonly CorpusArticle[], corpus: CorpusView): BriefingStory {
  const rep = articles[0];
  // A briefing quotes people's own words: reported speech only when a story has no direct quote. Quotes whose
  // attribution is below the confidence threshold have no speaker and are dropped, never shown unattributed.
  // The quotes are gathered as they are (each version's own objects) with their article beside them: a
  // story of dozens of versions has hundreds, and only the two picked need their article.
  const all: Quote[] = [];
  const from: string[] = [];
  for (const a of articles) {
    for (const q of a.analysis.quotes) {
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
