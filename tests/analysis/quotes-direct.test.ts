import { describe, expect, it } from 'vitest';
import { scanQuoteSegments } from '../../src/analysis/quotes/quote-marks.js';
import type { Quote } from '../../src/analysis/types.js';
import { containing, entity, quotes } from '../helpers/quote-fixtures.js';

function spanText(text: string, q: Quote | undefined): string | null {
  return q?.speakerSpan ? text.slice(q.speakerSpan[0], q.speakerSpan[1]) : null;
}

describe('quote mark scanner', () => {
  it('finds curly, straight and doubled-apostrophe quotes', () => {
    const text = 'One “curly words” then "straight words" and \'\'wire words\'\' end.';
    const segs = scanQuoteSegments(text).map((s) => text.slice(s.innerStart, s.innerEnd));
    expect(segs).toEqual(['curly words', 'straight words', 'wire words']);
  });

  it('ends an unclosed quote at the paragraph end and keeps nested single quotes inside', () => {
    const text = '“First part with ‘inner words’ runs on\n“Second part closes.”';
    const segs = scanQuoteSegments(text);
    expect(segs).toHaveLength(2);
    expect(segs[0].closed).toBe(false);
    expect(text.slice(segs[0].innerStart, segs[0].innerEnd)).toBe('First part with ‘inner words’ runs on');
  });

  it('does not open a quote at a mark followed by a space', () => {
    const text = 'stray," a clerk told the judge on Friday.';
    expect(scanQuoteSegments(text)).toHaveLength(0);
  });
});

describe('direct quotes', () => {
  it('attributes "…," Name said to the canonical entity', () => {
    const text = 'Mayor Dana Whitfield opened the new bridge. “We built this for the next fifty years,” Whitfield said.';
    const list = quotes(text, [entity(text, 'Dana Whitfield', 'person', ['Whitfield'])]);
    const q = containing(list, 'next fifty years');
    expect(q?.speaker).toBe('Dana Whitfield');
    expect(q?.direct).toBe(true);
    expect(spanText(text, q)).toBe('Whitfield');
    expect(q?.cue).toBe('said');
  });

  it('handles the inverted form said Name with an appositive', () => {
    const text = '"The river rose faster than any model predicted," said Omar Lindqvist, a hydrologist at the institute.';
    const q = containing(quotes(text), 'river rose');
    expect(q?.speaker).toBe('Omar Lindqvist');
    expect(q?.direct).toBe(true);
  });

  it('handles a speaker and cue before the quote', () => {
    const text = 'Priya Raman spoke after the vote. She told reporters, "We will appeal this ruling."';
    const q = containing(quotes(text, [entity(text, 'Priya Raman', 'person')]), 'appeal this ruling');
    expect(q?.speaker).toBe('Priya Raman');
    expect(spanText(text, q)).toBe('She');
  });

  it('resolves "he said" to the nearest person before it', () => {
    const text = 'Coach Marcus Bell watched from the sideline. "We lost our shape in the second half," he said.';
    const q = containing(quotes(text, [entity(text, 'Marcus Bell', 'person')]), 'lost our shape');
    expect(q?.speaker).toBe('Marcus Bell');
    expect(spanText(text, q)).toBe('he');
  });

  it('keeps a quote split by its attribution as one quote', () => {
    const text = 'Lena Ortiz chairs the panel. "The budget is tight," Ortiz said. "But the clinics will stay open."';
    const list = quotes(text, [entity(text, 'Lena Ortiz', 'person', ['Ortiz'])]);
    const q = containing(list, 'budget is tight');
    expect(q?.text).toContain('clinics will stay open');
    expect(q?.speaker).toBe('Lena Ortiz');
  });

  it('gives a follow-on quote paragraph the previous speaker', () => {
    const text = '“Prices will fall by spring,” said Hugo Brandt, the bank’s economist.\n“Wages are already catching up with rents.”';
    const q = containing(quotes(text, [entity(text, 'Hugo Brandt', 'person')]), 'Wages are already');
    expect(q?.speaker).toBe('Hugo Brandt');
    expect(q?.direct).toBe(true);
  });

  it('attributes a partial quote followed by the attribution', () => {
    const text = 'The plan would cap fees that “quietly punish small farms,” Senator Ruth Okafor said on Tuesday.';
    const q = containing(quotes(text, [entity(text, 'Ruth Okafor', 'person')]), 'quietly punish small farms');
    expect(q?.speaker).toBe('Ruth Okafor');
  });
});

describe('not quotes', () => {
  it('ignores titles and scare quotes', () => {
    const text = 'Mina says her favourite film is "The Long Summer". Her friends call the dogs "rascals".';
    expect(quotes(text).filter((q) => q.direct)).toEqual([]);
  });

  it('leaves a long quote without a speaker unattributed', () => {
    const text = 'The sign at the gate was hard to miss.\n"Trespassers will be reported to the county office at once."';
    const q = containing(quotes(text), 'Trespassers');
    expect(q?.speaker ?? null).toBeNull();
  });
});

describe('quotations broken by their attribution clause', () => {
  it('joins X "a," said Y, the…. "B." into one span when the clause is shorter than the words said', () => {
    const text =
      'The port reopened on Monday.\n\nTraders "lost three weeks of business and most of their seasonal contracts," said Mara Olsen, the harbour master. "Nobody here wants to see that again, not after the storm last winter."\n\nOther news followed.';
    const list = quotes(text, [entity(text, 'Mara Olsen', 'person', ['Olsen'])]);
    const q = containing(list, 'seasonal contracts');
    expect(q?.speaker).toBe('Mara Olsen');
    expect(q && text.slice(q.span[0], q.span[1])).toMatch(/^Traders "lost[\s\S]*storm last winter\."$/);
    expect(list.filter((x) => x.text.includes('Nobody here'))).toHaveLength(1);
  });

  it('keeps the pieces apart when the continuation has an attribution of its own', () => {
    const text =
      'The port reopened on Monday.\n\n"We lost three weeks of trade," Olsen said. "Nobody here wants to see that again, not after the storm," she said on Tuesday.\n\nOther news followed.';
    const list = quotes(text, [entity(text, 'Mara Olsen', 'person', ['Olsen'])]);
    const first = containing(list, 'three weeks');
    expect(first && text.slice(first.span[0], first.span[1])).not.toContain('Nobody');
  });

  it('keeps the pieces apart when a long clause would outweigh them', () => {
    const text =
      'The port reopened.\n\n"It is done," said Mara Olsen, who has run the harbour since 2004 and led the long campaign for its rebuilding after the storm. "Good."\n\nOther news followed.';
    const list = quotes(text, [entity(text, 'Mara Olsen', 'person', ['Olsen'])]);
    const q = containing(list, 'It is done');
    expect(q && text.slice(q.span[0], q.span[1])).not.toContain('Good.');
  });
});

describe('transcript turns', () => {
  const text =
    'Governor Mara Olsen spoke on the Sunday show.\n\n' +
    '"HOST: Will the port reopen this year, Governor?\n\n' +
    '"OLSEN: Well, look, my opponent thinks this is an episode of “Shark Tank.” But this is a real harbour. People work there every day.\n\n' +
    '"And the truth is that we will reopen it by the autumn, whatever the weather does.\n\n' +
    '"HOST: Thank you, Governor.';
  const list = quotes(text, [entity(text, 'Mara Olsen', 'person', ['Olsen'])]);

  it('runs a labelled turn to the end of its paragraph, past an inner quotation', () => {
    const q = containing(list, 'Well, look');
    expect(q?.speaker).toBe('Mara Olsen');
    expect(q?.text).toContain('People work there every day.');
  });

  it('goes on into the unlabelled paragraphs that follow, up to the next label', () => {
    const q = containing(list, 'Well, look');
    expect(q?.text).toContain('by the autumn');
    expect(q?.text).not.toContain('Thank you');
  });
});
