import { pickQuotes } from '../briefing/pick-quotes.js';
import { sourceLabel } from '../briefing/source-label.js';
import { rankMatches } from '../briefing/who-profile.js';
import { speakerLabel } from '../analysis/quotes/speaker-label.js';
import type { Command } from '../core/command-spec.js';
import type { CorpusQuote, CorpusView } from '../corpus/corpus-view.js';
import { makeReply, type Reply } from '../core/reply.js';
import { fold } from '../search/fold.js';
import { splitTopicAndWindow, type TimeWindow } from '../core/time-window.js';

const MAX_QUOTES = 8;

/**
 * `/quotes <person or topic>`: recent quotes with speaker, date and source. Only attributions above the
 * confidence threshold carry a speaker, and only those are listed: a quote we cannot attribute is dropped.
 */
export const quotesCommand: Command = {
  spec: {
    name: 'quotes',
    description: 'Recent quotes by a person or organization, or about a topic.',
    args: [{ name: 'subject', description: 'A person, organization or topic, optionally with a window (7d)', required: true, rest: true, autocomplete: 'entities', maxLength: 200 }],
    adminOnly: false,
    examples: ['blinken', 'human rights watch', 'migration 7d'],
  },
  handle(inv, services) {
    const { topic, window } = splitTopicAndWindow(inv.args, services.clock.now());
    return quotesReply(services.corpus, topic, window);
  },
};

/** Quotes listed in a reply, and read per speaker name (the newest first). */
const QUOTE_POOL = MAX_QUOTES * 4;

/** Quotes by the entity the subject names; failing that, quotes in articles about the subject. */
export async function findQuotes(corpus: CorpusView, subject: string, window: TimeWindow | null): Promise<{ quotes: CorpusQuote[]; total: number; speaker: string | null }> {
  // The person people mean: the dominant one across the corpus, as /who picks it.
  const entity = rankMatches(corpus.entities().lookup(subject), subject).find((e) => e.type === 'person' || e.type === 'organization');
  if (entity) {
    // A bare surname alias ("Clinton") would pull in another family member's quotes.
    const names = [...new Set([entity.name, ...entity.aliases.filter((a) => a.includes(' ') || entity.type !== 'person')].map((n) => fold(n)))];
    const byName = await Promise.all(names.map((n) => corpus.quotesBy(n, { since: window?.since, limit: QUOTE_POOL })));
    const unique = [...new Map(byName.flatMap((b) => b.quotes).map((q) => [`${q.articleId}:${q.span[0]}`, q])).values()];
    if (unique.length) return { quotes: unique, total: Math.max(unique.length, byName.reduce((n, b) => n + b.total, 0)), speaker: entity.name };
  }
  const hits = await corpus.search(subject, { since: window?.since, limit: 20 });
  const articles = await corpus.load(hits.map((h) => h.article.id));
  const quotes = articles.flatMap((a) => pickQuotes(a.analysis.quotes.filter((q) => q.speaker), 3).map((q) => ({ ...q, articleId: a.id })));
  return { quotes, total: quotes.length, speaker: null };
}

export async function quotesReply(corpus: CorpusView, subject: string, window: TimeWindow | null): Promise<Reply> {
  const { quotes, total, speaker } = await findQuotes(corpus, subject, window);
  const label = window ? ` (${window.label})` : '';
  if (!quotes.length) {
    const suggestions = corpus.suggestTopics(subject, 5);
    return makeReply({
      kind: 'empty',
      title: `Quotes: ${subject}${label}`,
      intro: `No attributed quotes ${speaker ? 'by' : 'about'} “${subject}” in the ${corpus.size()} articles newsdesk has.`,
      sections: suggestions.length ? [{ text: `Did you mean: ${suggestions.join(', ')}?` }] : [],
    });
  }
  const dateOf = (id: string) => corpus.head(id)?.effectiveDate ?? '';
  const shown = [...quotes].sort((a, b) => dateOf(b.articleId).localeCompare(dateOf(a.articleId))).slice(0, MAX_QUOTES);
  const articles = new Map((await corpus.load([...new Set(shown.map((q) => q.articleId))])).map((a) => [a.id, a]));
  return makeReply({
    title: speaker ? `What ${speaker} said${label}` : `Quotes about ${subject}${label}`,
    sections: [
      {
        quotes: shown.map((q) => {
          const a = articles.get(q.articleId);
          return { text: corpus.displayQuote(q.articleId, q), speaker: speakerLabel(q), direct: q.direct, source: a ? sourceLabel(a.source, a.url, a.publisher) : undefined, date: a?.publishedAt ?? null };
        }),
      },
    ],
    footer: `${shown.length} of ${total} quote${total === 1 ? '' : 's'} · newest first`,
  });
}
