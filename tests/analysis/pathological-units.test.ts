import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/analysis/entities/coreference.js';
import { buildDocTokens, type DocTokens } from '../../src/analysis/entities/doc-tokens.js';
import { addDescriptiveMentions, addShoutyMentions } from '../../src/analysis/entities/extra-mentions.js';
import { foldKey } from '../../src/analysis/entities/fold.js';
import { getGazetteer } from '../../src/analysis/entities/gazetteers.js';
import { noEvidence, type Mention } from '../../src/analysis/entities/mention.js';
import { isBareQuote, isByline, isFurniture } from '../../src/analysis/summary/sentence-shape.js';
import { splitSentences } from '../../src/analysis/text/sentences.js';
import { trimQuote, TrimmedQuoteCache } from '../../src/briefing/pick-quotes.js';
import { parseBylineLine, parseCreditLine, parseDateLine, splitNames } from '../../src/corpus/furniture.js';
import { fill } from './pathological-inputs.js';
import { bestCpuMs } from '../helpers/cpu-time.js';

/**
 * The fixed superlinear paths one by one, each at two sizes (growth ratio,
 * never an absolute time), plus the behaviour the rewrites must keep.
 */
const FACTOR = 8;

const cpu = (run: () => unknown): number => bestCpuMs(run);

/** Fails when `make(n × FACTOR)` costs more than 3 × FACTOR times `make(n)` (with a 50 ms floor and a 1 ms minimum). */
function expectLinear<C>(prepare: (n: number) => C, run: (ctx: C) => unknown, n: number): void {
  const small = prepare(n);
  const large = prepare(n * FACTOR);
  run(small);
  const s = Math.max(cpu(() => run(small)), 1);
  const l = cpu(() => run(large));
  expect(l, `small ${s.toFixed(1)} ms, large ${l.toFixed(1)} ms`).toBeLessThanOrEqual(Math.max(50, 3 * FACTOR * s));
}

/** The regex isByline replaced; kept here to prove the scanner agrees with it on ordinary lines. */
const OLD_BYLINE = /^[Bb][Yy]:?\s+(?:\p{Lu}[\p{L}'’.-]*\s*){1,4}(?:(?:and|&)\s+(?:\p{Lu}[\p{L}'’.-]*\s*){1,4})?(?:\s*[,|–—-]\s*(?:\p{Lu}[\p{L}'’.-]*\s*){1,4})?$/u;

describe('sentence shape: bylines', () => {
  it('agrees with the old byline pattern on ordinary lines', () => {
    const lines = [
      'By Jane Doe', 'By Jane Doe and John Roe, Reuters', 'By 2030 the plant will close', 'By: Jane Doe', 'by Jane Doe & John Roe',
      'By Jane Doe - Reuters', 'By A B C D E', 'By Jane Doe, Reuters, AP', 'By Jane and Joe and Bob', 'By Jane Doe |  Staff Writer',
      'By Jane Doe and', 'By Jane Doe,', 'By the way', 'BY JOHN SMITH', 'By Jane Doe — The Guardian', 'By J.K. Rowling',
      'By Jane O’Neil-Smith Jr.', 'By Jane Doe and John Roe — Reuters Staff', 'Byron Smith said', 'By  Jane   Doe ',
    ];
    for (const line of lines) expect(isByline(line.trim()), line).toBe(OLD_BYLINE.test(line.trim()));
  });

  it('the audit credit line (By + capitals + ", " + capitals + "a!") is linear, not O(n⁶)', () => {
    const credit = (n: number) => `By ${fill('A', n)}, ${fill('A', n)}a!`;
    expect(isFurniture(credit(45))).toBe(false);
    expectLinear(credit, (s) => isFurniture(s), 20_000);
  });

  it('a bare quote with a run of spaces inside is linear', () => {
    expect(isBareQuote('“We will win.”')).toBe(true);
    expect(isBareQuote('“We will win,” she said.')).toBe(false);
    expectLinear((n) => `"a${fill(' ', n)}"x`, isBareQuote, 20_000);
  });
});

describe('trimQuote', () => {
  it('strips marks and the attribution comma and cuts at a word boundary', () => {
    expect(trimQuote('“We will win,”')).toBe('We will win');
    expect(trimQuote('  "Yes" ')).toBe('Yes');
    expect(trimQuote('""""')).toBe('');
    expect(trimQuote(`“${'word '.repeat(100)}”`).endsWith('…')).toBe(true);
  });

  it('is linear in a run of quote marks of every kind', () => {
    for (const mark of ['"', '“', '”', "'"]) expectLinear((n) => `a${fill(mark, n)}b`, (s) => trimQuote(s), 20_000);
    expectLinear((n) => `a,${fill(' ', n)}b`, (s) => trimQuote(s), 20_000);
  });

  it('the cache returns the same text, keys on article, span and version, and stays bounded', () => {
    const cache = new TrimmedQuoteCache(2);
    const q = { text: '“Hello there,”', span: [0, 14] as [number, number] };
    expect(cache.trim('a1', q, 3)).toBe('Hello there');
    expect(cache.trim('a1', { ...q, text: 'changed' }, 3)).toBe('Hello there'); // same key: cached
    expect(cache.trim('a1', { ...q, text: 'changed' }, 4)).toBe('changed'); // new analysis version
    cache.trim('a2', q, 3);
    expect(cache.size).toBe(2);
    // a1@3 was least recently used and is gone: recomputed from the text given now.
    expect(cache.trim('a1', { ...q, text: 'again' }, 3)).toBe('again');
  });
});

describe('furniture lines with long blank runs', () => {
  it('keep their meaning', () => {
    expect(splitNames('Jane Doe, John Roe and Ann Lee in Bogota.')).toEqual(['Jane Doe', 'John Roe', 'Ann Lee']);
    expect(parseCreditLine('(Reporting by Jane Doe and John Roe in Bogota; Editing by Ann Lee)')).toEqual([
      { name: 'Jane Doe', role: 'reporter' }, { name: 'John Roe', role: 'reporter' }, { name: 'Ann Lee', role: 'editor' },
    ]);
    expect(parseDateLine('Published: 12 Oct 2021')).toBe('2021-10-12T00:00:00.000Z');
  });

  it('are parsed in linear time', () => {
    expectLinear((n) => `Reporting by Jane${fill(' ', n)}x ; Editing by Ann`, parseCreditLine, 20_000);
    expectLinear((n) => `Jane${fill(' ', n)}x`, splitNames, 20_000);
    expectLinear((n) => `Jane${fill('. ', n)}x`, splitNames, 20_000);
    expectLinear((n) => `Published${fill(' ', n)}x`, parseDateLine, 20_000);
    expectLinear((n) => `By Jane${fill(' ', n)}Doe contributed`, parseBylineLine, 20_000);
  });
});

/** A cluster holding one mention over tokens [from, to). */
function clusterOver(doc: DocTokens, from: number, to: number, organization = false): Cluster {
  const t = doc.tokens;
  const text = t.slice(from, to).map((x) => x.text).join(' ');
  const evidence = noEvidence();
  if (organization) evidence.organization = 5;
  else evidence.person = 5;
  const m: Mention = {
    from, to, start: t[from].start, end: t[to - 1].end, text, key: foldKey(text), sent: t[from].sent, possessive: false, evidence: noEvidence(),
    role: null, placeName: null, demonym: false, titleOnly: false, descriptive: false, credit: null,
  };
  return { mentions: [m], evidence, keys: new Set([m.key]), placeName: null };
}

const docOf = (text: string) => buildDocTokens(text, splitSentences(text), false);

describe('extra mentions', () => {
  it('an all-caps sentence next to a long capitalised run is linear', () => {
    const gaz = getGazetteer();
    const prepare = (n: number) => {
      const doc = docOf(`${fill('Alpha Beta ', n)}spoke.\n${fill('ALPHA BETA GAMMA ', n)}.`);
      const [from, to] = doc.sentenceRanges[0];
      return { doc, from, to };
    };
    expectLinear(prepare, ({ doc, from, to }) => addShoutyMentions(doc, [clusterOver(doc, from, to - 1)], gaz), 4_000);
  });

  it('still finds a known name and a country in an all-caps sentence', () => {
    const doc = docOf('Officials said Maria Lopez would travel.\nMARIA LOPEZ VISITS COLOMBIA TODAY.');
    const person = clusterOver(doc, 2, 4);
    const clusters = [person];
    addShoutyMentions(doc, clusters, getGazetteer());
    expect(person.mentions.map((m) => m.text)).toEqual(['Maria Lopez', 'MARIA LOPEZ']);
    expect(clusters.some((c) => c.placeName === 'Colombia')).toBe(true);
  });

  it('"the group said" takes the latest organization within three sentences, in linear time', () => {
    const doc = docOf('Acme Corp opened a plant. The group said it was pleased. It rained. It rained. It rained. It rained. The group said more.');
    const acme = clusterOver(doc, 0, 2, true);
    addDescriptiveMentions(doc, [acme]);
    // The second "the group said" is five sentences after Acme but two after the first "the group", which now names Acme.
    expect(acme.mentions.filter((m) => m.descriptive)).toHaveLength(1);
    const prepare = (n: number) => {
      const doc = docOf(fill('Acme Corp opened a plant. The group said it was pleased. ', n));
      const clusters = doc.sentenceRanges.filter((_, i) => i % 2 === 0).map(([from]) => clusterOver(doc, from, from + 2, true));
      return { doc, clusters };
    };
    expectLinear(prepare, ({ doc, clusters }) => addDescriptiveMentions(doc, clusters), 4_000);
  });
});
