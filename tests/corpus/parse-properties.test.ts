import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NewsdeskError } from '../../src/core/errors.js';
import { cleanText } from '../../src/corpus/clean-text.js';
import type { OffsetMap } from '../../src/corpus/offset-map.js';
import { parseArticle } from '../../src/corpus/parse-article.js';
import { bestCpuMs } from '../helpers/cpu-time.js';

/**
 * Properties of the article parser and cleaner on arbitrary input: they never
 * throw (a container format may refuse with a NewsdeskError), every character
 * of the cleaned text maps back to the same character of the input (or is an
 * inserted line break), no control character or escape sequence survives,
 * and the time taken grows linearly with the input.
 */

/** Pieces that have broken text processing: blank runs, quote marks, capitals, credits, escapes, controls, astral characters. */
const RISKY = [
  ' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n', 'A', 'AB ', 'Jane ', 'By ', 'by ', ', ', ';', '.', '. ', '!', '?', '"', '“', '”', '‘', '’', "'",
  '«', '»', '(', ')', '[', '{', '—', '-', ' and ', ' in Bogota', 'Reporting by ', 'Published: ', '2021', '©', 'Share', 'said', ' the group said',
  '\u0000', '\u0007', '\u001b', '\u001b[31m', '\u001b]0;t\u0007', '\u009b', '\u0085', '\u007f', '\u00a0', '\u200b', '\u202e', '😀', '\ud800', 'é', 'e\u0301',
  '<p>', '</p>', '<script>', '&amp;', '---\n', '# ',
];

const riskyText = (maxPieces = 80) => fc.array(fc.constantFrom(...RISKY), { maxLength: maxPieces }).map((a) => a.join(''));
/** Arbitrary text: any UTF-16 code units (lone surrogates included), risky pieces, or both mixed. */
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 }), riskyText(), fc.tuple(riskyText(40), fc.string({ maxLength: 60 })).map(([a, b]) => a + b));

/** Every cleaned character comes from the same character of the input, or is a synthetic line break. */
function expectFaithful(raw: string, text: string, offsets: OffsetMap): void {
  for (let i = 0; i < text.length; i++) {
    const at = offsets.toInput(i);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThanOrEqual(raw.length);
    if (raw[at] !== text[i]) expect(text[i]).toBe('\n');
  }
  const [s, e] = offsets.spanToInput([0, text.length]);
  expect(0 <= s && s <= e && e <= raw.length).toBe(true);
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('cleanText properties', () => {
  it('never throws, maps every character back to the input and drops every control character', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (raw, detectHeadline) => {
        const c = cleanText(raw, { detectHeadline });
        expectFaithful(raw, c.text, c.offsets);
        expect(CONTROL.test(c.text)).toBe(false);
        expect(c.text).not.toMatch(/\r/);
        for (const r of c.removed) expect(0 <= r.start && r.start <= r.end && r.end <= raw.length).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('removes ANSI and OSC sequences whole, keeping the words around them', () => {
    const raw = 'Engineers said the \u001b[1;31mred\u001b[0m barrier \u001b]8;;http://x\u001b\\held\u001b]8;;\u001b\\ on Thursday.\u0007';
    expect(cleanText(raw).text).toBe('Engineers said the red barrier held on Thursday.');
  });
});

describe('parseArticle properties', () => {
  it('never throws on any string (a format may refuse with a NewsdeskError) and keeps offsets valid', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('a.txt', 'a.md', 'a.html', 'a.json'), (raw, name) => {
        let parsed;
        try {
          parsed = parseArticle(raw, `/corpus/${name}`);
        } catch (e) {
          expect(e).toBeInstanceOf(NewsdeskError);
          return;
        }
        expect(typeof parsed.title).toBe('string');
        if (parsed.offsetsInto === 'input') expectFaithful(raw, parsed.text, parsed.offsets);
        else {
          // Offsets into an intermediate body (HTML or JSON text): never negative, never going backwards.
          let last = 0;
          for (let i = 0; i < parsed.text.length; i++) {
            const at = parsed.offsets.toInput(i);
            expect(at).toBeGreaterThanOrEqual(last);
            last = at;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

const cpu = (run: () => unknown): number => bestCpuMs(run);

describe('linear time on generated inputs', () => {
  it('cleaning and parsing a text repeated 8 times costs at most 24 times as much (50 ms floor)', () => {
    fc.assert(
      fc.property(riskyText(60).filter((s) => s.length > 0), fc.constantFrom('a.txt', 'a.html'), (unit, name) => {
        const small = unit.repeat(Math.ceil(2_000 / unit.length));
        const large = small.repeat(8);
        const run = (s: string) => () => {
          cleanText(s);
          parseArticle(s, `/corpus/${name}`);
        };
        run(small)();
        const ts = Math.max(cpu(run(small)), 1);
        const tl = cpu(run(large));
        expect(tl, `unit ${JSON.stringify(unit)}: ${ts.toFixed(1)} → ${tl.toFixed(1)} ms`).toBeLessThanOrEqual(Math.max(50, 24 * ts));
      }),
      { numRuns: 12 },
    );
  }, 300_000);
});
