import type { Briefing } from '../briefing/build-briefing.js';
import type { WhoProfile } from '../briefing/who-profile.js';

/** `brief --json` contract: `{topic, articles:[{id, title, source, summary[], quotes:[{text, speaker}]}]}`. */
export function briefingJson(b: Briefing) {
  return {
    topic: b.topic,
    window: b.window ? { since: b.window.since.toISOString(), label: b.window.label } : null,
    articles: b.stories.map((s) => ({
      id: s.representative.id,
      title: s.title,
      source: s.representative.url ?? s.representative.source,
      publishedAt: s.representative.publishedAt,
      summary: s.summary,
      quotes: s.quotes.map((q) => ({ text: q.text, speaker: q.speaker })),
      alsoReportedBy: s.sources.slice(1).map((x) => x.source),
      moreReports: s.moreReports,
    })),
    considered: b.considered,
    involved: b.involved,
    suggestions: b.suggestions,
  };
}

/** `who --json` contract: `{query, entity:{name, type, role, aliases[]}|null, articles, quotes, suggestions[]}`. */
export function whoJson(p: WhoProfile) {
  const e = p.entity;
  return {
    query: p.query,
    entity: e
      ? {
          name: e.name,
          type: e.type,
          role: p.roles[0]?.role ?? null,
          roles: p.roles,
          aliases: e.aliases,
          mentions: e.mentionCount,
        }
      : null,
    articles: p.articles.map((a) => ({ id: a.id, title: a.title, source: a.url ?? a.source, publishedAt: a.publishedAt })),
    quotes: p.quotes.map((q) => ({ text: q.text, speaker: q.speaker, articleId: q.articleId })),
    alternatives: p.alternatives.map((x) => ({ name: x.name, type: x.type })),
    suggestions: p.suggestions,
  };
}
