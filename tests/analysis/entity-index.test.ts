import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/analysis/analyze-article.js';
import { buildEntityIndex, indexEntitiesOf } from '../../src/analysis/entity-index/build-entity-index.js';
import { LiveEntityIndex } from '../../src/analysis/entity-index/live-entity-index.js';
import type { IndexDoc } from '../../src/analysis/entity-index/types.js';
import type { ArticleEntity } from '../../src/analysis/types.js';

function doc(id: string, text: string, publishedAt: string | null = null, byline: string[] = []): IndexDoc {
  return { id, title: id, publishedAt, analysis: analyzeArticle({ text, title: null, byline, publishedAt }) };
}

/** A hand-made article analysis, for cases the extractor should not decide. */
function raw(id: string, entities: Partial<ArticleEntity>[], publishedAt: string | null = null): IndexDoc {
  const full = entities.map((e) => ({ role: null, roles: [], aliases: [], mentions: [[0, 1]], kind: 'subject', type: 'person', ...e }) as ArticleEntity);
  return { id, title: id, publishedAt, analysis: { entities: full, quotes: [], summary: [] } };
}

const corpus = [
  doc('a1', 'Foreign Minister Teodora Vukic visited Peru on Monday. Vukic met farmers.', '2021-03-02'),
  doc('a2', 'Prime Minister Teodora Vukic rejected the plan. The Peruvian delegation left Lima, Peru.', '2023-06-10'),
  doc('a3', 'Vukic said the talks would resume in Peru.', '2023-07-01', ['Sam Reyes']),
];

describe('buildEntityIndex', () => {
  const index = buildEntityIndex(corpus);

  it('merges one person across articles, with a bare surname joining the full name', () => {
    const [e] = index.lookup('teodora vukic');
    expect(e.type).toBe('person');
    expect(e.articleIds).toEqual(['a1', 'a2', 'a3']);
    expect(index.lookup('Vukic')).toEqual([e]);
    expect(e.mentionCount).toBeGreaterThanOrEqual(4);
  });

  it('records dated roles so a role change is visible', () => {
    const [e] = index.lookup('vukic');
    expect(e.roles.map((r) => [r.role, r.date])).toEqual([
      ['Foreign Minister', '2021-03-02'],
      ['Prime Minister', '2023-06-10'],
    ]);
  });

  it('finds places by demonym and folds case and accents', () => {
    const [peru] = index.lookup('PERUVIAN');
    expect(peru.name).toBe('Peru');
    expect(peru.articleIds).toEqual(['a1', 'a2', 'a3']);
    expect(index.lookup('Perú')).toEqual([peru]);
  });

  it('suggests names for typos and prefixes', () => {
    expect(index.suggest('vukik', 3)[0]?.name).toBe('Teodora Vukic');
    expect(index.suggest('teod', 3)[0]?.name).toBe('Teodora Vukic');
    expect(index.suggest('zzzzzz', 3)).toEqual([]);
  });

  it('counts co-occurring entities', () => {
    const [e] = index.lookup('vukic');
    expect(e.cooccurring.find((c) => c.name === 'Peru')).toMatchObject({ type: 'place', count: 3 });
  });

  it('keeps bylines out of subject lookup', () => {
    expect(index.lookup('Sam Reyes')).toEqual([]);
    expect(index.all().some((e) => e.name === 'Sam Reyes')).toBe(false);
    expect(index.bylines().map((e) => e.name)).toEqual(['Sam Reyes']);
  });

  it('gets entities by id', () => {
    const [e] = index.lookup('vukic');
    expect(index.get(e.id)).toBe(e);
    expect(index.get('nope')).toBeUndefined();
  });

  it('keeps different people who share a surname apart and reports ambiguity', () => {
    const idx = buildEntityIndex([
      raw('b1', [{ name: 'Omar Haddad', aliases: ['Haddad'] }]),
      raw('b2', [{ name: 'Lina Haddad', aliases: ['Haddad'] }]),
      raw('b3', [{ name: 'Haddad' }]),
    ]);
    expect(idx.lookup('omar haddad')).toHaveLength(1);
    expect(idx.lookup('lina haddad')).toHaveLength(1);
    expect(idx.lookup('omar haddad')[0]).not.toBe(idx.lookup('lina haddad')[0]);
    // The bare surname cannot be resolved, so lookup returns every candidate.
    expect(idx.lookup('haddad').length).toBeGreaterThanOrEqual(3);
  });

  it('merges an acronym with the organization another article expanded it to', () => {
    const idx = buildEntityIndex([
      raw('c1', [{ name: 'Coastal Defence League', type: 'organization', aliases: ['CDL'] }]),
      raw('c2', [{ name: 'CDL', type: 'organization' }]),
    ]);
    const [e] = idx.lookup('cdl');
    expect(e.name).toBe('Coastal Defence League');
    expect(e.articleIds).toEqual(['c1', 'c2']);
  });

  it('is fast: thousands of articles build quickly and lookups take microseconds', () => {
    const docs: IndexDoc[] = [];
    for (let i = 0; i < 10_000; i++) {
      docs.push(raw(`d${i}`, [
        { name: `Person${i % 500} Surname${i % 700}` },
        { name: `Place${i % 300}`, type: 'place' },
        { name: `Org${i % 200} Group`, type: 'organization' },
      ]));
    }
    let t = performance.now();
    const idx = buildEntityIndex(docs);
    expect(performance.now() - t).toBeLessThan(3000);
    t = performance.now();
    for (let i = 0; i < 1000; i++) idx.lookup(`place${i % 300}`);
    expect((performance.now() - t) / 1000).toBeLessThan(0.1);
  });
});

describe('LiveEntityIndex: updated in place', () => {
  const docs = [
    raw('q1', [{ name: 'Marta Quill', aliases: ['Quill'] }, { name: 'Oskar Quill', aliases: ['Quill'] }]),
    raw('q2', [{ name: 'Marta Quill', aliases: ['Quill'], roles: [{ role: 'Mayor', span: [0, 1] }] }], '2024-01-02'),
    raw('q3', [{ name: 'Quill', type: 'other' }, { name: 'Harbour Trust', type: 'organization', aliases: ['HT'] }]),
    raw('q4', [{ name: 'Oskar Quill', aliases: ['Quill'] }, { name: 'HT', type: 'organization' }]),
    raw('q5', [{ name: 'Oskar Quill', aliases: ['Quill'] }]),
  ];
  /** What a lookup shows, for comparing two indexes. */
  const view = (idx: LiveEntityIndex, q: string) => idx.lookup(q).map((e) => ({ name: e.name, type: e.type, articles: e.articleIds, mentions: e.mentionCount, roles: e.roles.map((r) => r.role) }));
  const queries = ['quill', 'marta quill', 'oskar quill', 'harbour trust', 'ht', 'mayor'];

  it('adding articles one by one answers as a build from scratch does, whatever the order', () => {
    const built = buildEntityIndex(docs);
    const live = new LiveEntityIndex();
    [...docs].reverse().forEach((d, i) => {
      live.add(i, d.id, d.publishedAt, indexEntitiesOf(d.analysis));
      live.lookup('quill'); // read between additions: caches must follow
    });
    for (const q of queries) {
      expect(view(live, q).map((e) => ({ ...e, articles: [...e.articles].sort() }))).toEqual(view(built, q).map((e) => ({ ...e, articles: [...e.articles].sort() })));
    }
  });

  it('removing an article updates counts, roles and bare-name resolution as if it had never been added', () => {
    const live = buildEntityIndex(docs);
    live.remove(1); // q2: Marta's only role and one of her articles
    const without = buildEntityIndex(docs.filter((d) => d.id !== 'q2'));
    for (const q of queries) expect(view(live, q)).toEqual(view(without, q));
    expect(live.lookup('marta quill')[0].roles).toEqual([]);
  });

  it('a bare name whose article was removed is looked up and suggested as if that article had never been added', () => {
    const live = buildEntityIndex(docs);
    live.remove(2); // q3: the only article with the bare name "Quill" as an entity of its own
    const without = buildEntityIndex(docs.filter((d) => d.id !== 'q3'));
    for (const q of queries) expect(view(live, q)).toEqual(view(without, q));
    expect(live.suggest('quil', 5).map((e) => e.name)).toEqual(without.suggest('quil', 5).map((e) => e.name));
  });

  it('a changed article comes back under a new ordinal', () => {
    const live = buildEntityIndex(docs);
    live.remove(0);
    live.add(docs.length, 'q1', null, indexEntitiesOf(raw('q1', [{ name: 'Marta Quill' }]).analysis));
    expect(live.lookup('oskar quill')[0].articleIds).toEqual(['q4', 'q5']);
    expect(live.lookup('marta quill')[0].articleIds).toEqual(['q2', 'q1']);
    expect(() => live.add(docs.length, 'again', null, [])).toThrow(RangeError);
  });

  it('autocompletes from group totals, most mentioned first', () => {
    const live = buildEntityIndex(docs);
    expect(live.complete('qu', () => true, 5)).toEqual(['Oskar Quill', 'Marta Quill']);
    expect(live.complete('har', (t) => t === 'person', 5)).toEqual([]);
  });
});
