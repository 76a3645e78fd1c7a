import { describe, expect, it } from 'vitest';
import { extractHeadlineQuotes } from '../../src/analysis/quotes/headline-quotes.js';
import type { Quote } from '../../src/analysis/types.js';
import { entity, quotes } from '../helpers/quote-fixtures.js';

const find = (list: Quote[], words: string) => list.find((q) => q.text.includes(words));

describe('reported clauses: boundaries and subjects', () => {
  it('reads the speaker across a parenthetical party label', () => {
    const text = 'Sen. Maria Okoro (D-Ore.) said the budget deal would leave rural hospitals without enough staff.';
    const q = find(quotes(text, [entity(text, 'Maria Okoro', 'person')]), 'the budget deal would leave');
    expect(q).toMatchObject({ speaker: 'Maria Okoro', direct: false });
  });

  it('finds the name set off by commas after a job title', () => {
    const text = "The union's regional director, Tomas Hale, said the strike would continue until Friday.";
    const q = find(quotes(text, [entity(text, 'Tomas Hale', 'person')]), 'the strike would continue');
    expect(q?.speaker).toBe('Tomas Hale');
  });

  it('does not read the clause after "…, a spokesman for X, said" as an inverted speaker', () => {
    const text = 'Lena Varga, a spokeswoman for the Northern Ferry Company, said the crews expected sailings to resume on Monday.';
    const q = find(quotes(text, [entity(text, 'Lena Varga', 'person')]), 'the crews expected sailings');
    expect(q).toMatchObject({ speaker: 'Lena Varga', direct: false });
    expect(q?.text.startsWith('the crews expected')).toBe(true);
  });

  it('ends the reported clause where the writer starts a new one with ", but"', () => {
    const text = 'The mayor said the water was safe to drink, but residents in the east of the city kept buying bottled water.';
    const q = find(quotes(text), 'the water was safe to drink');
    expect(q?.text).not.toMatch(/residents/);
  });

  it('gives a second, coordinated reporting verb the same speaker and its own content', () => {
    const text = 'Chief Ines Varga said officers had cleared the square and warned protesters to stay away from the port.';
    const list = quotes(text, [entity(text, 'Ines Varga', 'person')]);
    expect(find(list, 'officers had cleared the square')?.text).not.toMatch(/warned/);
    // The attribution, shown or not: a 'warned X to…' report can fall under the show threshold.
    const second = find(list, 'protesters to stay away');
    expect(second?.speaker ?? second?.speakerGuess).toBe('Ines Varga');
  });

  it('gives "and said" the name that opens the sentence when no attribution came before', () => {
    const text = 'Mayor Lina Park toured the flooded streets on Sunday and said the curfew would stay in place until Wednesday.';
    const q = find(quotes(text, [entity(text, 'Lina Park', 'person')]), 'the curfew would stay');
    expect(q?.speaker).toBe('Lina Park');
  });

  it('keeps a plural noun before a relative "that" from reading as a reporting verb', () => {
    const text = 'The rules cap fees that “hit small shops hardest,” Minister Ada Lind said on Monday.';
    expect(find(quotes(text, [entity(text, 'Ada Lind', 'person')]), 'hit small shops hardest')?.speaker).toBe('Ada Lind');
  });

  it('strips a transcript label from what was said', () => {
    const text = 'The interview went on for an hour.\n"HARMON: Well, the numbers simply do not add up for the families I meet every week.';
    const q = find(quotes(text), 'the numbers simply do not add up');
    expect(q?.text.startsWith('Well')).toBe(true);
    // A label the article never names in full is only a guess: kept, not shown.
    expect(q?.speaker).toBeNull();
    expect(q?.speakerGuess).toBe('HARMON');
  });
});

describe('headline attributions', () => {
  it('reads "Speaker: claim" and "Claim, Speaker Says"', () => {
    const body = [{ name: 'Maria Okoro', type: 'person' as const, role: null, roles: [], aliases: ['Okoro'], mentions: [[0, 5] as [number, number]], kind: 'subject' as const }];
    const a = extractHeadlineQuotes('Okoro: Rural Hospitals Will Close Without New Funding', body);
    expect(a[0]).toMatchObject({ speaker: 'Maria Okoro', text: 'Rural Hospitals Will Close Without New Funding' });
    // A label the story names nobody by keeps its words but no speaker.
    const b = extractHeadlineQuotes('Port Strike Will End This Week, Union Leader Says', []);
    expect(b[0]).toMatchObject({ speaker: null, speakerGuess: 'Union Leader', text: 'Port Strike Will End This Week' });
  });

  it('ignores section labels and resolves a surname to the body entity', () => {
    expect(extractHeadlineQuotes('The Latest: Storm Closes Schools Across the North', [])).toEqual([]);
    const body = 'Maria Okoro spoke on Monday.';
    expect(extractHeadlineQuotes('Okoro: Hospitals Need More Nurses Now', [entity(body, 'Maria Okoro', 'person', ['Okoro'])])[0].speaker).toBe('Maria Okoro');
  });
});

describe('inverted attributions', () => {
  it('does not read "…, blasted X as…" as X speaking: the name after an object-taking verb is its target', () => {
    const text =
      'Chris Dalton, who has campaigned for the governor since the spring, blasted Mara Olsen as a “disgrace” on Wednesday.';
    const list = quotes(text, [entity(text, 'Chris Dalton', 'person', ['Dalton']), entity(text, 'Mara Olsen', 'person', ['Olsen'])]);
    expect(list.filter((q) => q.speaker === 'Mara Olsen' || q.speakerGuess === 'Mara Olsen')).toHaveLength(0);
  });

  it('still reads "…, said X" as X speaking', () => {
    const text = 'The port will reopen by the autumn whatever the weather does, said Mara Olsen on Wednesday.';
    const list = quotes(text, [entity(text, 'Mara Olsen', 'person', ['Olsen'])]);
    expect(list.some((q) => q.speaker === 'Mara Olsen' && q.text.includes('reopen by the autumn'))).toBe(true);
  });
});

describe('"that" after a past-tense verb', () => {
  it('reads "overruled that request," as a determiner, not a reported clause', () => {
    const text = 'Mara Olsen had told officials that she wanted no escort at all, but the City Council overruled that request, the source added.';
    const list = quotes(text, [entity(text, 'Mara Olsen', 'person', ['Olsen']), entity(text, 'City Council', 'organization', [])]);
    expect(list.some((q) => /^(?:that )?request/.test(q.text))).toBe(false);
  });

  it('still reads "conceded that Mr. Olsen had…" as a reported clause', () => {
    const text = 'The treasurer, Dana Whitfield, conceded that Mr. Olsen had the backing of the whole board.';
    const list = quotes(text, [entity(text, 'Dana Whitfield', 'person', ['Whitfield']), entity(text, 'Mr. Olsen', 'person', ['Olsen'])]);
    expect(list.some((q) => q.text.includes('the backing of the whole board'))).toBe(true);
  });
});
