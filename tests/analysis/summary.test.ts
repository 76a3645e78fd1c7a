import { describe, expect, it } from 'vitest';
import { lexRank } from '../../src/analysis/summary/centrality.js';
import { isFurniture, leansOnPrevious } from '../../src/analysis/summary/sentence-shape.js';
import { summarize } from '../../src/analysis/summary/summarize.js';
import { splitSentences } from '../../src/analysis/text/sentences.js';
import type { ArticleEntity } from '../../src/analysis/types.js';

const sum = (text: string, title?: string, max?: number, entities?: ArticleEntity[]) => summarize(text, splitSentences(text), { title, max, entities });

const ARTICLE = [
  'The city council of Riverton approved a plan on Tuesday to rebuild the flooded harbor district over the next five years.',
  'He said the vote was long overdue.',
  'The harbor district plan includes new sea walls, a drainage tunnel and housing for families displaced by the floods.',
  'Council members debated the harbor plan for six hours before the vote.',
  'The harbor district was flooded twice last year, forcing hundreds of families from their homes.',
  'By Maria Lopez',
  'Opponents said the harbor plan costs too much and that the sea walls would block views of the bay.',
].join('\n');

describe('summarize', () => {
  it('returns at most the requested number of sentences, each from the article', () => {
    const out = sum(ARTICLE, 'Riverton approves harbor rebuild');
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThanOrEqual(3);
    for (const s of out) expect(ARTICLE).toContain(s);
    expect(sum(ARTICLE, undefined, 1)).toHaveLength(1);
    expect(sum(ARTICLE, undefined, 0)).toEqual([]);
  });

  it('puts the central lead first', () => {
    expect(sum(ARTICLE, 'Riverton approves harbor rebuild')[0]).toMatch(/^The city council of Riverton approved/);
  });

  it('avoids a sentence that leans on an unresolved pronoun when better ones exist', () => {
    expect(sum(ARTICLE).some((s) => s.startsWith('He said'))).toBe(false);
  });

  it('keeps a pronoun-first sentence only when the sentence it points back to is in the summary', () => {
    const text = [
      'Ministers in Varsland approved a new rail line linking the northern port to the capital on Monday.',
      'It will carry freight and passengers on the new rail line between the port and the capital from 2031.',
      'The rail line between the port and the capital is expected to cost about four billion euros.',
      'Environmental groups welcomed the decision but asked for wildlife crossings along the route.',
    ].join('\n');
    const out = sum(text, 'Varsland approves port rail line', 2);
    expect(out[0]).toMatch(/^Ministers in Varsland/);
    // "It" refers to the rail line of the lede, which is in the summary: it may follow it.
    expect(out[1]).toMatch(/^(?:It will carry|The rail line between)/);
    const later = [
      'Ministers in Varsland approved a new rail line linking the northern port to the capital on Monday.',
      'Farmers along the planned route asked for compensation for the land the tracks will cross.',
      'They say the rail line between the port and the capital will cut their fields in two.',
      'The rail line between the port and the capital is expected to cost about four billion euros.',
    ].join('\n');
    const picked = sum(later, 'Varsland approves port rail line', 2);
    // "They" points at the farmers, whose sentence is not chosen: the pronoun sentence must not appear.
    expect(picked).toEqual([
      'Ministers in Varsland approved a new rail line linking the northern port to the capital on Monday.',
      'The rail line between the port and the capital is expected to cost about four billion euros.',
    ]);
  });

  it('uses a sentence that leans on the one before only when nothing better exists', () => {
    const text = 'Thousands of workers at the Alderport shipyard walked out on Friday over a pay offer.\nThey say the offer does not keep pace with rising rents in the port city.';
    expect(sum(text)).toHaveLength(2);
  });

  it('never picks a byline, a credit line or page furniture', () => {
    expect(sum(ARTICLE).some((s) => /Maria Lopez/.test(s))).toBe(false);
    const text = [
      'Reporting by Tomas Berg; Editing by Ana Ruiz and Peter Holm of the regional desk',
      'Wildfires forced the evacuation of three mountain villages in the southern region of Valdera on Sunday night.',
      'Firefighters backed by water-dropping aircraft worked through the night to keep the flames away from the main road.',
      'Click here to sign up for our free morning newsletter about the climate and the environment.',
      'Officials said dry winds and temperatures above 40 degrees had made the fires hard to contain.',
      'Additional reporting contributed to this report by the regional bureau in the capital city.',
    ].join('\n');
    const out = sum(text);
    expect(out[0]).toMatch(/^Wildfires forced/);
    expect(out.some((s) => /Reporting by|Click here|contributed to this report/.test(s))).toBe(false);
  });

  it('skips the stamp-and-byline header of a one-line article', () => {
    const text =
      'By . Sam Ortiz . PUBLISHED: . 10:15 EST, 2 May 2014 . | . UPDATED: . 12:01 EST, 2 May 2014 . A retired teacher who spent nine years restoring a wooden sailing boat has sailed it across the bay for the first time. ' +
      'Ellen Marsh, 67, rebuilt the hull plank by plank in a barn behind her house using timber from a demolished pier. ' +
      'Around two hundred people gathered at the harbour to watch the boat leave on Saturday morning. Scroll down for video .';
    const out = sum(text);
    expect(out[0]).toMatch(/^A retired teacher/);
    expect(out.join(' ')).not.toMatch(/PUBLISHED|UPDATED|Scroll down|Sam Ortiz/);
  });

  it('keeps out a sentence that only names a credited reporter', () => {
    const reporter: ArticleEntity = { name: 'Nadia Okafor', type: 'person', role: null, roles: [], aliases: [], mentions: [], kind: 'byline' };
    const text = [
      'Nadia Okafor in Lagos, with help from the west Africa team',
      'The government of Lagos state announced a ban on single-use plastic bags from the start of next year.',
      'Shops that keep handing out the bags will face fines, the environment commissioner said at a briefing.',
    ].join('\n');
    expect(sum(text, undefined, 3, [reporter]).some((s) => s.includes('Nadia Okafor'))).toBe(false);
  });

  it('skips a near-repeat of a chosen sentence', () => {
    const text = [
      'Storm Ada closed every school in the northern province on Monday, officials said.',
      'Storm Ada closed every school in the northern province on Monday, officials told reporters.',
      'Power lines were down across the province and rail services were suspended until Wednesday.',
      'Forecasters expect the storm to weaken as it moves east over the mountains.',
    ].join('\n');
    const out = sum(text);
    expect(out.filter((s) => s.startsWith('Storm Ada closed'))).toHaveLength(1);
  });

  it('prefers a sentence on the article’s recurring subject over an early aside', () => {
    const text = [
      'Engineers at the Kestrel dam began releasing water on Wednesday after a week of record rainfall upstream.',
      'The weather office also reported a rare sighting of a white stork near the coast.',
      'The dam released water at three times the normal rate, and towns below the dam were told to prepare for flooding.',
      'Residents of towns below the dam moved cars and furniture to higher ground as the river rose.',
      'Dam operators said the water release would continue until the reservoir level falls.',
    ].join('\n');
    const out = sum(text, 'Kestrel dam opens gates after record rain', 2);
    expect(out[0]).toMatch(/^Engineers at the Kestrel dam/);
    expect(out.some((s) => s.includes('white stork'))).toBe(false);
  });

  it('copes with empty and one-sentence texts', () => {
    expect(sum('')).toEqual([]);
    expect(sum('A single short line about a vote in the senate today.')).toEqual(['A single short line about a vote in the senate today.']);
  });

  it('stays fast on a very long article', () => {
    const para = 'The committee heard evidence from farmers, water engineers and local councils about the drought in the eastern valleys this summer.';
    const text = Array.from({ length: 2000 }, (_, i) => `${para.replace('this summer', `in week ${i}`)}`).join('\n');
    const sentences = splitSentences(text);
    const t0 = performance.now();
    const out = summarize(text, sentences, {});
    expect(performance.now() - t0).toBeLessThan(200);
    expect(out.length).toBeGreaterThan(0);
  });
});

describe('sentence shape', () => {
  it('spots sentences that lean on the one before', () => {
    expect(leansOnPrevious('He added that talks would resume.')).toBe(true);
    expect(leansOnPrevious('“But we will not give up,” the mayor said.')).toBe(true);
    expect(leansOnPrevious('In addition, the bank cut its growth forecast.')).toBe(true);
    expect(leansOnPrevious('The latter has denied any wrongdoing.')).toBe(true);
    expect(leansOnPrevious('This means prices will rise.')).toBe(true);
    expect(leansOnPrevious('This year the festival moves to the old docks.')).toBe(false);
    expect(leansOnPrevious('Thousands marched through the capital on Saturday.')).toBe(false);
    expect(leansOnPrevious('Theresa Lang won the race.')).toBe(false);
  });

  it('spots a pronoun subject or speaker behind an opening phrase or a quotation', () => {
    expect(leansOnPrevious('Speaking before the summit in Oslo, he warned against complacency.')).toBe(true);
    expect(leansOnPrevious('Asked about the fine, she said the club would appeal.')).toBe(true);
    expect(leansOnPrevious('“We will rebuild every house,” she said.')).toBe(true);
    expect(leansOnPrevious('The plant will close next spring, he added.')).toBe(true);
    expect(leansOnPrevious('“We will rebuild every house,” the mayor said.')).toBe(false);
    expect(leansOnPrevious('After the vote, the council adjourned until March.')).toBe(false);
    expect(leansOnPrevious('Members of the union, they say, were never consulted.')).toBe(true);
  });

  it('reads "the former" as an adjective unless it stands for a noun', () => {
    expect(leansOnPrevious('The former Lakers player said he was surprised.')).toBe(false);
    expect(leansOnPrevious('The former has denied any wrongdoing.')).toBe(true);
    expect(leansOnPrevious('The latter, a lawyer, declined to comment.')).toBe(true);
  });

  it('tells bylines and furniture from news sentences', () => {
    expect(isFurniture('By Jane Doe')).toBe(true);
    expect(isFurniture('By Jane Doe and Ravi Patel, Reuters')).toBe(true);
    expect(isFurniture('By 2030 the plant will supply a third of the region’s power.')).toBe(false);
    expect(isFurniture('By the end of the day, rescuers had reached the village.')).toBe(false);
    expect(isFurniture('By Monday, all schools in the city had closed.')).toBe(false);
    expect(isFurniture('Last updated: 14 March 2021')).toBe(true);
    expect(isFurniture('Read more: how the vote works')).toBe(true);
    expect(isFurniture('The full report is available at https://example.org/report.')).toBe(true);
    expect(isFurniture('The ministry published its report on Monday.')).toBe(false);
  });
});

describe('lexRank', () => {
  it('ranks the sentence that shares the most with the others highest', () => {
    const r = lexRank([
      ['dam', 'water', 'flood', 'town'],
      ['dam', 'water', 'release'],
      ['flood', 'town', 'river'],
      ['stork', 'coast', 'bird'],
    ]);
    expect(r).toHaveLength(4);
    expect(r[0]).toBeGreaterThan(r[1]);
    expect(r[0]).toBeGreaterThan(r[3]);
    expect(r[3]).toBeLessThan(1);
    expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 5);
  });

  it('handles trivial inputs', () => {
    expect(lexRank([])).toEqual([]);
    expect(lexRank([['solo']])).toEqual([1]);
  });
});
