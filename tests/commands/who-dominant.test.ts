import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntityIndex } from '../../src/analysis/entity-index/build-entity-index.js';
import type { IndexDoc } from '../../src/analysis/entity-index/types.js';
import type { ArticleEntity } from '../../src/analysis/types.js';
import { buildCore, type Core } from '../../src/app/build-core.js';
import { buildWhoProfile, rankMatches } from '../../src/briefing/who-profile.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Reply } from '../../src/core/reply.js';
import { dictionaryAnalyzer, type DictEntry } from '../helpers/dictionary-analyzer.js';

/** A hand-made analysed article: the index is tested apart from the extractor. */
function raw(id: string, entities: Partial<ArticleEntity>[]): IndexDoc {
  const full = entities.map((e) => ({ role: null, roles: [], aliases: [], mentions: [[0, 1]], kind: 'subject', type: 'person', ...e }) as ArticleEntity);
  return { id, title: id, publishedAt: null, analysis: { entities: full, quotes: [], summary: [] } };
}

describe('a surname alone answers the person the corpus talks about most', () => {
  const docs: IndexDoc[] = [
    raw('a1', [{ name: 'Marta Quill', aliases: ['Quill'] }, { name: 'Oskar Quill', aliases: ['Quill'] }]),
    raw('a2', [{ name: 'Marta Quill', aliases: ['Quill'] }]),
    raw('a3', [{ name: 'Marta Quill', aliases: ['Quill'] }, { name: 'Quill County', type: 'place' }]),
    raw('a4', [{ name: 'Quill', type: 'other', mentions: [[0, 1], [5, 6]] }]),
    raw('a5', [{ name: 'Oskar Quill', aliases: ['Quill'] }]),
    raw('a6', [{ name: 'Marta Quill', aliases: ['Quill', 'Marta'] }]),
  ];
  const index = buildEntityIndex(docs);

  it('ranks the person named in more articles first and keeps the other as an alternative', () => {
    const ranked = rankMatches(index.lookup('quill'), 'quill');
    expect(ranked[0].name).toBe('Marta Quill');
    expect(ranked.map((e) => e.name)).toContain('Oskar Quill');
    expect(rankMatches(index.lookup('marta'), 'marta')[0].name).toBe('Marta Quill');
  });

  it('a full name typed out wins over the dominant surname holder', () => {
    expect(rankMatches(index.lookup('oskar quill'), 'oskar quill')[0].name).toBe('Oskar Quill');
  });

  it('a bare surname in an article without a full name joins the dominant person', () => {
    const marta = index.lookup('marta quill')[0];
    expect(marta.articleIds).toContain('a4');
    expect(index.lookup('oskar quill')[0].articleIds).not.toContain('a4');
  });

  it('never merges a place that shares the surname with the person', () => {
    const place = index.lookup('quill county')[0];
    expect(place.type).toBe('place');
    expect(index.lookup('marta quill')[0].aliases).not.toContain('Quill County');
  });
});

describe('/who lists every article and the chat reply shows five', () => {
  // The dictionary stand-in matches surface forms anywhere, so the two people here share no form.
  const DICT: DictEntry[] = [
    { name: 'Marta Quill', type: 'person', role: 'Harbour Commissioner' },
    { name: 'Oskar Lind', type: 'person' },
  ];
  let dir: string;
  let core: Core;
  const run = (args: string): Promise<Reply> => core.router.run({ name: 'who', args, actor: { id: 'u', isAdmin: false }, channel: 'console:t', platform: 'console' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-who-'));
    for (let i = 1; i <= 7; i++) {
      const body = `Marta Quill inspected pier ${i} on Monday. "The pier ${i} repairs are finished ahead of the storm season," Marta Quill said.`;
      writeFileSync(join(dir, `m${i}.json`), JSON.stringify({ title: `Pier ${i} reopens`, publishedAt: `2024-05-0${i}`, text: body }));
    }
    writeFileSync(join(dir, 'o1.json'), JSON.stringify({ title: 'Bakery opens', publishedAt: '2024-05-09', text: 'Oskar Lind opened a bakery. "Bread at dawn, every day of the week," Oskar Lind said.' }));
    core = await buildCore({ dbPath: ':memory:', corpusDir: dir, clock: fixedClock('2024-06-10T12:00:00Z'), analyze: dictionaryAnalyzer(DICT) });
  });

  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows what the person said, with the speaker', async () => {
    const r = await run('marta quill');
    expect(r.title).toBe('Marta Quill');
    expect(r.sections.find((s) => s.heading === 'What they said')?.quotes?.[0].speaker).toBe('Marta Quill');
  });

  it('shows five articles and says how many more there are', async () => {
    const r = await run('marta quill');
    const list = r.sections.find((s) => s.heading === 'Latest articles');
    expect(list?.items).toHaveLength(5);
    expect(r.sections.some((s) => s.text === 'and 2 more articles')).toBe(true);
  });

  it('the profile behind who --json keeps every article', async () => {
    expect((await buildWhoProfile(core.corpus, 'marta quill')).articles).toHaveLength(7);
    const three = await buildWhoProfile(core.corpus, 'marta quill', { maxArticles: 3 });
    expect(three.articles).toHaveLength(3);
    expect(three.articleCount).toBe(7);
  });
});
