import { describe, expect, it } from 'vitest';
import { expandSurname, parseKnownPeople, surnameKey } from '../../src/analysis/entities/known-people.js';
import { byName, entities, surfaces } from './entities-helpers.js';

const REF = parseKnownPeople(
  [
    '# test reference',
    'okafor\tMaria Okafor\t40',
    'okafor\tJohn Okafor\t6',
    'okafor\tMaria L. Okafor\t5',
    'brandt\tPeter Brandt\t4',
    'brandt\tLena Brandt\t4',
    'vance\tPaul Vance\t2',
  ].join('\n'),
);

describe('surname expansion from the reference list', () => {
  it('expands a surname to the person who dominates it, variants counted together', () => {
    expect(expandSurname('Okafor', null, REF)).toBe('Maria Okafor');
  });

  it('rules out people of the other gender first ("Mr. Okafor" is John)', () => {
    expect(expandSurname('Okafor', 'm', REF)).toBe('John Okafor');
    expect(expandSurname('Okafor', 'f', REF)).toBe('Maria Okafor');
  });

  it('leaves a surname no single person dominates, or one seen too rarely', () => {
    expect(expandSurname('Brandt', null, REF)).toBeNull();
    expect(expandSurname('Vance', null, REF)).toBeNull();
    expect(expandSurname('Nobody', null, REF)).toBeNull();
  });

  it('lets a given name the article uses alone pick among namesakes', () => {
    expect(expandSurname('Brandt', null, REF, new Set(['lena']))).toBe('Lena Brandt');
    expect(expandSurname('Brandt', null, REF, new Set(['otto']))).toBeNull();
  });

  it('lists the name without middle initials as an alias, as most articles write it', () => {
    const text = 'Marcus T. Albright spoke first. Mr. Albright said the plan was sound.';
    expect(byName(entities(text), 'Marcus T. Albright')?.aliases).toEqual(expect.arrayContaining(['Albright', 'Marcus Albright']));
  });

  it('keys a name by its surname, past generational suffixes', () => {
    expect(surnameKey('Donald Trump Jr.')).toBe('trump');
    expect(surnameKey('Madonna')).toBeNull();
  });

  it('names the person an article calls only "Mr. Obama" with the full name, keeping the surname as an alias', () => {
    const text = 'Mr. Obama spoke at the summit on Tuesday. Mr. Obama said the talks went well, and he thanked the hosts.';
    const e = byName(entities(text), 'Barack Obama');
    expect(e?.type).toBe('person');
    expect(e?.aliases).toContain('Obama');
  });

  it('does not rename a surname when the article names that person in full elsewhere as someone else', () => {
    const text = 'Barack Obama visited the school. Later Michelle Obama spoke. Mrs. Obama said she was moved.';
    const list = entities(text);
    expect(list.filter((e) => e.name === 'Barack Obama')).toHaveLength(1);
  });
});

describe('name boundaries between an organization and a person', () => {
  it('splits an organization, an office word and a person written as one run', () => {
    const text = 'Senator Ruth Adler grilled Wells Harbor CEO John Kessler on Tuesday. Kessler said the bank had fired 5,300 workers.';
    const list = entities(text);
    expect(surfaces(text, byName(list, 'John Kessler'))).toEqual(['John Kessler', 'Kessler']);
    const other = 'Lawmakers questioned Morgan Tate Director Paul Hensley about the leak. Hensley said he regretted it.';
    expect(surfaces(other, byName(entities(other), 'Paul Hensley'))).toEqual(['Paul Hensley', 'Hensley']);
  });

  it('keeps a title made of office and place words with the name', () => {
    const text = 'Vice President Joe Biden arrived in Ohio. Biden said the plant would reopen.';
    const list = entities(text);
    expect(byName(list, 'Joe Biden')?.role).toMatch(/Vice President/);
    expect(list.some((e) => e.name === 'Vice')).toBe(false);
  });

  it('separates a surname glued to a newspaper name from the paper', () => {
    const text = 'Maria Okafor runs the firm. In an interview with the Lakeside Post Okafor said prices would fall.';
    const list = entities(text);
    expect(surfaces(text, byName(list, 'Maria Okafor'))).toEqual(['Maria Okafor', 'Okafor']);
    expect(list.some((e) => /Post Okafor/.test(e.name))).toBe(false);
  });
});

describe('gender when a surname joins its full name', () => {
  it('ignores a sentence whose pronouns are of both genders', () => {
    const text = 'Officer Karen Whitfield fired twice. Whitfield said he refused to follow her commands. Whitfield was placed on leave.';
    const list = entities(text);
    expect(surfaces(text, byName(list, 'Karen Whitfield'))).toEqual(['Karen Whitfield', 'Whitfield', 'Whitfield']);
  });

  it('keeps a bare surname with the other gender\'s pronoun apart when the reference knows such a person', () => {
    const text = 'Bill Clinton attended the dinner. Clinton wrote that her doctor had advised rest.';
    const list = entities(text);
    expect(surfaces(text, byName(list, 'Bill Clinton'))).toEqual(['Bill Clinton']);
    expect(surfaces(text, byName(list, 'Hillary Clinton'))).toEqual(['Clinton']);
  });

  it('trusts the article\'s pronouns over a given name\'s listed gender when nobody else fits', () => {
    const text = 'Sen. Lindsey Harlow spoke on Thursday. Harlow said his bill would pass. Harlow has long backed it, which makes him an outlier.';
    const list = entities(text);
    expect(surfaces(text, byName(list, 'Lindsey Harlow'))).toEqual(['Lindsey Harlow', 'Harlow', 'Harlow']);
  });
});

describe('organization short forms and names with titles', () => {
  it('joins "The Tribune" to the paper named in full before it', () => {
    const text = 'The Lakeside Tribune reported the deal on Monday. The Tribune said the mayor had signed it.';
    const e = entities(text).find((x) => x.name.includes('Lakeside Tribune'));
    expect(surfaces(text, e)).toEqual(['Lakeside Tribune', 'Tribune']);
  });

  it('does not make a person of an organization whose name starts with a modifier and a given name', () => {
    const text = 'Dana Morrow, who leads the National Urban League, spoke first. The National Urban League endorsed the plan.';
    expect(entities(text).some((e) => e.type === 'person' && /League/.test(e.name))).toBe(false);
  });

  it('keeps "for a" inside an organization\'s name', () => {
    const text = 'The Council for a Fair Economy reported that the plan would cost $150 billion.';
    expect(entities(text).some((e) => e.name === 'Council for a Fair Economy')).toBe(true);
  });

  it('reads "Mr. King" as a man called King, joined to his full name', () => {
    const text = 'Charles King, a civil rights leader, met the mayor. "It was a good meeting," Mr. King said.';
    expect(surfaces(text, byName(entities(text), 'Charles King'))).toEqual(['Charles King', 'King']);
  });
});

describe('transcript speaker labels', () => {
  it('makes a repeated all-capitals line label a person', () => {
    const text = [
      'MARLOWE: Welcome back. Governor, thank you for joining us.',
      'KESTREL: Thank you for having me.',
      'MARLOWE: Let us start with the budget. Will it pass?',
      'KESTREL: I believe it will.',
    ].join('\n');
    const list = entities(text);
    const m = list.find((e) => e.name.toLowerCase() === 'marlowe');
    expect(m?.type).toBe('person');
    expect(m?.mentions).toHaveLength(2);
  });

  it('does not make a repeated heading a person', () => {
    const text = ['UPDATE: The vote was delayed.', 'The update came late.', 'UPDATE: The vote passed.'].join('\n');
    expect(entities(text).some((e) => e.type === 'person' && /update/i.test(e.name))).toBe(false);
  });
});

describe('roles with abbreviated titles', () => {
  it('spells out an abbreviated title so "the senator" can find the person titled "Sen."', () => {
    const text = 'Vermont Sen. Mara Quill spoke on Monday. Quill said the bill was dead.';
    const e = byName(entities(text), 'Mara Quill');
    expect(e?.role).toBe('Vermont Senator');
    expect(e?.roles.map((r) => text.slice(r.span[0], r.span[1]))).toEqual(['Vermont Sen.']);
  });
});

describe('places named after people', () => {
  it('never makes a county named like a person a mention of that person', () => {
    const text = 'Filmmaker Michael Moore spoke in Moore County on Tuesday. Moore said the county had changed. Voters in Moore County disagreed.';
    const list = entities(text);
    expect(surfaces(text, byName(list, 'Michael Moore'))).toEqual(['Michael Moore', 'Moore']);
    expect(list.find((e) => e.name === 'Moore County')?.type).not.toBe('person');
  });
});
