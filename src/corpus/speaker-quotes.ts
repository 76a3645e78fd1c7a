import { fold } from '../search/fold.js';
import type { CorpusQuote, CorpusVersion, SpeakerQuotes } from './corpus-view.js';

/** Articles loaded per round while collecting a speaker's quotes. */
const QUOTE_BATCH = 12;

/** A speaker's articles, newest first, as the index lists them (`complete`: every one is listed). */
export interface SpeakerArticleList {
  ids: string[];
  total: number;
  complete: boolean;
}

/**
 * Where speakerQuotes reads from: the index's list of a speaker's articles, and the light loader (attributed
 * quotes without text or the rest of the analysis: a speaker's quotes need nothing else of the article).
 */
export interface SpeakerQuoteSource {
  speakerArticles(speaker: string, since?: number, max?: number): SpeakerArticleList;
  loadQuotes(ids: readonly string[]): Promise<Pick<CorpusVersion, 'id' | 'quotes'>[]>;
}

/**
 * A speaker's quotes, newest articles first. Every article listed holds at least one of the speaker's quotes,
 * so the newest `limit` articles are enough; only when some of them cannot be loaded (they left the store
 * meanwhile) is the whole list read.
 */
export async function speakerQuotes(src: SpeakerQuoteSource, speaker: string, opts: { since?: Date; limit?: number } = {}): Promise<SpeakerQuotes> {
  const since = opts.since?.getTime();
  let found = await collect(src, speaker, src.speakerArticles(speaker, since, opts.limit), opts.limit);
  if (opts.limit !== undefined && found.quotes.length < opts.limit && !found.complete) {
    found = await collect(src, speaker, src.speakerArticles(speaker, since), opts.limit);
  }
  return { quotes: found.quotes, total: found.total };
}

async function collect(src: SpeakerQuoteSource, speaker: string, list: SpeakerArticleList, limit: number | undefined): Promise<{ quotes: CorpusQuote[]; total: number; complete: boolean }> {
  const key = fold(speaker);
  const quotes: CorpusQuote[] = [];
  const batch = limit === undefined ? 200 : QUOTE_BATCH;
  for (let i = 0; i < list.ids.length && (limit === undefined || quotes.length < limit); i += batch) {
    for (const a of await src.loadQuotes(list.ids.slice(i, i + batch))) {
      for (const q of a.quotes) if (q.speaker && fold(q.speaker) === key) quotes.push({ ...q, articleId: a.id });
    }
  }
  return { quotes: limit === undefined ? quotes : quotes.slice(0, limit), total: list.total, complete: list.complete };
}
