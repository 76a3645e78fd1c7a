import { describe, expect, it } from 'vitest';
import { OffsetMap, TextBuilder } from '../../src/corpus/offset-map.js';
import { parseArticle } from '../../src/corpus/parse-article.js';

/** Every occurrence of `word` in `text`, as half-open spans. */
function spansOf(text: string, word: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) out.push([i, i + word.length]);
  return out;
}

const ARTICLE = `Valmora dock strike ends after marathon talks

By Maria Lopez

Share this article

Dockworkers in Valmora returned to work on Friday, union leader Tomas Reyes said.

READ ALSO: Ferry fares to rise across the Lindholm islands

Transport Minister Elena Vasquez thanked the Harbour Workers Union for its patience.

Spread the love

“We never wanted to close the port,” Reyes told reporters in Valmora.
Leave a Reply
(Reporting by Ana Ruiz in Valmora; Editing by Clara West)
`;

const ENTITY_WORDS = ['Valmora', 'Tomas Reyes', 'Reyes', 'Elena Vasquez', 'Harbour Workers Union', 'Friday', '“We never wanted to close the port,”'];

describe('offset map back into the raw input', () => {
  it.each([
    ['LF', ARTICLE],
    ['CRLF', ARTICLE.replace(/\n/g, '\r\n')],
    ['indented lines', ARTICLE.replace(/\n(?=\S)/g, '\n   ')],
  ])('every entity-like word maps to the same characters (%s input)', (_name, raw) => {
    const a = parseArticle(raw, '/c/strike.txt');
    expect(a.offsetsInto).toBe('input');
    // The furniture is gone, so the map must jump over removed lines.
    expect(a.text).not.toContain('READ ALSO');
    expect(a.text).not.toContain('Spread the love');
    let checked = 0;
    for (const w of ENTITY_WORDS) {
      const spans = spansOf(a.text, w);
      expect(spans.length, w).toBeGreaterThan(0);
      for (const span of spans) {
        const [s, e] = a.offsets.spanToInput(span);
        expect(raw.slice(s, e), `${w} at ${span}`).toBe(w);
        checked++;
      }
    }
    // Valmora ×2, Reyes ×2 (inside "Tomas Reyes" and alone), plus one each for the rest.
    expect(checked).toBe(9);
  });

  it('maps every single character of the cleaned text onto the identical input character', () => {
    const raw = ARTICLE.replace(/\n/g, '\r\n');
    const a = parseArticle(raw, '/c/strike.txt');
    for (let i = 0; i < a.text.length; i++) {
      if (a.text[i] === '\n') continue; // synthetic paragraph separators
      const [s, e] = a.offsets.spanToInput([i, i + 1]);
      expect(e - s).toBe(1);
      expect(raw[s]).toBe(a.text[i]);
    }
  });

  it('a span across a paragraph break covers both words in the input', () => {
    const a = parseArticle(ARTICLE, '/c/strike.txt');
    const start = a.text.indexOf('Reyes said.');
    const end = a.text.indexOf('Transport Minister') + 'Transport Minister'.length;
    const [s, e] = a.offsets.spanToInput([start, end]);
    const slice = ARTICLE.slice(s, e);
    expect(slice.startsWith('Reyes said.')).toBe(true);
    expect(slice.endsWith('Transport Minister')).toBe(true);
  });

  it('an empty span maps to an empty span', () => {
    const a = parseArticle(ARTICLE, '/c/strike.txt');
    const [s, e] = a.offsets.spanToInput([5, 5]);
    expect(s).toBe(e);
  });

  it('HTML and JSON articles use offsets into text', () => {
    const html = parseArticle('<html><body><h1>Port reopens</h1><p>Dockworkers in Valmora returned, Tomas Reyes said.</p></body></html>', '/c/p.html');
    const json = parseArticle(JSON.stringify({ title: 'Port reopens', text: 'Dockworkers in Valmora returned, Tomas Reyes said.' }), '/c/p.json');
    for (const a of [html, json]) {
      expect(a.offsetsInto).toBe('text');
      expect(a.text).toContain('Tomas Reyes');
    }
  });
});

describe('OffsetMap and TextBuilder', () => {
  it('identity map returns the same offsets', () => {
    const m = OffsetMap.identity(10);
    expect(m.spanToInput([2, 7])).toEqual([2, 7]);
    expect(OffsetMap.identity(0).toInput(3)).toBe(3);
  });

  it('copies and synthetic inserts build text and map together', () => {
    const input = 'AAA junk BBB';
    const b = new TextBuilder();
    b.copy(input, 0, 3);
    b.insert('\n\n');
    b.copy(input, 9, 12);
    const { text, offsets } = b.build();
    expect(text).toBe('AAA\n\nBBB');
    expect(b.textLength).toBe(8);
    expect(offsets.spanToInput([5, 8])).toEqual([9, 12]);
    expect(input.slice(...offsets.spanToInput([0, 3]))).toBe('AAA');
    // Adjacent copies merge into one run.
    const c = new TextBuilder();
    c.copy(input, 0, 2);
    c.copy(input, 2, 3);
    expect(c.build().offsets.toJSON()).toHaveLength(1);
  });
});
