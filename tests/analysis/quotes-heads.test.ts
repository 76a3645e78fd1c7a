import { describe, expect, it } from 'vitest';
import { entityGender } from '../../src/analysis/quotes/agreement.js';
import { containing, entity, quotes } from '../helpers/quote-fixtures.js';

/** The name behind an attribution, shown or not: these tests are about which entity the phrase is. */
function named(text: string, words: string, entities: Parameters<typeof quotes>[1]): string | null | undefined {
  const q = containing(quotes(text, entities), words);
  return q?.speaker ?? q?.speakerGuess;
}

describe('a source phrase is the person at its head, not the places and offices in its modifiers', () => {
  it('"<Person> of <State> said": the person, not the state', () => {
    const text = 'The committee met on Tuesday. "We are not going to rush this bill through," Harold P. Wexley of Nebraska said after the meeting.';
    const ents = [entity(text, 'Harold P. Wexley', 'person'), entity(text, 'Nebraska', 'place')];
    expect(named(text, 'rush this bill', ents)).toBe('Harold P. Wexley');
  });

  it('"<Person>, Democrat of <State>, said": the person, not the state', () => {
    const text = 'The vote was delayed. "The votes are simply not there yet," said Miriam Toller, Democrat of Oregon, in a statement.';
    const ents = [entity(text, 'Miriam Toller', 'person'), entity(text, 'Oregon', 'place')];
    expect(named(text, 'simply not there', ents)).toBe('Miriam Toller');
  });

  it('"<Person>, the foreign minister of <Country>, said": the person, not the country', () => {
    const text = 'Talks resumed on Monday. "We will stand with our partners until the end," Luc-Henri Davoust, the foreign minister of Belgium, said.';
    const ents = [entity(text, 'Luc-Henri Davoust', 'person'), entity(text, 'Belgium', 'place')];
    expect(named(text, 'stand with our partners', ents)).toBe('Luc-Henri Davoust');
  });

  it('"<Person>\'s campaign manager <Name> said": the manager, not the candidate', () => {
    const text = 'The race tightened. "We will win this state by ten points," Vera Castellano\'s campaign manager Tobias Renwick said on a call.';
    const ents = [entity(text, 'Vera Castellano', 'person'), entity(text, 'Tobias Renwick', 'person')];
    expect(named(text, 'ten points', ents)).toBe('Tobias Renwick');
  });
});

describe('names with initials and a bracket after them', () => {
  it('keeps the initials of "Rep. J.R. Okonkwo said" in the speaker', () => {
    const text = 'The caucus met on Friday. "This is a fight worth having," Rep. J.R. Okonkwo said at a news conference.';
    expect(named(text, 'fight worth having', [entity(text, 'J.R. Okonkwo', 'person')])).toBe('J.R. Okonkwo');
  });

  it('reads "said Rep. J.R. Okonkwo (D-Ore.), head of the caucus" as the inverted subject', () => {
    const text = 'The caucus met on Friday.\n"This is a sad day for the country," said Rep. J.R. Okonkwo (D-Ore.), head of the caucus. "We will vote no."';
    expect(named(text, 'sad day', [entity(text, 'J.R. Okonkwo', 'person')])).toBe('J.R. Okonkwo');
  });
});

describe('gender from the article beats the given-name list', () => {
  const text = [
    'Aung Mya Thein arrived in Oslo on Monday, a year after she left office.',
    'Aung Mya Thein said she would meet the king, and Aung Mya Thein told reporters she was hopeful.',
  ].join(' ');

  it('takes "she" tied to the person\'s own mentions over a first name listed as male', () => {
    const e = entity(text, 'Aung Mya Thein', 'person');
    // "Aung" is listed male; three "she" right after her own name say otherwise.
    expect(entityGender(e, text, { f: 3, m: 0 })).toBe('f');
    expect(entityGender(e, text)).toBe('m');
  });

  it('keeps the listed gender when the pronoun votes are few or mixed', () => {
    const e = entity('Peter Holm spoke.', 'Peter Holm', 'person');
    expect(entityGender(e, 'Peter Holm spoke.', { f: 1, m: 0 })).toBe('m');
    expect(entityGender(e, 'Peter Holm spoke.', { f: 2, m: 2 })).toBe('m');
  });

  it('an honorific next to the person\'s own mention beats the list', () => {
    const t = 'Ms. Aung Mya Thein spoke. Ms. Aung Mya Thein left.';
    expect(entityGender(entity(t, 'Aung Mya Thein', 'person'), t)).toBe('f');
  });

  it('resolves "she" to her in a story, not to a place named last', () => {
    const story = `${text} Officials on Capitol Hill praised the visit. "Unity also means prosperity for all of us," she said.`;
    const ents = [entity(story, 'Aung Mya Thein', 'person'), entity(story, 'Lars Moen', 'person'), entity(story, 'Capitol Hill', 'place')];
    expect(named(story, 'Unity also means', ents)).toBe('Aung Mya Thein');
  });
});

describe('a definite role noun is a mention of the person holding the role', () => {
  it('"The president\'s roots… he told" reaches the president, not the aide who was the last named subject', () => {
    const text = [
      'President Samuel Okafor spoke in Lagos. His aide, Peter Holm, recalled President Okafor reading a book on the sea.',
      'The president\'s coastal roots also came into play. In Accra last week, he told a meeting of leaders that the sea was rising.',
    ].join(' ');
    const okafor = { ...entity(text, 'Samuel Okafor', 'person', ['Okafor']), roles: [{ role: 'President', span: [0, 9] as [number, number] }] };
    expect(named(text, 'the sea was rising', [okafor, entity(text, 'Peter Holm', 'person')])).toBe('Samuel Okafor');
  });
});
