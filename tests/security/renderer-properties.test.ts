import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderEmbeds } from '../../src/adapters/discord/render-embeds.js';
import { renderBlocks } from '../../src/adapters/slack/render-blocks.js';
import type { Reply, ReplyItem, ReplyQuote, ReplySection } from '../../src/core/reply.js';
import { discordLimitProblems, discordTexts, liveMentions, slackLimitProblems, slackTexts } from './platform-checks.js';

/**
 * Property tests: for any Reply — arbitrary Unicode, mention syntax and its
 * look-alikes, markup, enormous strings and counts — every rendered Slack
 * message and Discord payload is within the platform limits and contains
 * no live mention.
 */

const SPOOF_PIECES = [
  '<!here>', '<!channel>', '<!everyone>', '<@U024BE7LH>', '<@U1|bob>', '<#C123|general>', '<!subteam^S1>', '@here', '@channel', '@everyone',
  '＜', '＞', '＠', '！', '﹤', '﹥', '﹫', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u202E', '\u00AD',
  '<@123456789012345678>', '<@!123456789012345678>', '<@&123456789012345678>', '<#123456789012345678>', '</brief:123456789012345678>',
  '１２３', '<', '>', '&', '&lt;', '&gt;', '*', '_', '~', '`', '```', '|', '||', '\\', '[x](https://e.org)', '# ', '> ', '\n', '\n\n', ' ', 'https://example.org/a?b=1&c=<2>',
  'word', 'Bogotá', '👩‍💻', '😀', '\uD83D', 'ﷺ', '㍻', 'ﬁ', '\u0000', '\u001b[31m', '\u0085',
];

/** Strings built from hostile pieces, arbitrary code points and long runs. */
const text = (maxPieces = 12): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.oneof(fc.constantFrom(...SPOOF_PIECES), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: maxPieces }).map((p) => p.join('')) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...SPOOF_PIECES), fc.integer({ min: 1, max: 2500 })).map(([p, n]) => p.repeat(n)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  );

const quote: fc.Arbitrary<ReplyQuote> = fc.record(
  { text: text(), speaker: fc.option(text(4), { nil: null }), direct: fc.boolean(), source: text(4), date: fc.option(fc.constantFrom('2026-03-01', '2021-10-05'), { nil: null }) },
  { requiredKeys: ['text', 'speaker'] },
);

const item: fc.Arbitrary<ReplyItem> = fc.record(
  {
    title: text(),
    summary: text(),
    source: text(4),
    date: fc.option(fc.constant('2026-03-01'), { nil: null }),
    link: fc.oneof(fc.constant('https://news.example.org/a'), fc.webUrl(), text(3)),
    quotes: fc.array(quote, { maxLength: 4 }),
    notes: fc.array(text(4), { maxLength: 3 }),
  },
  { requiredKeys: ['title'] },
);

const section: fc.Arbitrary<ReplySection> = fc.record(
  {
    heading: text(4),
    text: text(),
    items: fc.array(item, { maxLength: 12 }),
    quotes: fc.array(quote, { maxLength: 6 }),
    fields: fc.array(fc.record({ label: text(3), value: text(), inline: fc.boolean() }), { maxLength: 14 }),
  },
  { requiredKeys: [] },
);

const reply: fc.Arbitrary<Reply> = fc.record({
  kind: fc.constantFrom('answer', 'empty', 'error'),
  title: text(6),
  intro: fc.option(text(), { nil: undefined }),
  sections: fc.array(section, { maxLength: 6 }),
  footer: fc.option(text(6), { nil: undefined }),
  actions: fc.option(fc.array(fc.record({ id: fc.string({ maxLength: 5 }), label: text(3), command: text(3), style: fc.constantFrom('primary', 'danger', undefined) }), { maxLength: 6 }), { nil: undefined }),
  visibility: fc.constantFrom('private', 'channel'),
  text: text(),
}) as fc.Arbitrary<Reply>;

const RUNS = { numRuns: 150, seed: 20261130 };

describe('renderer properties', () => {
  it('Slack: every message within Block Kit limits and free of live mentions', () => {
    fc.assert(
      fc.property(reply, fc.option(text(4), { nil: undefined }), (r, share) => {
        const messages = renderBlocks(r, { shareValue: share });
        expect(messages.length).toBeGreaterThan(0);
        for (const m of messages) {
          expect(slackLimitProblems(m)).toEqual([]);
          expect(slackTexts(m).flatMap((t) => liveMentions(t, 'slack'))).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('Discord: every payload within embed/message limits, allowedMentions empty, free of live mentions', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const payloads = renderEmbeds(r);
        expect(payloads.length).toBeGreaterThan(0);
        for (const p of payloads) {
          expect(discordLimitProblems(p)).toEqual([]);
          expect(discordTexts(p).flatMap((t) => liveMentions(t, 'discord'))).toEqual([]);
        }
      }),
      RUNS,
    );
  });
});
