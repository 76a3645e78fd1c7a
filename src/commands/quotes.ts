import { pickQuotes } from '../briefing/pick-quotes.js';
import { sourceLabel } from '../briefing/source-label.js';
import { rankMatches } from '../briefing/who-profile.js';
import { speakerLabel } from '../analysis/quotes/speaker-label.js';
import type { Command } from '../core/command-spec.js';
import type { CorpusQuote, CorpusView } from '../corpus/corpus-view.js';
import { makeReply, type Reply } from '../core/reply.js';
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

/** Quotes by the entity the subject names; failing that, quotes in articles about the subject. */
export function findQuotes(corpus: CorpusView, subject: string, window: TimeWindow | null): { quotes: CorpusQuote[]; speaker: string | null } {
  const since = window?.since.toISOString();
  const inWindow = (q: CorpusQuote) => !since || (corpus.article(q.articleId)?.effectiveDate ?? '') >= since;
  // The person people mean: the dominant one across the corpus, as /who picks it.
  const entity = rankMatches(corpus.entities().lookup(subject), subject).find((e) => e.type === 'person' || e.type === 'organization');
  if (entity) {
    // A bare surname alias ("Clinton") would pull in another family member's quotes.
    const names = [entity.name, ...entity.aliases.filter((a) => a.includes(' ') || entity.type !== 'person')];
    const byName = names.flatMap((n) => corpus.quotesBy(n));
    const unique = [...new Map(byName.map((q) => [`${q.articleId}:${q.span[0]}`, q])).values()].filter(inWindow);
    if (unique.length) return { quotes: unique, speaker: entity.name };
  }
  const hits = corpus.search(subject, { since: window?.since, limit: 20 });
  const quotes = hits.flatMap((h) => pickQuotes(h.article.analysis.quotes.filter((q) => q.speaker), 3).map((q) => ({ ...q, articleId: h.article.id })));
  return { quotes, speaker: null };
}

export function quotesReply(corpus: CorpusView, subject: string, window: TimeWindow | null): Reply {
  const { quotes, speaker } = findQuotes(corpus, subject, window);
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
  const sorted = [...quotes].sort((a, b) => (corpus.article(b.articleId)?.effectiveDate ?? '').localeCompare(corpus.article(a.articleId)?.effectiveDate ?? ''));
  return makeReply({
    title: speaker ? `What ${speaker} said${label}` : `Quotes about ${subject}${label}`,
    sections: [
      {
        quotes: sorted.slice(0, MAX_QUOTES).map((q) => {
          const a = corpus.article(q.articleId);
          return { text: corpus.displayQuote(q.articleId, q), speaker: speakerLabel(q), direct: q.direct, source: a ? sourceLabel(a.source, a.url, a.publisher) : undefined, date: a?.publishedAt ?? null };
        }),
      },
    ],
    footer: `${Math.min(sorted.length, MAX_QUOTES)} of ${sorted.length} quote${sorted.length === 1 ? '' : 's'} · newest first`,
  });
}
