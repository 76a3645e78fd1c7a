import { describe, expect, it } from 'vitest';
import { makeReply } from '../../src/core/reply.js';
import { renderPlainText } from '../../src/render/plain-text.js';

describe('renderPlainText', () => {
  const reply = makeReply({
    title: 'Briefing: ports',
    intro: "Who's involved: Ada Lind",
    sections: [
      {
        items: [{ title: 'Port reopens', summary: 'The port reopened on Monday.', source: 'news.example', date: null, quotes: [{ text: 'We are open again', speaker: 'Ada Lind' }] }],
        quotes: [{ text: 'the strike cost millions', speaker: 'Union', direct: false }],
      },
    ],
    footer: '1 story',
  });

  it('shows direct quotes in quotation marks and reported speech as reported', () => {
    const out = renderPlainText(reply);
    expect(out).toContain('“We are open again” — Ada Lind');
    expect(out).toContain('(reported) the strike cost millions — Union');
    expect(out).not.toContain('“the strike cost millions”');
  });

  it('says "undated" for an unknown date and keeps the fallback text in step', () => {
    expect(renderPlainText(reply)).toMatch(/news\.example · undated/);
    expect(reply.text).toContain('(reported) the strike cost millions');
  });
});
