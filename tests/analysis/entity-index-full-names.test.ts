import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/analysis/analyze-article.js';
import { buildEntityIndex } from '../../src/analysis/entity-index/build-entity-index.js';
import type { IndexDoc } from '../../src/analysis/entity-index/types.js';
import type { ArticleEntity } from '../../src/analysis/types.js';

function doc(id: string, text: string): IndexDoc {
  return { id, title: id, publishedAt: null, analysis: analyzeArticle({ text, title: null, byline: [], publishedAt: null }) };
}

/** A hand-made article analysis: persons with the aliases given. */
function raw(id: string, entities: { name: string; aliases?: string[] }[]): IndexDoc {
  const full = entities.map((e) => ({ type: 'person', kind: 'subject', role: null, roles: [], mentions: [[0, 1]], aliases: [], ...e }) as ArticleEntity);
  return { id, title: id, publishedAt: null, analysis: { entities: full, quotes: [], summary: [] } };
}

describe('a full name with a middle initial joins the name without it', () => {
  // One newspaper writes the middle initial, the others do not; a namesake shares the surname.
  const index = buildEntityIndex([
    doc('o1', 'Senator Marla Osterhaus criticised the budget on Tuesday. Osterhaus said the plan would fail.'),
    doc('o2', 'Marla Osterhaus visited a factory in Dayton and spoke to workers about wages.'),
    doc('o3', 'Marla K. Osterhaus, a senator from Ohio, criticised the budget again. Osterhaus said it was reckless.'),
    doc('o4', 'Peter Osterhaus opened a bakery in Toledo. Osterhaus said bread prices had doubled.'),
  ]);

  it('answers either spelling with one entity holding every article', () => {
    const [e, ...rest] = index.lookup('Marla Osterhaus');
    expect(rest).toEqual([]);
    expect(e.name).toBe('Marla Osterhaus');
    expect(e.articleIds).toEqual(['o1', 'o2', 'o3']);
    expect(e.aliases).toContain('Marla K. Osterhaus');
    expect(index.lookup('Marla K. Osterhaus')).toEqual([e]);
    expect(index.all().map((x) => x.name)).not.toContain('Marla K. Osterhaus');
  });

  it('keeps the namesake apart, and a bare surname in the initial-spelling article means the joined person', () => {
    expect(index.lookup('Peter Osterhaus').map((x) => x.articleIds)).toEqual([['o4']]);
    const bare = index.lookup('Osterhaus');
    expect(bare.map((x) => x.name).sort()).toEqual(['Marla Osterhaus', 'Peter Osterhaus']);
  });
});

describe('joining by a full-name alias', () => {
  it('goes only towards the group with more articles (the name most articles use)', () => {
    const index = buildEntityIndex([
      raw('p1', [{ name: 'Dana R. Pike', aliases: ['Pike', 'Dana Pike'] }]),
      raw('p2', [{ name: 'Dana R. Pike', aliases: ['Pike', 'Dana Pike'] }]),
      raw('p3', [{ name: 'Dana Pike' }]),
    ]);
    // "Dana Pike" (1 article) does not list "Dana R. Pike" as an alias, and the bigger one does not join the smaller.
    expect(index.lookup('Dana R. Pike').map((e) => [e.name, e.articleIds])).toEqual([['Dana R. Pike', ['p1', 'p2']]]);
    expect(index.get('person:dana pike')?.articleIds).toEqual(['p3']);
  });

  it('does not join when the alias names two bigger people', () => {
    const index = buildEntityIndex([
      raw('q1', [{ name: 'Lee J. Hart', aliases: ['Lee Hart', 'Jo Hart'] }]),
      raw('q2', [{ name: 'Lee Hart' }]),
      raw('q3', [{ name: 'Lee Hart' }]),
      raw('q4', [{ name: 'Jo Hart' }]),
      raw('q5', [{ name: 'Jo Hart' }]),
    ]);
    expect(index.lookup('Lee J. Hart').map((e) => [e.name, e.articleIds])).toEqual([['Lee J. Hart', ['q1']]]);
    expect(index.lookup('Lee Hart').map((e) => e.articleIds).sort()).toEqual([['q1'], ['q2', 'q3']]);
  });

  it('follows a chain of joins to the biggest group, without looping when two groups name each other', () => {
    const index = buildEntityIndex([
      raw('r1', [{ name: 'Ann B. C. Dunn', aliases: ['Ann B. Dunn'] }]),
      raw('r2', [{ name: 'Ann B. Dunn', aliases: ['Ann Dunn', 'Ann B. C. Dunn'] }]),
      raw('r3', [{ name: 'Ann B. Dunn' }]),
      raw('r4', [{ name: 'Ann Dunn', aliases: ['Ann B. Dunn'] }]),
      raw('r5', [{ name: 'Ann Dunn' }]),
      raw('r6', [{ name: 'Ann Dunn' }]),
    ]);
    const [e, ...rest] = index.lookup('Ann B. C. Dunn');
    expect(rest).toEqual([]);
    expect([e.name, e.articleIds]).toEqual(['Ann Dunn', ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']]);
    expect(index.lookup('Ann B. Dunn')).toEqual([e]);
    expect(index.all().map((x) => x.name)).toEqual(['Ann Dunn']);
  });
});
