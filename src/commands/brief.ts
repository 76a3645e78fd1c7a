import { buildBriefing } from '../briefing/build-briefing.js';
import type { Command } from '../core/command-spec.js';
import { briefingReply } from '../digests/briefing-reply.js';
import { splitTopicAndWindow } from '../core/time-window.js';

// The renderer lives below the commands so digests can use it without importing a command file.
export { briefingReply } from '../digests/briefing-reply.js';

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
  async handle(inv, services) {
    const { topic, window } = splitTopicAndWindow(inv.args, services.clock.now());
    const briefing = await buildBriefing(services.corpus, topic, { window, maxStories: 5 });
    return briefingReply(briefing, services.corpus.size());
  },
};
