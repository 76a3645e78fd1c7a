import { describe, expect, it } from 'vitest';
import { byName, entities, surfaces } from './entities-helpers.js';

/** How the learned tagger's spans and the hand-written rules combine, on texts written for these tests. */
describe('entities with the NER model', () => {
  it('does not take an all-caps label for a name', () => {
    const list = entities('FULL TEXT: Read the statement here.\nThe minister, Kofi Mensah, spoke in Accra.');
    expect(list.some((e) => /FULL TEXT/.test(e.name))).toBe(false);
    expect(byName(list, 'Kofi Mensah')?.type).toBe('person');
  });

  it('reads a country in a results table bracket as the country, not the player', () => {
    const text = 'Results on Friday :\nMaria Lindqvist ( U.S. ) beat Paula Ortega ( Spain ) 6-4 6-2\nAnna Novak ( U.S. ) beat Yuki Sato ( Japan ) 7-5 6-3';
    const list = entities(text);
    expect(byName(list, 'United States')?.type).toBe('place');
    expect(list.filter((e) => e.type === 'person').map((e) => e.name)).toEqual(expect.arrayContaining(['Maria Lindqvist', 'Paula Ortega', 'Anna Novak', 'Yuki Sato']));
    expect(list.some((e) => e.type === 'person' && e.aliases.includes('U.S.'))).toBe(false);
  });

  it('gives a surname the type of the full name named before it', () => {
    const text = 'Prime Minister Rohan Mehta visited Glasgow on Monday. Mehta later met union leaders.';
    const e = byName(entities(text), 'Rohan Mehta');
    expect(e?.type).toBe('person');
    expect(surfaces(text, e)).toEqual(['Rohan Mehta', 'Mehta']);
    expect(e?.role).toBe('Prime Minister');
  });

  it('keeps a nationality as an alias of a named country and drops it otherwise', () => {
    const named = entities('Kenyan officials said Kenya would reopen the border.');
    expect(byName(named, 'Kenya')?.aliases).toContain('Kenyan');
    const alone = entities('The Kenyan runner won the race in Berlin on Sunday.');
    expect(alone.some((e) => e.type === 'place' && e.name === 'Kenya')).toBe(false);
    expect(byName(alone, 'Berlin')?.type).toBe('place');
  });
});
