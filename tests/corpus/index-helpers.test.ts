import { describe, expect, it } from 'vitest';
import { Postings } from '../../src/analysis/entity-index/postings.js';
import { speakerOrds } from '../../src/corpus/index/latest-ords.js';
import { compactPostings, foldedName, namePostings } from '../../src/corpus/index/name-postings.js';
import { fold } from '../../src/search/fold.js';

describe('speakerOrds', () => {
  // Ordinals 0..5; 2 is removed (empty id); 3 and 4 share a date.
  const ids = ['a', 'b', '', 'd', 'e', 'f'];
  const effectiveMs = Float64Array.from([10, 50, 90, 30, 30, 5]);
  const p = new Postings();
  for (const [ord, n] of [[0, 1], [1, 2], [2, 7], [3, 1], [4, 3], [5, 1]]) p.add(ord, n);

  it('lists the live ordinals newest first (ties: older ordinal first), with the quote total and live count over all of them', () => {
    expect(speakerOrds({ ids, effectiveMs }, p, -Infinity)).toEqual({ ords: [1, 3, 4, 0, 5], total: 8, live: 5 });
  });

  it('with `max` keeps the newest `max`, still counting them all; `sinceMs` leaves older ones out', () => {
    expect(speakerOrds({ ids, effectiveMs }, p, -Infinity, 2)).toEqual({ ords: [1, 3], total: 8, live: 5 });
    expect(speakerOrds({ ids, effectiveMs }, p, 30)).toEqual({ ords: [1, 3, 4], total: 6, live: 3 });
  });
});

describe('name postings', () => {
  it('spellings with the same folded form share one postings, found through the memos', () => {
    const table = new Map<string, Postings>();
    const memo = new Map<string, Postings>();
    const folds = new Map<string, string>();
    const a = namePostings(table, memo, folds, 'José Ruiz');
    const b = namePostings(table, memo, folds, 'JOSE RUIZ');
    expect(b).toBe(a);
    expect([...table.keys()]).toEqual([fold('José Ruiz')]);
    expect(foldedName(folds, 'José Ruiz')).toBe(fold('José Ruiz'));
    expect(memo.get('JOSE RUIZ')).toBe(a);
  });

  it('compaction drops dead ordinals, and postings left empty leave their table', () => {
    const names = new Map<string, Postings>();
    const speakers = new Map<string, Postings>();
    const memo = new Map<string, Postings>();
    const folds = new Map<string, string>();
    namePostings(names, memo, folds, 'Ana').add(0, 2);
    namePostings(names, memo, folds, 'Ana').add(3, 1);
    namePostings(names, memo, folds, 'Tom').add(1, 1);
    namePostings(speakers, new Map(), folds, 'Ana').add(1, 4);
    compactPostings([names, speakers], (ord) => ord !== 1);
    expect([...names.keys()]).toEqual([fold('Ana')]);
    const ana = names.get(fold('Ana'))!;
    expect([ana.n, [...ana.ords.subarray(0, ana.n)], [...ana.counts.subarray(0, ana.n)]]).toEqual([2, [0, 3], [2, 1]]);
    expect(speakers.size).toBe(0);
  });
});
