import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCore, type Core } from '../../src/app/build-core.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Reply } from '../../src/core/reply.js';
import { dictionaryAnalyzer, type DictEntry } from '../helpers/dictionary-analyzer.js';

const DICT: DictEntry[] = [
  { name: 'Freedonia', type: 'place', aliases: ['Freedonian', "Freedonia's"] },
  { name: 'Sylvania', type: 'place', aliases: ['Sylvanian'] },
  { name: 'Rufus Firefly', type: 'person', aliases: ['Firefly'], role: 'Prime Minister' },
  { name: 'Vera Trentino', type: 'person', aliases: ['Trentino'], role: 'Ambassador' },
  { name: 'Harbor Watch', type: 'organization' },
];

function article(title: string, date: string | null, body: string) {
  return JSON.stringify({ title, publishedAt: date, text: body });
}

let dir: string;
let core: Core;
const clock = fixedClock('2024-06-10T12:00:00Z');

async function run(name: string, args: string): Promise<Reply> {
  return core.router.run({ name, args, actor: { id: 'u1', isAdmin: false }, channel: 'console:test', platform: 'console' });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-brief-'));
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  writeFileSync(join(corpus, 'a-about.json'), article('Freedonia votes on new constitution', '2024-06-09', 'Freedonia held a referendum on Sunday. Freedonian voters backed the charter. "This is a new day for Freedonia," Firefly said. Freedonia\'s neighbours watched closely.'));
  writeFileSync(join(corpus, 'b-mention.json'), article('Sylvania trade figures rise', '2024-06-09', 'Sylvania reported higher exports. Sylvanian officials credited demand, including from Freedonia. "Trade is strong," Trentino said.'));
  writeFileSync(join(corpus, 'c-old.json'), article('Freedonia border talks stall', '2023-01-02', 'Talks between Freedonia and Sylvania stalled. Freedonia blamed Sylvania. Freedonian diplomats left early.'));
  writeFileSync(join(corpus, 'd-rights.json'), article('Harbor Watch report on detentions', '2024-06-08', 'Harbor Watch said human rights were under pressure. The human rights group urged restraint. "Release them," Harbor Watch said.'));
  core = await buildCore({ dbPath: join(dir, 'db.sqlite'), corpusDir: corpus, clock, analyze: dictionaryAnalyzer(DICT) });
});

afterEach(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const titles = (r: Reply) => r.sections.flatMap((s) => s.items ?? []).map((i) => i.title);

describe('/brief', () => {
  it('ranks the article about a place above one that mentions it once', async () => {
    const r = await run('brief', 'freedonia');
    expect(r.kind).toBe('answer');
    const t = titles(r);
    expect(t[0]).toBe('Freedonia votes on new constitution');
    expect(t.indexOf('Sylvania trade figures rise')).toBeGreaterThan(0);
  });

  it('finds a place by its demonym and possessive', async () => {
    for (const q of ['freedonian', "Freedonia's"]) {
      const t = titles(await run('brief', q));
      expect(t).toContain('Freedonia votes on new constitution');
    }
  });

  it('matches phrases and stemmed words', async () => {
    expect(titles(await run('brief', 'human rights'))).toEqual(['Harbor Watch report on detentions']);
    expect(titles(await run('brief', 'referendums'))).toContain('Freedonia votes on new constitution');
  });

  it('applies a time window', async () => {
    const t = titles(await run('brief', 'freedonia 30d'));
    expect(t).toContain('Freedonia votes on new constitution');
    expect(t).not.toContain('Freedonia border talks stall');
  });

  it('shows summary, quotes with speakers, sources with dates, who is involved and a footer', async () => {
    const r = await run('brief', 'freedonia');
    const top = r.sections[0].items![0];
    expect(top.summary).toMatch(/referendum/);
    expect(top.quotes?.[0]).toMatchObject({ speaker: 'Rufus Firefly' });
    expect(top.source).toBe('a-about.json');
    expect(top.date).toMatch(/^2024-06-09/);
    expect(r.intro).toMatch(/Who's involved: .*Rufus Firefly/);
    expect(r.footer).toMatch(/matching article/);
    expect(r.text).toContain('Freedonia votes on new constitution');
  });

  it('answers a miss with a friendly reply and close suggestions', async () => {
    const r = await run('brief', 'freedonya');
    expect(r.kind).toBe('empty');
    expect(r.sections.map((s) => s.text).join(' ')).toMatch(/Did you mean: .*Freedonia/);
  });

  it('says when a known topic was last in the news when the window leaves nothing, instead of offering spellings', async () => {
    // Trentino is quoted only on 9 June; the clock says 10 June 12:00, so the last 24 hours hold nothing.
    const r = await run('brief', 'Trentino 24h');
    expect(r.kind).toBe('empty');
    const hint = r.sections.map((s) => s.text).join(' ');
    expect(hint).toMatch(/The latest about it is from .*2024.*: try a longer window/);
    expect(hint).not.toMatch(/Did you mean/);
    // The same window on a misspelt name still offers the names it may mean.
    expect((await run('brief', 'freedonya 24h')).sections.map((s) => s.text).join(' ')).toMatch(/Did you mean: .*Freedonia/);
  });

  it('rejects empty and oversized topics politely', async () => {
    expect((await run('brief', '')).kind).toBe('error');
    expect((await run('brief', 'x'.repeat(5000))).kind).toBe('error');
  });
});

describe('story grouping in briefings', () => {
  it('shows an updated version of a story once, with both sources', async () => {
    const body = 'Freedonia held a referendum on Sunday. Freedonian voters backed the charter by a wide margin after a long and bitter campaign across the provinces. "This is a new day for Freedonia," Firefly said. Freedonia\'s neighbours watched closely as the results came in from the capital and the coast.';
    const dir2 = mkdtempSync(join(tmpdir(), 'newsdesk-group-'));
    writeFileSync(join(dir2, 'wire.json'), article('Freedonia votes yes', '2024-06-09T08:00:00Z', body));
    writeFileSync(join(dir2, 'update.json'), JSON.stringify({ title: 'Freedonia votes yes (updated)', publishedAt: '2024-06-09T18:00:00Z', url: 'https://news.example/freedonia-update', text: `${body} Turnout was put at 71 percent by the electoral commission late on Sunday evening.` }));
    const c2 = await buildCore({ dbPath: ':memory:', corpusDir: dir2, clock, analyze: dictionaryAnalyzer(DICT) });
    try {
      const r = await c2.router.run({ name: 'brief', args: 'freedonia', actor: { id: 'u', isAdmin: false }, channel: 'console:t', platform: 'console' });
      const items = r.sections[0].items!;
      expect(items).toHaveLength(1);
      expect(items[0].title).toBe('Freedonia votes yes (updated)');
      expect(items[0].source).toBe('news.example');
      expect(items[0].notes?.join(' ')).toMatch(/Also reported by: wire\.json/);
    } finally {
      await c2.close();
      rmSync(dir2, { recursive: true, force: true });
    }
  });
});

describe('/who', () => {
  it('answers with role, type, articles and quotes', async () => {
    const r = await run('who', 'firefly');
    expect(r.title).toBe('Rufus Firefly');
    expect(r.intro).toMatch(/Prime Minister \(Jun 2024\)/);
    const fields = r.sections[0].fields!.map((f) => `${f.label}: ${f.value}`).join('\n');
    expect(fields).toMatch(/Type: person/);
    expect(fields).toMatch(/Appears in: 1 article/);
    expect(r.sections.find((s) => s.heading === 'What they said')?.quotes?.[0].text).toMatch(/new day/);
  });

  it('offers disambiguation when a name matches several people', async () => {
    const dir3 = mkdtempSync(join(tmpdir(), 'newsdesk-costa-'));
    writeFileSync(join(dir3, 'a.json'), article('Minister resigns', '2024-06-01', 'Ana Costa resigned as finance minister on Monday. Costa said she had no regrets.'));
    writeFileSync(join(dir3, 'b.json'), article('Striker scores twice', '2024-06-02', 'Luis Costa scored twice for Northport. Luis Costa now has nine goals this season and Costa thanked the fans.'));
    const dict: DictEntry[] = [
      { name: 'Ana Costa', type: 'person', aliases: ['Costa'] },
      { name: 'Luis Costa', type: 'person', aliases: ['Costa'] },
    ];
    const c3 = await buildCore({ dbPath: ':memory:', corpusDir: dir3, clock, analyze: dictionaryAnalyzer(dict) });
    try {
      const r = await c3.router.run({ name: 'who', args: 'costa', actor: { id: 'u', isAdmin: false }, channel: 'console:t', platform: 'console' });
      const other = r.sections.find((s) => s.heading === 'Did you mean someone else?');
      expect([r.title, other?.text].join(' ')).toMatch(/Ana Costa/);
      expect([r.title, other?.text].join(' ')).toMatch(/Luis Costa/);
      const exact = await c3.router.run({ name: 'who', args: 'ana costa', actor: { id: 'u', isAdmin: false }, channel: 'console:t', platform: 'console' });
      expect(exact.title).toBe('Ana Costa');
    } finally {
      await c3.close();
      rmSync(dir3, { recursive: true, force: true });
    }
  });

  it('suggests close names for a typo and says nobody for an unknown name', async () => {
    const typo = await run('who', 'fierfly');
    expect(typo.kind).toBe('empty');
    expect(typo.sections[0].text).toMatch(/Rufus Firefly/);
    expect((await run('who', 'zebedee')).kind).toBe('empty');
  });
});

describe('/quotes and /topics', () => {
  it('lists quotes by a person and by topic', async () => {
    const byPerson = await run('quotes', 'trentino');
    expect(byPerson.sections[0].quotes?.[0]).toMatchObject({ speaker: 'Vera Trentino', text: expect.stringMatching(/Trade is strong/) });
    const byTopic = await run('quotes', 'human rights');
    expect(byTopic.sections[0].quotes?.map((q) => q.speaker)).toContain('Harbor Watch');
  });

  it('ranks the most-mentioned entities in the window with change vs the previous one', async () => {
    const r = await run('topics', '30d');
    expect(r.kind).toBe('answer');
    const labels = r.sections[0].fields!.map((f) => f.label);
    expect(labels[0]).toMatch(/^Freedonia/);
  });
});
