import { describe, expect, it } from 'vitest';
import type { Briefing, BriefingStory } from '../../src/briefing/build-briefing.js';
import { briefingReply } from '../../src/digests/briefing-reply.js';

function story(quotes: BriefingStory['quotes']): BriefingStory {
  return {
    id: 's1', title: 'Port strike ends', summary: ['Dock workers in Valmora returned to work on Friday.'], quotes,
    sources: [{ articleId: 'a1', label: 'Valmora Post', source: '/c/a1.txt', url: null, date: '2024-05-03T00:00:00.000Z' }],
    moreReports: 0, articleIds: ['a1'],
    representative: {} as BriefingStory['representative'],
  };
}

describe('briefing replies show the reporting verb when it changes the meaning', () => {
  const brief = (quotes: BriefingStory['quotes']): Briefing => ({ topic: 'valmora', window: null, stories: [story(quotes)], considered: 1, involved: [], suggestions: [], latest: null });

  it('labels a denial with its verb and a plain statement with the name alone', () => {
    const reply = briefingReply(brief([
      { text: 'We never agreed to those terms', speaker: 'Ana Ruiz', direct: true, verb: 'denied' },
      { text: 'The ships will sail on Monday', speaker: 'Tomas Berg', direct: true, verb: null },
    ]), 10);
    const quotes = reply.sections[0].items?.[0].quotes ?? [];
    expect(quotes.map((q) => q.speaker)).toEqual(['Ana Ruiz (denied)', 'Tomas Berg']);
  });
});
