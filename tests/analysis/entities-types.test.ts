import { describe, expect, it } from 'vitest';
import { byName, entities, surfaces } from './entities-helpers.js';

describe('entity types from gazetteers and context', () => {
  it('types countries, cities and regions as places, never people', () => {
    const list = entities('Officials from Peru and Ghana met in Lima to discuss trade across Latin America.');
    for (const n of ['Peru', 'Ghana', 'Lima', 'Latin America']) expect(byName(list, n)?.type).toBe('place');
    expect(list.some((e) => e.type === 'person')).toBe(false);
  });

  it('never makes people of months, weekdays or title fragments', () => {
    const list = entities('Foreign Minister Daniela Ruiz spoke on Monday in September.');
    expect(list.filter((e) => e.type === 'person').map((e) => e.name)).toEqual(['Daniela Ruiz']);
  });

  it('uses organization suffixes and cue nouns', () => {
    const list = entities('Shares of Borealis Mining Corp. fell after the watchdog group Clean Rivers Alliance sued.');
    expect(byName(list, 'Borealis Mining Corp.')?.type).toBe('organization');
    expect(byName(list, 'Clean Rivers Alliance')?.type).toBe('organization');
  });

  it('tells Washington the place from Washington the person', () => {
    const text = 'Lawmakers in Washington debated the statue. George Washington owned the estate, and Washington later freed its workers.';
    const list = entities(text);
    expect(byName(list, 'George Washington')?.type).toBe('person');
    expect(surfaces(text, byName(list, 'George Washington'))).toEqual(['George Washington', 'Washington']);
    expect(byName(list, 'Washington')?.type).toBe('place');
    expect(surfaces(text, byName(list, 'Washington'))).toEqual(['Washington']);
  });

  it('tells Ford the company from Ford the person', () => {
    const company = entities('Ford recalled 40,000 pickups. Ford Motor Co. said dealers would fix them.');
    expect(company.filter((e) => /Ford/.test(e.name)).every((e) => e.type === 'organization')).toBe(true);
    const person = entities('Former president Gerald Ford died in 2006. Ford was 93.');
    expect(byName(person, 'Gerald Ford')?.type).toBe('person');
    expect(byName(person, 'Gerald Ford')?.mentions).toHaveLength(2);
  });

  it('keeps a type consistent through the document', () => {
    const text = 'Mr. Abara left early. Later, Abara returned with documents and Abara signed them.';
    const e = byName(entities(text), 'Abara');
    expect(e?.type).toBe('person');
    expect(e?.mentions).toHaveLength(3);
  });

  it('types events and laws as other', () => {
    const list = entities('Athletes prepared for the Summer Olympics while Congress debated the Clean Water Act.');
    expect(byName(list, 'Summer Olympics')?.type).toBe('other');
    expect(byName(list, 'Clean Water Act')?.type).toBe('other');
  });

  it('keeps demonyms as aliases of the place, not as people', () => {
    const list = entities('Ghanaian officials said Ghana would respond.');
    expect(byName(list, 'Ghana')?.aliases).toContain('Ghanaian');
    expect(list.some((e) => e.type === 'person')).toBe(false);
  });
});
