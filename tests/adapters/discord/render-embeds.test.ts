import { describe, expect, it } from 'vitest';
import { EMBED_LIMITS } from '../../../src/adapters/discord/embed-limits.js';
import { escapeDiscord, escapeInline, truncate } from '../../../src/adapters/discord/escape.js';
import { type DiscordMessagePayload, embedSize, renderEmbeds, splitText } from '../../../src/adapters/discord/render-embeds.js';
import { makeReply, type Reply, type ReplyItem } from '../../../src/core/reply.js';

/** Every limit Discord enforces, checked on every payload. */
function expectWithinLimits(payloads: DiscordMessagePayload[]): void {
  expect(payloads.length).toBeGreaterThan(0);
  for (const p of payloads) {
    expect(p.allowedMentions).toEqual({ parse: [] });
    expect(p.embeds.length).toBeGreaterThan(0);
    expect(p.embeds.length).toBeLessThanOrEqual(EMBED_LIMITS.embedsPerMessage);
    expect((p.content ?? '').length).toBeLessThanOrEqual(EMBED_LIMITS.content);
    expect(p.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(EMBED_LIMITS.totalPerMessage);
    for (const e of p.embeds) {
      expect(embedSize(e)).toBeGreaterThan(0);
      expect((e.title ?? '').length).toBeLessThanOrEqual(EMBED_LIMITS.title);
      expect((e.description ?? '').length).toBeLessThanOrEqual(EMBED_LIMITS.description);
      expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(EMBED_LIMITS.footer);
      expect((e.author?.name ?? '').length).toBeLessThanOrEqual(EMBED_LIMITS.author);
      expect((e.fields ?? []).length).toBeLessThanOrEqual(EMBED_LIMITS.fields);
      for (const f of e.fields ?? []) {
        expect(f.name.length).toBeGreaterThan(0);
        expect(f.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
        expect(f.value.length).toBeGreaterThan(0);
        expect(f.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
      }
    }
  }
}

const words = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed}${i % 7 === 0 ? '*' : ''}word${i}`).join(' ');

function hugeBriefing(): Reply {
  const items: ReplyItem[] = Array.from({ length: 90 }, (_, i) => ({
    title: `STORY-${i} ${words(200, 't')}`,
    summary: words(1500, 's'),
    source: `source-${i}.example.org`,
    date: i % 2 ? '2026-03-01' : null,
    link: `https://news.example.org/story/${i}`,
    quotes: Array.from({ length: 6 }, (_, q) => ({ text: words(300, 'q'), speaker: `Speaker ${q} ${words(40, 'n')}` })),
    notes: [`Also reported by: ${words(100, 'r')}`],
  }));
  return makeReply({
    title: `Briefing: ${words(300, 'title')}`,
    intro: words(3000, 'intro'),
    sections: [
      { text: words(8000, 'lead'), fields: Array.from({ length: 70 }, (_, i) => ({ label: `Label ${i} ${words(100, 'l')}`, value: words(600, 'v'), inline: i % 2 === 0 })) },
      { heading: `Stories ${words(100, 'h')}`, items },
      ...Array.from({ length: 30 }, (_, i) => ({ heading: `Section ${i}`, quotes: [{ text: words(400, 'qq'), speaker: null, source: 'wire', date: '2026-03-02' }] })),
    ],
    footer: words(3000, 'foot'),
    actions: [{ id: 'share', label: 'Share to channel', command: 'brief colombia share' }],
  });
}

describe('renderEmbeds', () => {
  it('renders a briefing far over every limit into payloads that are all within limits', () => {
    const reply = hugeBriefing();
    const payloads = renderEmbeds(reply);
    expectWithinLimits(payloads);
    expect(payloads.length).toBeGreaterThan(10);
    const all = JSON.stringify(payloads);
    // Nothing is dropped: every story, the footer and the action hint make it out.
    for (let i = 0; i < 90; i++) expect(all).toContain(`STORY-${i} `);
    expect(all).toContain('Section 29');
    expect(payloads.at(-1)!.embeds.at(-1)!.footer?.text).toMatch(/^foot\*word0 footword1/);
    expect(all).toContain('/newsdesk command:brief args:colombia share');
    expect(payloads[0].embeds[0].title).toMatch(/^Briefing: /);
    expect(payloads[0].embeds[0].title!.endsWith('…')).toBe(true);
  });

  it('renders a /who style reply with title, inline fields and a footer in one message', () => {
    const payloads = renderEmbeds(makeReply({
      title: 'Ana Example',
      intro: 'Minister of Finance',
      sections: [{ fields: [{ label: 'Role', value: 'Minister of Finance', inline: true }, { label: 'Appears in', value: '3 articles', inline: true }] }, { heading: 'Latest articles', items: [{ title: 'Budget passes', source: 'wire.example', date: null }] }],
      footer: 'Last seen 2026-03-01',
    }));
    expectWithinLimits(payloads);
    expect(payloads).toHaveLength(1);
    const [first, second] = payloads[0].embeds;
    expect(first).toMatchObject({ title: 'Ana Example', description: 'Minister of Finance', fields: [{ name: 'Role', value: 'Minister of Finance', inline: true }, { name: 'Appears in', value: '3 articles', inline: true }] });
    expect(second.title).toBe('Latest articles');
    expect(second.description).toBe('**Budget passes**\n*wire.example · undated*');
    expect(second.footer?.text).toBe('Last seen 2026-03-01');
  });

  it('colours errors red and keeps the fallback text out of the embeds', () => {
    const [p] = renderEmbeds(makeReply({ kind: 'error', title: 'Unknown command', intro: 'Try /help', sections: [] }));
    expect(p.embeds[0].color).toBe(0xed4245);
  });

  it('renders quotes as block quotes with their speaker', () => {
    const [p] = renderEmbeds(makeReply({ title: 'Q', sections: [{ items: [{ title: 'T', quotes: [{ text: 'We will keep talking', speaker: 'Ana Example' }, { text: 'No comment', speaker: null }] }] }] }));
    expect(p.embeds[0].description).toContain('> “We will keep talking” — *Ana Example*');
    expect(p.embeds[0].description).toContain('> “No comment” — *unattributed*');
  });
});

const INJECTIONS = [
  '@everyone look', 'hey @here', '<@123456789012345678>', '<@!123456789012345678>', '<@&234567890123456789>', '<#345678901234567890>',
  '</brief:456789012345678901>', '**unclosed bold', '||spoiler', '# Big heading', '> quote that swallows', '-# tiny', '[click me](https://evil.example/x)',
  '`code', '~~strike', '__under', 'line one\n# heading two\n> quoted',
];

describe('mention and markdown injection', () => {
  it('comes out inert from user- and article-supplied text in every position', () => {
    for (const bad of INJECTIONS) {
      const reply = makeReply({
        title: bad,
        intro: bad,
        sections: [{ heading: bad, text: bad, fields: [{ label: bad, value: bad }], items: [{ title: bad, summary: bad, source: bad, notes: [bad], quotes: [{ text: bad, speaker: bad }] }], quotes: [{ text: bad, speaker: bad, source: bad }] }],
        footer: bad,
      });
      const payloads = renderEmbeds(reply);
      expectWithinLimits(payloads);
      for (const e of payloads.flatMap((p) => p.embeds)) {
        // Footers render no markdown (backslashes would show), so only mentions are checked there.
        const footer = e.footer?.text ?? '';
        expect(footer).not.toMatch(/@(everyone|here)/);
        expect(footer).not.toMatch(/<[@#/]|<a?:/);
        for (const s of [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]) {
          if (!s) continue;
          expect(s).not.toMatch(/@(everyone|here)/);
          expect(s).not.toMatch(/<[@#/]|<a?:/);
          expect(s).not.toMatch(/(^|[^\\])\[click me(\\)?\]\(/);
          expect(s).not.toMatch(/(^|[^\\])\*\*unclosed/);
          expect(s).not.toMatch(/(^|[^\\])\|\|spoiler/);
          expect(s).not.toMatch(/^#{1,3} /m);
          expect(s).not.toMatch(/^-# /m);
        }
      }
    }
  });

  it('escapes markdown with backslashes and keeps e-mail addresses readable', () => {
    expect(escapeDiscord('**bold** and _it_')).toBe('\\*\\*bold\\*\\* and \\_it\\_');
    expect(escapeDiscord('# Title\n> quote')).toBe('\\# Title\n\\> quote');
    expect(escapeInline('write to press@example.org')).toBe('write to press@example.org');
    expect(escapeInline('@everyone')).toBe('@\u200Beveryone');
    expect(escapeInline('<@&1234567>')).toBe('<\u200B@&1234567>');
  });

  it('truncates with an ellipsis and never leaves a dangling escape', () => {
    expect(truncate('abcdef', 10)).toBe('abcdef');
    const cut = truncate(escapeDiscord('*'.repeat(50)), 11);
    expect(cut.length).toBeLessThanOrEqual(11);
    expect(cut.endsWith('\\…')).toBe(false);
  });

  it('splits long text at line or word boundaries into pieces within the limit', () => {
    const text = Array.from({ length: 500 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`).join('\n');
    const pieces = splitText(text, 1000);
    expect(pieces.every((p) => p.length <= 1000)).toBe(true);
    expect(pieces.join('\n').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
    expect(splitText('y'.repeat(2500), 1000).map((p) => p.length)).toEqual([1000, 1000, 500]);
  });
});
