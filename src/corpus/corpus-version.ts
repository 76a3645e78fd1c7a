import type { CorpusArticle, CorpusVersion } from './corpus-view.js';

/** A fully loaded article as a version of its story (what `loadVersions` gives for it): no need to read it again. */
export function versionOf(a: CorpusArticle): CorpusVersion {
  return {
    id: a.id, title: a.title, source: a.source, url: a.url, publisher: a.publisher, publishedAt: a.publishedAt,
    alsoReportedBy: a.alsoReportedBy, quotes: a.analysis.quotes.filter((q) => q.speaker),
  };
}
