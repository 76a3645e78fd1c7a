import { describe, expect, it } from 'vitest';
import { byName, entities } from './entities-helpers.js';

describe('entity precision on names that are not people', () => {
  it('does not call a company whose name ends like a firm a person', () => {
    const text = 'Shares in Lehman Brothers fell sharply on Monday. Analysts said Lehman Brothers would need new capital.';
    expect(byName(entities(text), 'Lehman Brothers')?.type).not.toBe('person');
  });

  it('types towers, caves and bases as places and weeklies as organizations', () => {
    const text = 'Protesters gathered outside Harbor Point Towers. The story was first reported by the Valley Weekly on Friday.';
    const list = entities(text);
    expect(byName(list, 'Harbor Point Towers')?.type).toBe('place');
    expect(byName(list, 'Valley Weekly')?.type).toBe('organization');
  });

  it('keeps a one-word name that the article also uses as an ordinary word out of people', () => {
    const text = 'Iodine is added to salt in many countries. Doctors say iodine protects children from goitre.';
    expect(entities(text).some((e) => e.type === 'person' && e.name === 'Iodine')).toBe(false);
  });

  it('still finds one-word people with a role', () => {
    const text = 'Senator Okafor said the bill would pass. Okafor thanked her staff.';
    expect(entities(text).find((e) => e.name.includes('Okafor'))?.type).toBe('person');
  });
});
