import { describe, expect, it } from 'vitest';
import { escapeInline, escapeMrkdwn, escapePlain, mrkdwnLink, truncate } from '../../../src/adapters/slack/escape.js';
import { renderBlocks } from '../../../src/adapters/slack/render-blocks.js';
import { makeReply } from '../../../src/core/reply.js';

const INJECTIONS = ['<!channel>', '<!here>', '<!everyone>', '<@U123>', '<@U123|boss>', '<#C999>', '<!subteam^S1>', '@everyone', '@here', '@channel', '<https://evil.example|click>', '*bold*', '_it_', '~gone~', '`code`', '> quoted', '&lt;!channel&gt;'];

/** True when the mrkdwn contains something Slack would turn into a ping or link. */
function hasLiveSyntax(s: string): boolean {
  return /<[!@#]|<https?:/i.test(s) || /(^|[^\u200B\p{L}\p{N}])@(everyone|here|channel)\b/u.test(s.replace(/@\u200B/g, '@_'));
}

describe('escapeMrkdwn', () => {
  it.each(INJECTIONS)('makes %s inert', (s) => {
    const out = escapeMrkdwn(`before ${s} after`);
    expect(hasLiveSyntax(out)).toBe(false);
    expect(out).not.toMatch(/[<>*~`]/);
  });

  it('neutralises @everyone/@here with a zero-width space but leaves e-mail addresses', () => {
    expect(escapeMrkdwn('@everyone look')).toBe('@\u200Beveryone look');
    expect(escapeMrkdwn('(@here)')).toBe('(@\u200Bhere)');
    expect(escapeMrkdwn('mail desk@example.org')).toBe('mail desk@example.org');
  });

  it('escapes control characters once (no double-escaping surprises)', () => {
    expect(escapeMrkdwn('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeMrkdwn('&lt;!channel&gt;')).toBe('&amp;lt;!channel&amp;gt;');
  });

  it('keeps underscores inside words (file names) but defuses italic markers', () => {
    expect(escapeMrkdwn('000_5f47e1443f69a352.txt')).toBe('000_5f47e1443f69a352.txt');
    expect(escapeMrkdwn('_secret_')).not.toMatch(/(^|\s)_|_($|\s)/);
  });

  it('detector sanity: the raw strings are live', () => {
    expect(hasLiveSyntax('<!channel>')).toBe(true);
    expect(hasLiveSyntax('hi @everyone')).toBe(true);
  });
});

describe('links, plain text and truncation', () => {
  it('links only http(s) URLs and keeps the label from closing the link', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBe('x');
    expect(mrkdwnLink('https://a.example/p?q=1&r=2', 'A|B>C')).toBe('<https://a.example/p?q=1&amp;r=2|A\u2223B&gt;C>');
    expect(mrkdwnLink('https://a.example/x>y|z', 'ok')).toBe('<https://a.example/x%3Ey%7Cz|ok>');
  });

  it('plain text folds newlines and defuses mention syntax', () => {
    expect(escapePlain('a\nb <!here> @channel <https://x|y>')).toBe('a b ‹!here› @\u200Bchannel ‹https://x|y›');
  });

  it('truncate never cuts an entity in half and ends with an ellipsis', () => {
    const t = truncate(escapeInline('x'.repeat(95) + ' & & & & &'), 100);
    expect(t.length).toBeLessThanOrEqual(100);
    expect(t.endsWith('…')).toBe(true);
    expect(t).not.toMatch(/&[a-z]*…$/);
  });
});

describe('renderBlocks keeps user and article text inert', () => {
  it('injection strings in the title (user args), article titles, summaries, quotes, speakers and notes', () => {
    const evil = INJECTIONS.join(' ');
    const reply = makeReply({
      title: `Briefing: ${evil}`,
      intro: evil,
      sections: [
        {
          heading: evil,
          text: evil,
          fields: [{ label: evil, value: evil }],
          items: [{ title: evil, summary: evil, source: evil, notes: [evil], link: 'https://ok.example/story', quotes: [{ text: evil, speaker: evil, source: evil }] }],
          quotes: [{ text: evil, speaker: '<@U123>' }],
        },
      ],
      footer: evil,
      actions: [{ id: 'x', label: evil, command: 'help' }],
    });
    for (const m of renderBlocks(reply, { shareValue: 'brief x' })) {
      expect(hasLiveSyntax(m.text)).toBe(false);
      for (const b of m.blocks) {
        // The one link we made ourselves is allowed; nothing else may be live.
        const json = JSON.stringify(b).replace('<https://ok.example/story|', '');
        expect(hasLiveSyntax(JSON.parse(JSON.stringify(json)))).toBe(false);
        if (b.type === 'section' && b.text) {
          // Bold wrappers we add must stay balanced: no stray asterisks from the text.
          const inner = b.text.text.replace(/^\*[^*\n]*\*/gm, '');
          expect(inner).not.toContain('*');
        }
      }
    }
  });
});
