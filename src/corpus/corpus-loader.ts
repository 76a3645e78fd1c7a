import type { ArticleRepository } from '../store/article-repository.js';
import type { CorpusArticle, CorpusVersion } from './corpus-view.js';
import { versionOf } from './corpus-version.js';
import { LoadCache } from './load-cache.js';

/** What the loader needs from the corpus. */
export interface CorpusLoaderDeps {
  repository: ArticleRepository;
  /** Analysis version the answers are made from. */
  version: number;
  /** Full articles kept for repeated answers (default 256). */
  cacheSize?: number;
  /** Light versions kept for repeated answers (default 2048: about 5 MB). */
  versionCacheSize?: number;
  /** Whether the index answers for this article (at this content, when given). */
  answers(id: string, contentHash?: string): boolean;
}

/**
 * Reads what answers show from the store: whole articles with their analyses and reprints (`load`), or
 * light versions with only their sources and attributed quotes (`loadVersions`), each through a cache of
 * recent reads. An article is returned only while the index answers for the content its analysis was made
 * from; one the index does not hold is left out.
 */
export class CorpusLoader {
  /** Full articles recently shown; a load of more than a quarter of it is served, not kept. */
  private readonly cache: LoadCache<CorpusArticle>;
  /** loadVersions' rows; cleared with `cache`. */
  private readonly versionCache: LoadCache<CorpusVersion>;

  constructor(private readonly deps: CorpusLoaderDeps) {
    const cap = deps.cacheSize ?? 256;
    this.cache = new LoadCache(cap, cap / 4);
    this.versionCache = new LoadCache(deps.versionCacheSize ?? 2048);
  }

  /** Articles with their analyses and reprints, in the order asked (unknown ones left out). */
  async load(ids: readonly string[]): Promise<CorpusArticle[]> {
    const unique = [...new Set(ids)].filter((id) => this.deps.answers(id));
    return this.cache.serve(unique, (missing) =>
      // Two reads whatever the count: the articles with their analyses, and all their reprints.
      this.answerableRows(missing, this.deps.repository.getManyWithAnalyses(missing, this.deps.version), ({ article: a, analysis: an }, alsoReportedBy) => {
        const effectiveDate = a.publishedAt ?? a.firstSeenAt;
        return { ...a, analysis: an!.analysis, effectiveDate, effectiveMs: Date.parse(effectiveDate), alsoReportedBy };
      }));
  }

  /** Light versions: source fields and attributed quotes, without text (a story's other reports). */
  async loadVersions(ids: readonly string[]): Promise<CorpusVersion[]> {
    const unique = [...new Set(ids)].filter((id) => this.deps.answers(id));
    // A fully loaded article answers from memory; the rest is read without text, with only the quotes of each analysis.
    const fromFull = (id: string): CorpusVersion | undefined => {
      const full = this.cache.get(id);
      return full && versionOf(full);
    };
    return this.versionCache.serve(unique, (missing) =>
      this.answerableRows(missing, this.deps.repository.getVersionsWithQuotes(missing, this.deps.version), ({ article: a, analysis: an }, alsoReportedBy) => ({
        id: a.id, title: a.title, source: a.source, url: a.url, publisher: a.publisher, publishedAt: a.publishedAt, alsoReportedBy,
        quotes: an!.quotes.filter((q) => q.speaker),
      })), fromFull);
  }

  /**
   * The rows `read` for `missing` that may be shown (see answerable), each built with its reprints, which are
   * read at the same time: two round trips whatever the count.
   */
  private async answerableRows<R extends { article: { id: string; contentHash: string; status: string }; analysis: { contentHash: string } | undefined }, T>(
    missing: string[], read: Promise<R[]>, build: (row: R, alsoReportedBy: CorpusArticle['alsoReportedBy']) => T,
  ): Promise<Map<string, T>> {
    const [rows, reprints] = await Promise.all([read, this.deps.repository.duplicatesOfMany(missing)]);
    const fresh = new Map<string, T>();
    for (const row of rows) {
      if (!this.answerable(row.article, row.analysis)) continue;
      fresh.set(row.article.id, build(row, (reprints.get(row.article.id) ?? []).map((d) => ({ source: d.source, url: d.url, title: d.title }))));
    }
    return fresh;
  }

  /** The article changed or left: drop what is cached of it. */
  forget(id: string): void {
    this.cache.delete(id);
    this.versionCache.delete(id);
  }

  /** Drop everything cached (reprints of cached articles may have arrived). */
  clear(): void {
    this.cache.clear();
    this.versionCache.clear();
  }

  /** A read article is shown only with an analysis of its current content, while the index answers for that content. */
  private answerable(a: { id: string; contentHash: string; status: string }, an: { contentHash: string } | undefined): boolean {
    return !!an && an.contentHash === a.contentHash && a.status === 'current' && this.deps.answers(a.id, a.contentHash);
  }
}
