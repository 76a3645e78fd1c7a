import { describe, expect, it } from 'vitest';
import { containing, entity, quotes } from '../helpers/quote-fixtures.js';

/** Where reported content starts and stops: what belongs to the speaker and what is the writer's. */
describe('quote spans', () => {
  it('joins "A," he said, "b." into one quotation by one speaker', () => {
    const text = 'Ines Talbot runs the port authority. “The cranes arrive in the spring and the berths open in June,” she said, “and the ships follow.”';
    const list = quotes(text, [entity(text, 'Ines Talbot', 'person', ['Talbot'])]);
    const q = containing(list, 'cranes arrive');
    expect(q?.text).toContain('ships follow');
    expect(q?.speaker).toBe('Ines Talbot');
    expect(list.filter((x) => x.text.includes('ships follow'))).toHaveLength(1);
  });

  it('ends a quotation at its closing mark when the name after it carries an appositive', () => {
    const text = 'Rates rose again. “This is not a plan,” said Oskar Lindqvist, an economist who advises the pension board and teaches at the university.';
    const list = quotes(text, [entity(text, 'Oskar Lindqvist', 'person', ['Lindqvist'])]);
    const q = containing(list, 'not a plan');
    expect(q?.speaker).toBe('Oskar Lindqvist');
    expect(q?.text).not.toContain('economist');
  });

  it('keeps a quotation resumed after a participle aside as one statement', () => {
    const text = 'The hearing ran late. “Every time you say that,” Tull said, referring to the fee rule, “you hand ammunition to the other side.”';
    const list = quotes(text, [entity(text, 'Mara Tull', 'person', ['Tull'])]);
    expect(containing(list, 'Every time')?.text).toContain('ammunition');
  });

  it('does not take a lone time word before "he called for" as reported content', () => {
    const text = 'Senator Alder Quinn spoke in Reno on Tuesday. Wednesday, he called for more money for the county roads.';
    const list = quotes(text, [entity(text, 'Alder Quinn', 'person', ['Quinn'])]);
    expect(list.find((q) => q.text.trim() === 'Wednesday')).toBeUndefined();
  });

  it('stops indirect content at a non-restrictive "which" clause', () => {
    const text = 'Petra Vance said she expects the mayor to recover from the flu, which forced him to cancel two events this week.';
    const list = quotes(text, [entity(text, 'Petra Vance', 'person', ['Vance'])]);
    const q = containing(list, 'recover from the flu');
    expect(q?.speaker).toBe('Petra Vance');
    expect(q?.text).not.toContain('cancel');
  });

  it('stops content at "but" after a comma inside the closing mark', () => {
    const text = 'Governor Lena Ruiz described the flooding as a “terrible situation,” but stopped short of declaring an emergency.';
    const list = quotes(text, [entity(text, 'Lena Ruiz', 'person', ['Ruiz'])]);
    const q = containing(list, 'terrible situation');
    expect(q?.text).not.toContain('stopped short');
  });

  it('leaves two pieces apart when a long clause between them outweighs the words said', () => {
    const text =
      '“It works,” said Hal Brenner, a former budget director who served three governors and now runs a research group in the capital city of the state. “Mostly.”';
    const list = quotes(text, [entity(text, 'Hal Brenner', 'person', ['Brenner'])]);
    const q = containing(list, 'It works');
    expect(q?.speaker).toBe('Hal Brenner');
    expect(q && q.span[1] - q.span[0]).toBeLessThan(20);
  });
});

describe('pronoun after a named speaker', () => {
  it('gives "he added" to the man who just spoke, not to a more prominent man named earlier', () => {
    const text = [
      'Governor Carl Brandt unveiled his budget on Monday. Brandt wants lower taxes. Brandt also wants new roads, and Brandt promised both.',
      'Economists doubted it. The plan is a stretch compared with Brandt\'s last one, Mr. Okafor said.',
      '“The message is that taxes must rise somewhere. Nobody likes that,” he added.',
    ].join('\n\n');
    const list = quotes(text, [
      entity(text, 'Carl Brandt', 'person', ['Brandt']),
      entity(text, 'Emeka Okafor', 'person', ['Mr. Okafor']),
    ]);
    expect(containing(list, 'taxes must rise')?.speaker).toBe('Emeka Okafor');
  });

  it('does not carry the previous speaker over a pronoun of the other gender', () => {
    const text = [
      'Senator Maria Lentz spoke first. Mr. Okafor said the plan was a stretch.',
      '“Nobody likes higher taxes in an election year,” she added.',
    ].join('\n\n');
    const list = quotes(text, [
      entity(text, 'Maria Lentz', 'person', ['Lentz']),
      entity(text, 'Emeka Okafor', 'person', ['Mr. Okafor']),
    ]);
    expect(containing(list, 'Nobody likes')?.speaker ?? containing(list, 'Nobody likes')?.speakerGuess).toBe('Maria Lentz');
  });
});

describe('titles and resumed quotations', () => {
  it('does not take a programme title after a possessive as the quote, and keeps the quote before it', () => {
    const text = 'The general spoke early. “The plan is sound and the troops are ready,” Vega said Thursday on Channel Nine’s “Morning Hour.”';
    const list = quotes(text, [entity(text, 'Ruth Vega', 'person', ['Vega'])]);
    expect(list.find((q) => q.text.includes('Morning Hour') && !q.text.includes('plan is sound'))).toBeUndefined();
    expect(containing(list, 'plan is sound')?.speaker).toBe('Ruth Vega');
  });

  it('reads the clause after a title: told Channel Nine’s “Morning Hour” that…', () => {
    const text = 'Before the vote, Ruth Vega told Channel Nine’s “Morning Hour” that nobody would doubt the count.';
    const list = quotes(text, [entity(text, 'Ruth Vega', 'person', ['Vega'])]);
    expect(containing(list, 'nobody would doubt')?.speaker).toBe('Ruth Vega');
    expect(containing(list, 'Before the vote')).toBeUndefined();
  });

  it('joins "A," he said, but "b." into one quotation', () => {
    const text = 'The mayor praised the chief. “You know, I like Larry,” Ruth Vega said, but “when it comes to budgets, Larry has a history.”';
    const list = quotes(text, [entity(text, 'Ruth Vega', 'person', ['Vega'])]);
    expect(containing(list, 'I like Larry')?.text).toContain('has a history');
  });
});

describe('organizations and possessives in speaker phrases', () => {
  it('does not credit an organization that only describes the speaker ("a former Harbor Council chairman says")', () => {
    const text = 'A former Harbor Council chairman says the city and the port authority should start talks on the new pier at once.';
    const list = quotes(text, [entity(text, 'Harbor Council', 'organization')]);
    const q = containing(list, 'start talks');
    expect(q?.speaker ?? null).not.toBe('Harbor Council');
    expect(q?.speakerGuess ?? null).not.toBe('Harbor Council');
  });

  it('still credits an organization that speaks for itself', () => {
    const text = 'The Harbor Council says the city and the port authority should start talks on the new pier at once.';
    const list = quotes(text, [entity(text, 'Harbor Council', 'organization')]);
    expect(containing(list, 'start talks')?.speaker).toBe('Harbor Council');
  });

  it('gives a participle report to the named subject, not to the possessive before it', () => {
    const text = 'Mara Quill’s campaign manager Tobias Renn spoke on the radio, arguing that the governor “ignored the flood warnings for a week.”';
    const list = quotes(text, [entity(text, 'Mara Quill', 'person', ['Quill']), entity(text, 'Tobias Renn', 'person', ['Renn'])]);
    const q = containing(list, 'ignored the flood');
    expect(q?.speaker ?? q?.speakerGuess).toBe('Tobias Renn');
  });
});

describe('parenthetical attributions', () => {
  it('reads through "During X, Mr. Vale said, Y": a fronted adverbial is not the whole statement', () => {
    const text = 'During his nine long years as harbor master on the north coast, Mr. Vale said, the town has rebuilt every pier twice.';
    const list = quotes(text, [entity(text, 'Tomas Vale', 'person', ['Mr. Vale'])]);
    expect(containing(list, 'During his nine')?.text).toContain('rebuilt every pier');
  });

  it('stops a run-on parenthetical at the writer\'s own "although" clause', () => {
    const text = 'The latest test, the ministry said, was its biggest yet, although it may take several days to measure its power.';
    const list = quotes(text, [entity(text, 'Defense Ministry', 'organization', ['the ministry'])]);
    const q = containing(list, 'The latest test');
    expect(q?.text).toContain('biggest yet');
    expect(q?.text).not.toContain('several days');
  });
});
