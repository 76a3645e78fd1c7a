import { describe, expect, it } from 'vitest';
import { entityGender, resolvePronoun, type CandidateMention } from '../../src/analysis/quotes/agreement.js';
import { isFurniture, SHOW_THRESHOLD } from '../../src/analysis/quotes/confidence.js';
import { extractHeadlineQuotes } from '../../src/analysis/quotes/headline-quotes.js';
import { parseGivenNames } from '../../src/analysis/quotes/given-names.js';
import { stripNameTitles } from '../../src/analysis/entities/roles.js';
import type { Quote } from '../../src/analysis/types.js';
import { containing, entity, quotes } from '../helpers/quote-fixtures.js';

/** What a reader would see: the name only when the attribution is shown. */
function shown(list: Quote[], words: string): string | null | undefined {
  return containing(list, words)?.speaker;
}

describe('pronouns agree with the person they name', () => {
  it('gives "she" to the woman even when a man was named last', () => {
    const text = 'Maria Lindqvist chairs the port board. On Monday she met Daniel Okafor, who runs the ferry line. "We will not raise the fares this winter," she said.';
    const list = quotes(text, [entity(text, 'Maria Lindqvist', 'person'), entity(text, 'Daniel Okafor', 'person')]);
    expect(shown(list, 'raise the fares')).toBe('Maria Lindqvist');
  });

  it('gives "he" to the man even when a woman was named last', () => {
    const text = 'Daniel Okafor runs the ferry line. He met Maria Lindqvist on Monday. "The boats are full every morning," he said.';
    const list = quotes(text, [entity(text, 'Daniel Okafor', 'person'), entity(text, 'Maria Lindqvist', 'person')]);
    expect(shown(list, 'boats are full')).toBe('Daniel Okafor');
  });

  it('follows a chain of pronouns instead of jumping to a name mentioned in passing', () => {
    const text = [
      'Ruth Abernathy became the city prosecutor in March. Abernathy said the job changed her.',
      'She has faced criticism over a meeting with Carla Benedetti, the mayor.',
      '"People rarely say that to a prosecutor," she said.',
    ].join('\n\n');
    const list = quotes(text, [entity(text, 'Ruth Abernathy', 'person', ['Abernathy']), entity(text, 'Carla Benedetti', 'person')]);
    expect(shown(list, 'rarely say that')).toBe('Ruth Abernathy');
  });

  it('takes the inverted subject of the last report as the one still speaking', () => {
    const text = 'Peter Holm and Anders Berg met the press on Monday. "Taxes will rise next year and the year after that, for everyone," said Anders Berg, an adviser to the campaign. "The plan is fair to everyone who works," he added.';
    const list = quotes(text, [entity(text, 'Peter Holm', 'person'), entity(text, 'Anders Berg', 'person')]);
    expect(shown(list, 'fair to everyone')).toBe('Anders Berg');
  });

  it('learns gender from honorifics and gendered role words when the first name is unknown', () => {
    const text = 'Mrs. Zenkova arrived. Later Zenkova spoke.';
    const e = entity(text, 'Zenkova', 'person');
    expect(entityGender(e, text)).toBe('f');
    const spokesman = { ...entity('x', 'Quorin Vale', 'person'), roles: [{ role: 'party spokesman', span: [0, 1] as [number, number] }] };
    expect(entityGender(spokesman, 'x')).toBe('m');
  });

  it('never resolves a pronoun against the other gender, and is unsure between two of the same', () => {
    const text = 'Anna Berg and Peter Holm spoke. Then he left.';
    const anna = entity(text, 'Anna Berg', 'person');
    const peter = entity(text, 'Peter Holm', 'person');
    const before: CandidateMention[] = [
      { start: 18, end: 28, entity: peter },
      { start: 0, end: 9, entity: anna },
    ];
    const ctx = {
      text,
      sentenceOf: (p: number) => (p < 33 ? 0 : 1),
      genderOf: (e: typeof anna) => entityGender(e, text),
      salience: () => 1,
      isSubject: () => true,
    };
    expect(resolvePronoun('he', 38, before, ctx)?.entity.name).toBe('Peter Holm');
    expect(resolvePronoun('she', 38, before, ctx)?.entity.name).toBe('Anna Berg');
    const twoMen = [{ ...before[0] }, { start: 0, end: 9, entity: entity(text, 'Paul Berg', 'person') }];
    expect(resolvePronoun('he', 38, twoMen, ctx)!.certainty).toBeLessThan(0.9);
  });

  it('reads the given-name list format', () => {
    const names = parseGivenNames('# header\nm\tjohn peter\nf\tmary\n');
    expect(names.gender('John')).toBe('m');
    expect(names.gender('mary')).toBe('f');
    expect(names.gender('zzz')).toBeNull();
  });
});

describe('a source phrase is the person it names', () => {
  it('takes the spokesman, not the politician whose campaign he speaks for', () => {
    const text = 'Vera Castellano leads the polls. Vera Castellano campaign spokesman Tobias Renwick said the debate would go ahead as planned on Thursday.';
    const list = quotes(text, [entity(text, 'Vera Castellano', 'person'), entity(text, 'Tobias Renwick', 'person')]);
    const q = containing(list, 'debate would go ahead');
    expect(q?.speaker ?? q?.speakerGuess).toBe('Tobias Renwick');
    expect(q?.speaker ?? q?.speakerGuess).not.toBe('Vera Castellano');
  });

  it('does not give a campaign\'s words to the candidate it is named after', () => {
    const text = 'Vera Castellano toured the port. The Castellano campaign said the candidate would release her tax returns on Friday.';
    const list = quotes(text, [entity(text, 'Vera Castellano', 'person', ['Castellano'])]);
    expect(list.filter((q) => q.speaker === 'Vera Castellano')).toHaveLength(0);
  });

  it('does not give an unnamed lawyer\'s words to his client', () => {
    const text = 'Oskar Brandvold was sued on Monday. "This lawsuit has no merit whatsoever," Brandvold\'s lawyer said.';
    const list = quotes(text, [entity(text, 'Oskar Brandvold', 'person', ['Brandvold'])]);
    expect(shown(list, 'no merit')).not.toBe('Oskar Brandvold');
  });

  it('strips titles, party words and office prefixes from names and keeps them as the role', () => {
    expect(stripNameTitles('Republican Edwin Marlowe')).toEqual({ name: 'Edwin Marlowe', role: 'Republican' });
    expect(stripNameTitles('Sens. Ada Pinkerton')).toEqual({ name: 'Ada Pinkerton', role: 'Sens.' });
    expect(stripNameTitles('Harbor Bank CEO Lionel Frye')).toEqual({ name: 'Lionel Frye', role: 'Harbor Bank CEO' });
    expect(stripNameTitles('Lionel Frye')).toEqual({ name: 'Lionel Frye', role: null });
    expect(stripNameTitles('Dean Holloway').name).toBe('Dean Holloway');
    // "the Washington Post Marlowe said": the newspaper word is not part of the person's name.
    expect(stripNameTitles('Post Marlowe').name).toBe('Marlowe');
  });
});

describe('two people who share a surname', () => {
  it('keeps each quote with the family member the text points to', () => {
    const text = [
      'Helena Marsh and her husband Victor Marsh run the farm. Helena Marsh said the harvest was late.',
      '"We lost a third of the apples," Helena Marsh said.',
      'Victor Marsh disagreed. "It was a normal year," Victor Marsh said.',
    ].join('\n\n');
    const list = quotes(text, [entity(text, 'Helena Marsh', 'person'), entity(text, 'Victor Marsh', 'person')]);
    expect(shown(list, 'third of the apples')).toBe('Helena Marsh');
    expect(shown(list, 'normal year')).toBe('Victor Marsh');
  });
});

describe('transcripts', () => {
  it('gives a speaker label to the person named in full, and hides a label nobody is named by', () => {
    const text = [
      'Talk show host Irene Castellanos interviewed Governor Milo Hartigan on Sunday.',
      '"CASTELLANOS: Will you release the report before the vote next month?"',
      '"HARTIGAN: Well, look, we have said many times that the report will be out in good time."',
      '"PRODUCER: We need to go to a break now, everybody, thank you."',
    ].join('\n\n');
    const list = quotes(text, [entity(text, 'Irene Castellanos', 'person', ['CASTELLANOS']), entity(text, 'Milo Hartigan', 'person', ['HARTIGAN'])]);
    expect(shown(list, 'release the report')).toBe('Irene Castellanos');
    expect(containing(list, 'release the report')?.text.startsWith('CASTELLANOS')).toBe(false);
    expect(shown(list, 'out in good time')).toBe('Milo Hartigan');
    expect(shown(list, 'go to a break')).toBeNull();
  });
});

describe('not quotes', () => {
  it('a headline whose label names nobody in the story has no speaker', () => {
    const [q] = extractHeadlineQuotes('Stealth Over Health: Senator Was Rushed to a Clinic', []);
    expect(q?.speaker ?? null).toBeNull();
    const named = extractHeadlineQuotes('Hartigan: The report will be out in good time', [entity('Milo Hartigan said', 'Milo Hartigan', 'person', ['Hartigan'])]);
    expect(named[0]?.speaker).toBe('Milo Hartigan');
  });

  it('drops photo captions, "Follow X on Twitter" and editor\'s notes', () => {
    const text = [
      'Protesters marched to the square. "We will be back every week until they listen," said Lena Forsberg, one of the organisers.',
      'Lena Forsberg addresses the crowd, saying "we are not going anywhere at all, not ever." (AP Photo/Kim Dale)',
      '"Follow Kim Dale on Twitter @kimdale."',
      'Editor\'s note: "The organisers regularly mislead the public about their numbers and their aims," the publisher wrote.',
    ].join('\n\n');
    const list = quotes(text, [entity(text, 'Lena Forsberg', 'person')]);
    expect(shown(list, 'back every week')).toBe('Lena Forsberg');
    expect(containing(list, 'not going anywhere')).toBeUndefined();
    expect(containing(list, 'Follow Kim Dale')).toBeUndefined();
    expect(containing(list, 'regularly mislead')).toBeUndefined();
    expect(isFurniture('Follow Kim Dale on Twitter @kimdale.', { text: 'Follow Kim Dale on Twitter @kimdale.', span: [0, 36], direct: false, speaker: null, speakerSpan: null, cue: null })).toBe(true);
  });

  it('a plan or a wish is not a statement', () => {
    const text = 'Governor Milo Hartigan plans to hold a rally in the capital next week. Hartigan wants the new bridge finished before the election.';
    const list = quotes(text, [entity(text, 'Milo Hartigan', 'person', ['Hartigan'])]);
    expect(containing(list, 'hold a rally')).toBeUndefined();
    expect(containing(list, 'bridge finished')).toBeUndefined();
  });

  it('a possessive before a reporting word makes it a noun', () => {
    const text = "Milo Hartigan's plan is intended to make sure that the wealthiest pay more in taxes next year.";
    const list = quotes(text, [entity(text, 'Milo Hartigan', 'person')]);
    expect(list.filter((q) => q.speaker === 'Milo Hartigan')).toHaveLength(0);
  });
});

describe('confidence', () => {
  it('scores every quote between 0 and 1 and shows a name only above the threshold', () => {
    const text = 'Ada Pinkerton chairs the committee. "The budget is balanced for the first time in a decade," Ada Pinkerton said.';
    const list = quotes(text, [entity(text, 'Ada Pinkerton', 'person')]);
    for (const q of list) {
      expect(q.confidence).toBeGreaterThanOrEqual(0);
      expect(q.confidence).toBeLessThanOrEqual(1);
      if (q.speaker) expect(q.confidence!).toBeGreaterThanOrEqual(SHOW_THRESHOLD);
    }
    expect(shown(list, 'budget is balanced')).toBe('Ada Pinkerton');
  });

  it('never shows a bare one-word name: a reader cannot tell which person it is', () => {
    const text = 'The talks resumed on Monday. "We are close to a deal on the harbour," Pemberton said.';
    const q = containing(quotes(text, [entity(text, 'Pemberton', 'person')]), 'close to a deal');
    expect(q?.speaker).toBeNull();
    expect(q?.speakerGuess).toBe('Pemberton');
  });
});
