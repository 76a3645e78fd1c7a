import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS, type SlackBlock, type SlackMessage } from '../../../src/adapters/slack/block-kit.js';
import { renderBlocks } from '../../../src/adapters/slack/render-blocks.js';
import { makeReply, type Reply, type ReplyItem } from '../../../src/core/reply.js';

/** Assert every Slack limit on every message; returns all text for further checks. */
function assertWithinLimits(messages: SlackMessage[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    expect(JSON.stringify(m.blocks).length).toBeLessThan(SLACK_LIMITS.messageChars * 1.5);
    let chars = 0;
    for (const b of m.blocks as SlackBlock[]) {
      if (b.type === 'header') {
        expect(b.text.type).toBe('plain_text');
        expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
        chars += b.text.text.length;
      }
      if (b.type === 'section') {
        expect(b.text || b.fields).toBeTruthy();
        if (b.text) {
          expect(b.text.text.length).toBeGreaterThan(0);
          expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
          chars += b.text.text.length;
        }
        expect((b.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fieldsPerSection);
        for (const f of b.fields ?? []) {
          expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
          chars += f.text.length;
        }
      }
      if (b.type === 'context') {
        expect(b.elements.length).toBeGreaterThan(0);
        expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
        for (const e of b.elements) {
          expect(e.text.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
          chars += e.text.length;
        }
      }
      if (b.type === 'actions') {
        expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
        for (const e of b.elements) {
          expect(e.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
          expect(e.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
          expect(e.action_id.length).toBeLessThanOrEqual(SLACK_LIMITS.actionId);
        }
        expect(new Set(b.elements.map((e) => e.action_id)).size).toBe(b.elements.length);
      }
    }
    expect(chars).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
  }
}

const words = (n: number, seed = 'word') => Array.from({ length: n }, (_, i) => `${seed}${i % 97}`).join(' ');

function hugeBriefing(): Reply {
  const items: ReplyItem[] = Array.from({ length: 80 }, (_, i) => ({
    title: `Story ${i} ${'T'.repeat(200)}`,
    summary: words(1500, `s${i}x`).slice(0, 10_000),
    source: `source-${i}.example.org`,
    date: '2023-03-0' + ((i % 9) + 1),
    link: `https://news.example.org/story/${i}?a=1&b=2`,
    quotes: Array.from({ length: 12 }, (_, q) => ({ text: words(300, `q${q}`), speaker: `Speaker ${q}` })),
    notes: Array.from({ length: 15 }, (_, n) => `Also reported by outlet ${n} ${words(80)}`),
  }));
  return makeReply({
    title: `Briefing: ${'very long topic '.repeat(40)}`,
    intro: words(4000, 'intro'),
    sections: [
      { heading: 'Top stories '.repeat(50), items },
      { heading: 'Quotes', quotes: Array.from({ length: 60 }, (_, q) => ({ text: words(400, `z${q}`), speaker: null })) },
      { fields: Array.from({ length: 30 }, (_, f) => ({ label: `Field ${f} `.repeat(30), value: words(900), inline: true })) },
      { text: words(6000, 'tail') },
    ],
    footer: words(600, 'footer'),
    actions: Array.from({ length: 30 }, (_, a) => ({ id: `a${a}`, label: `Action number ${a} `.repeat(10), command: `newsdesk topics remove ${words(400)}` })),
  });
}

describe('renderBlocks: Slack limits', () => {
  it('renders a briefing far over every limit within every limit, with a "more" note', () => {
    const messages = renderBlocks(hugeBriefing(), { shareValue: `brief ${'x'.repeat(3000)}` });
    assertWithinLimits(messages);
    expect(messages.length).toBeLessThanOrEqual(5);
    const all = JSON.stringify(messages);
    expect(all).toMatch(/more items? not shown/);
    expect(messages[0].blocks[0].type).toBe('header');
    expect(all).toContain('newsdesk_share');
    expect(JSON.stringify(messages[messages.length - 1].blocks)).toContain('newsdesk_share');
  });

  it('keeps a normal briefing in one message with header, story, block-quote with speaker and source context', () => {
    const reply = makeReply({
      title: 'Briefing: harbour strike',
      intro: "Who's involved: Dock Workers Union",
      sections: [
        {
          items: [
            {
              title: 'Dockers walk out over pay',
              summary: 'Cargo piled up at the port on Tuesday.',
              source: 'example.org',
              date: '2023-05-09',
              link: 'https://example.org/a',
              quotes: [{ text: 'We will not go back until the offer improves', speaker: 'Ana Ruiz' }],
              notes: ['Also reported by: sample.net (9 May 2023)'],
            },
          ],
        },
      ],
      footer: '1 story from 3 matching articles',
    });
    const [m, ...rest] = renderBlocks(reply, { shareValue: 'brief harbour strike' });
    expect(rest).toHaveLength(0);
    assertWithinLimits([m]);
    expect(m.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Briefing: harbour strike', emoji: true } });
    const json = JSON.stringify(m.blocks);
    expect(json).toContain('<https://example.org/a|Dockers walk out over pay>');
    expect(json).toContain('>“We will not go back until the offer improves” — _Ana Ruiz_');
    expect(m.blocks.some((b) => b.type === 'context' && b.elements[0].text.includes('example.org · 9 May 2023'))).toBe(true);
    expect(m.text).toContain('Briefing: harbour strike');
  });

  it('splits a long free text into several sections under 3,000 characters without losing words', () => {
    const text = words(2000, 'para');
    const messages = renderBlocks(makeReply({ title: 'Long', sections: [{ text }] }));
    assertWithinLimits(messages);
    const sections = messages.flatMap((m) => m.blocks).filter((b): b is Extract<SlackBlock, { type: 'section' }> => b.type === 'section');
    expect(sections.length).toBeGreaterThan(3);
    expect(sections.map((s) => s.text!.text).join(' ')).toBe(text);
  });

  it('marks errors in the header and never adds a share button unless asked', () => {
    const [m] = renderBlocks(makeReply({ kind: 'error', title: 'Unknown command', intro: 'Try /help', sections: [] }));
    expect((m.blocks[0] as { text: { text: string } }).text.text).toBe(':warning: Unknown command');
    expect(JSON.stringify(m.blocks)).not.toContain('actions');
  });
});
