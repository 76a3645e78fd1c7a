import { describe, expect, it } from 'vitest';
import { byName, entities, surfaces } from './entities-helpers.js';

describe('capitalized-sequence chunking', () => {
  it('finds a name at the start of a sentence when the document confirms it', () => {
    const text = 'Okonkwo arrived late. Reporters asked whether Chidi Okonkwo would resign.';
    const e = byName(entities(text), 'Chidi Okonkwo');
    expect(e?.type).toBe('person');
    expect(surfaces(text, e)).toEqual(['Okonkwo', 'Chidi Okonkwo']);
  });

  it('drops capitalized ordinary words at the start of a sentence', () => {
    const list = entities('Inflation rose again. Analysts blamed inflation on energy prices in Germany.');
    expect(list.map((e) => e.name)).toEqual(['Germany']);
  });

  it('cuts months, weekdays and function words off names', () => {
    const list = entities('On Tuesday the Senate met. In March Priya Raman spoke in Nairobi.');
    const names = list.map((e) => e.name);
    expect(names).toContain('Priya Raman');
    expect(names).toContain('Nairobi');
    expect(names.some((n) => /Tuesday|March|On |In /.test(n))).toBe(false);
  });

  it('keeps particles inside names', () => {
    const text = 'Crown Prince Faisal bin Rashid met Ursula van der Berg and Pilar de la Cruz in Madrid.';
    const names = entities(text).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Faisal bin Rashid', 'Ursula van der Berg', 'Pilar de la Cruz', 'Madrid']));
  });

  it('keeps hyphenated names whole', () => {
    const text = 'Jean-Pierre Dubois-Martin said the plan had failed. Dubois-Martin left.';
    const e = byName(entities(text), 'Jean-Pierre Dubois-Martin');
    expect(e?.type).toBe('person');
    expect(e?.mentions).toHaveLength(2);
  });

  it('joins "of" inside organization and place names but not between names', () => {
    const names = entities('The Bank of Portugal and the Gulf of Aden were mentioned by Maria Costa of Lisbon.').map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Bank of Portugal', 'Gulf of Aden', 'Maria Costa', 'Lisbon']));
    expect(names).not.toContain('Maria Costa of Lisbon');
  });

  it('only accepts known names in headline-case lines', () => {
    const text = 'Farmers Protest New Tariffs As Talks With Kenya Stall\nFarmers in Kenya protested new tariffs on Friday, said Wanjiru Kamau.';
    const list = entities(text);
    const names = list.map((e) => e.name);
    expect(names).not.toContain('Farmers Protest New Tariffs');
    expect(names).not.toContain('Talks');
    expect(surfaces(text, byName(list, 'Kenya'))).toEqual(['Kenya', 'Kenya']);
  });

  it('handles an all-caps line the same way', () => {
    const text = 'STRIKE HITS PORTS IN CHILE\nDockworkers in Chile walked out.';
    const list = entities(text);
    expect(surfaces(text, byName(list, 'Chile'))).toEqual(['CHILE', 'Chile']);
    expect(list.map((e) => e.name)).not.toContain('STRIKE HITS PORTS');
  });

  it('splits a possessive off the name', () => {
    const text = "Peru's president visited Tomas Ortega's farm.";
    const list = entities(text);
    expect(surfaces(text, byName(list, 'Peru'))).toEqual(['Peru']);
    expect(byName(list, 'Peru')?.aliases).toContain("Peru's");
    expect(byName(list, 'Tomas Ortega')).toBeDefined();
  });
});
