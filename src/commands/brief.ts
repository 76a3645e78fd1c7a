import { buildBriefing, type Briefing } from '../briefing/build-briefing.js';
import { formatDate } from '../briefing/source-label.js';
import type { Command } from '../core/command-spec.js';
import { makeReply, type Reply, type ReplyItem } from '../core/reply.js';
import { splitTopicAndWindow } from '../core/time-window.js';

/** `/brief <topic> [since]`: the stories on a topic, summarised, with quotes and sources. */
export const briefCommand: Command = {
  spec: {
    name: 'brief',
    description: 'Briefing on a topic: top stories, short summaries, key quotes and sources.',
    args: [
      { name: 'topic', description: 'A person, place, organization or words, optionally followed by a window (24h, 7d, since monday)', required: true, rest: true, autocomplete: 'topics', maxLength: 200 },
    ],
    adminOnly: false,
    examples: ['colombia', 'human rights 7d', 'venezuela since monday'],
  },
  handle(inv, services) {
    const { topic, window } = splitTopicAndWindow(inv.args, services.clock.now());
    const briefing = buildBriefing(services.corpus, topic, { window, maxStories: 5 });
    return briefingReply(briefing, services.corpus.size());
  },
};

/** Render a briefing as a platform-neutral Reply (also used by digests). */
export function briefingReply(b: Briefing, corpusSize: number, title = `Briefing: ${b.topic}`): Reply {
  const windowNote = b.window ? ` (${b.window.label})` : '';
  if (b.stories.length === 0) {
    const hint = b.suggestions.length ? `Did you mean: ${b.suggestions.join(', ')}?` : 'Try a person, a place or an organization in the news, e.g. /brief colombia.';
    return makeReply({
      kind: 'empty',
      title,
      intro: `No stories about “${b.topic}”${windowNote} in the ${corpusSize} articles newsdesk has.`,
      sections: [{ text: hint }],
    });
  }
  const items: ReplyItem[] = b.stories.map((s) => {
    const [first, ...more] = s.sources;
    return {
      title: s.title,
      summary: s.summary.slice(0, 3).join(' '),
      source: first?.label,
      date: first?.date ?? null,
      link: first?.url ?? undefined,
      quotes: s.quotes.map((q) => ({ text: q.text, speaker: q.speaker, direct: q.direct })),
      notes: more.length ? [`Also reported by: ${more.map((m) => `${m.label} (${formatDate(m.date)})`).join(', ')}`] : undefined,
    };
  });
  return makeReply({
    title,
    intro: b.involved.length ? `Who's involved: ${b.involved.join(', ')}` : undefined,
    sections: [{ items }],
    footer: `${b.stories.length} stor${b.stories.length === 1 ? 'y' : 'ies'} from ${b.considered} matching article${b.considered === 1 ? '' : 's'}${windowNote} · ${corpusSize} in corpus`,
  });
}
