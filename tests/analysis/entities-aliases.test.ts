import { describe, expect, it } from 'vitest';
import { byName, entities, surfaces } from './entities-helpers.js';

describe('aliases and name coreference', () => {
  it('joins surnames and first names to the full name', () => {
    const text = 'Minister Halima Yusuf opened the clinic. Yusuf said it was overdue. Halima later toured the wards.';
    const e = byName(entities(text), 'Halima Yusuf');
    expect(e?.aliases).toEqual(expect.arrayContaining(['Yusuf', 'Halima']));
    expect(e?.mentions).toHaveLength(3);
  });

  it('folds accents and case', () => {
    const text = 'José Núñez won. Later Jose Nunez thanked fans, and NÚÑEZ waved.';
    const list = entities(text);
    const people = list.filter((e) => e.type === 'person');
    expect(people).toHaveLength(1);
    expect(people[0].mentions.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps two people who share a surname apart, and resolves the bare surname to the nearest', () => {
    const text = 'Carla Mendes won the race. Her brother Rui Mendes finished second. Mendes said he was proud.';
    const list = entities(text);
    expect(byName(list, 'Carla Mendes')).toBeDefined();
    expect(byName(list, 'Rui Mendes')).toBeDefined();
    expect(surfaces(text, byName(list, 'Rui Mendes'))).toEqual(['Rui Mendes', 'Mendes']);
    expect(surfaces(text, byName(list, 'Carla Mendes'))).toEqual(['Carla Mendes']);
  });

  it('maps acronyms to the expansion the text gives', () => {
    const text = 'The Revolutionary Armed Front (RAF) claimed the attack. Police said the RAF had warned them.';
    const e = byName(entities(text), 'Revolutionary Armed Front');
    expect(e?.aliases).toContain('RAF');
    expect(e?.mentions).toHaveLength(3);
  });

  it('maps abbreviations and demonyms of countries to one place', () => {
    const text = 'The U.S. envoy met American farmers. The United States will help.';
    const e = byName(entities(text), 'United States');
    expect(e?.aliases).toEqual(expect.arrayContaining(['U.S.', 'American']));
    expect(surfaces(text, e)).toEqual(['U.S.', 'United States']);
  });

  it('resolves "the group said" to the organization named just before', () => {
    const text = 'Open Harbor Network criticized the plan on Friday. The measure is unfair, the group said.';
    const e = byName(entities(text), 'Open Harbor Network');
    expect(surfaces(text, e)).toEqual(['Open Harbor Network', 'the group']);
    expect(e?.aliases).not.toContain('the group');
  });

  it('resolves a bare title to the person who holds it', () => {
    const text = 'President Amara Diallo flew home. The President later spoke to reporters.';
    const e = byName(entities(text), 'Amara Diallo');
    expect(surfaces(text, e)).toEqual(['Amara Diallo', 'President']);
  });

  it('keeps a person named inside a longer name as a nested mention', () => {
    const text = 'Lena Okafor founded a school. The Lena Okafor Foundation now runs it.';
    const list = entities(text);
    expect(byName(list, 'Lena Okafor Foundation')?.type).toBe('organization');
    expect(byName(list, 'Lena Okafor')?.mentions).toHaveLength(2);
  });

  it('joins a short form made of words of a longer name named before it', () => {
    const text = 'The Church of the Silver Dawn opened a school. Critics said the Church hid its finances, but the Church denied it.';
    const e = byName(entities(text), 'Church of the Silver Dawn');
    expect(e?.type).toBe('organization');
    expect(surfaces(text, e)).toEqual(['Church of the Silver Dawn', 'Church', 'Church']);
  });

  it('resolves "the North" to the one place whose name starts with it', () => {
    const text = 'Troops from North Macedonia arrived. Officials in the North welcomed them.';
    expect(surfaces(text, byName(entities(text), 'North Macedonia'))).toEqual(['North Macedonia', 'North']);
  });
});
