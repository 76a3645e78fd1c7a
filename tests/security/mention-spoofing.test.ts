import { describe, expect, it } from 'vitest';
import { renderEmbeds } from '../../src/adapters/discord/render-embeds.js';
import { renderBlocks } from '../../src/adapters/slack/render-blocks.js';
import { makeReply, type Reply } from '../../src/core/reply.js';
import { discordTexts, liveMentions, slackTexts } from './platform-checks.js';

/**
 * Mentions that only look harmless: full-width brackets and at signs,
 * zero-width characters inside the syntax, compatibility forms. After a
 * client normalises them they must still be inert, whether they came from a
 * user's argument (echoed in a title) or from article text.
 */

const SPOOFS = [
  '<!here>', '<!channel>', '<!everyone>', '<@U024BE7LH>', '<!subteam^S123>', '@everyone', '@here', '@channel',
  '＜!here＞', '＜！ｃｈａｎｎｅｌ＞', '＜@U024BE7LH＞', '﹤!here﹥', '＠everyone', '﹫here', 'ｈｉ@everyone', 'x@here',
  '<\u200B!here>', '<!\u200Dhere>', '<\u2060@U1>', '@\u200Beveryone', '@\uFEFFhere', '\u202E<!channel>',
  '<@123456789012345678>', '<@!123456789012345678>', '<@&987654321098765432>', '<#123456789012345678>', '</brief:123456789012345678>',
  '＜@＆９８７６５４３２１０９８７６５４３２＞', '＜＃１２３４５６７８９０１２３４５６７８＞', '<@&\u200B987654321098765432>', '＠\u200Deveryone',
];

function hostileReply(s: string): Reply {
  return makeReply({
    title: `Briefing: ${s}`,
    intro: `You asked about ${s}`,
    sections: [
      { heading: s, text: `Lead ${s}`, fields: [{ label: s, value: s }] },
      { items: [{ title: s, summary: `${s} said ${s}`, source: s, date: null, link: 'https://example.org/a', notes: [s], quotes: [{ text: s, speaker: s, source: s }] }] },
      { quotes: [{ text: `${s} ${s}`, speaker: s, direct: false }] },
    ],
    footer: `Footer ${s}`,
    actions: [{ id: 'x', label: s, command: `brief ${s}` }],
  });
}

describe('mention spoofing is neutralised after normalisation', () => {
  for (const s of SPOOFS) {
    it(`Slack: ${JSON.stringify(s)}`, () => {
      const texts = renderBlocks(hostileReply(s), { shareValue: `brief ${s}` }).flatMap(slackTexts);
      expect(texts.flatMap((t) => liveMentions(t, 'slack'))).toEqual([]);
    });
    it(`Discord: ${JSON.stringify(s)}`, () => {
      const payloads = renderEmbeds(hostileReply(s));
      for (const p of payloads) expect(p.allowedMentions).toEqual({ parse: [] });
      expect(payloads.flatMap(discordTexts).flatMap((t) => liveMentions(t, 'discord'))).toEqual([]);
    });
  }

  it('the detector itself finds the raw syntax (so the checks above can fail)', () => {
    expect(liveMentions('hi <!here>', 'slack')).not.toEqual([]);
    expect(liveMentions('hi ＜!here＞', 'slack')).not.toEqual([]);
    expect(liveMentions('hi ＠everyone', 'discord')).not.toEqual([]);
    expect(liveMentions('<@&123>', 'discord')).not.toEqual([]);
    expect(liveMentions('a@b.org <https://x.org|x>', 'slack')).toEqual([]);
  });

  it('keeps ordinary text readable: e-mail addresses, emoji sequences, accents', () => {
    const texts = renderEmbeds(makeReply({ title: 'x', intro: 'write to desk@example.org 👩‍💻 Bogotá', sections: [] })).flatMap(discordTexts).join(' ');
    expect(texts).toContain('desk@example.org');
    expect(texts).toContain('👩‍💻');
    expect(texts).toContain('Bogotá');
  });
});
