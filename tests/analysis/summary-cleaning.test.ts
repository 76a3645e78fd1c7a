import { describe, expect, it } from 'vitest';
import { dropPositionMarks, isCaption, isHeaderFragment, isTeaser, repairLineBreaks, splitGluedCaptions, stripDateline } from '../../src/analysis/summary/sentence-clean.js';
import { summarize } from '../../src/analysis/summary/summarize.js';
import { splitSentences } from '../../src/analysis/text/sentences.js';

const sum = (text: string, title?: string) => summarize(text, splitSentences(text), { title });

describe('stripDateline', () => {
  it('removes wire and network datelines and keeps the sentence', () => {
    expect(stripDateline('QUITO, Mar 3 (Reuters) - Ecuador cut its growth forecast.')).toBe('Ecuador cut its growth forecast.');
    expect(stripDateline('(CNN) -- Two ferries collided off the coast on Friday.')).toBe('Two ferries collided off the coast on Friday.');
    expect(stripDateline('Lagos, Nigeria (CNN)Flood waters rose again on Sunday.')).toBe('Flood waters rose again on Sunday.');
    expect(stripDateline('WELLINGTON — A strong quake shook the capital on Monday.')).toBe('A strong quake shook the capital on Monday.');
    expect(stripDateline('EXCLUSIVE: The mayor kept a second office for years.')).toBe('The mayor kept a second office for years.');
  });

  it('leaves ordinary openings alone', () => {
    for (const s of ['Tom Vesey (Labour) said the budget was fair.', 'The UN (United Nations) agency sent food.', 'Police said the road would reopen.']) {
      expect(stripDateline(s)).toBe(s);
    }
  });
});

describe('captions, teasers and header fragments', () => {
  it('recognises photo captions by their markers and labels', () => {
    expect(isCaption('Grieving: Mara Olsen, 31 (left) with her brother at the memorial on Sunday .')).toBe(true);
    expect(isCaption('The farmer, pictured with his dog, said the flood came within minutes.')).toBe(true);
    expect(isCaption('Rescue: Firefighters carry a child from the flooded house .')).toBe(true);
  });

  it('does not take a quotation or a plain sentence for a caption', () => {
    expect(isCaption("Police said: 'We are treating the fire as arson.'")).toBe(false);
    expect(isCaption('The council turned left on the plan after a long debate.')).toBe(false);
    expect(isCaption('Mr Olsen: a farmer who lost his herd in the flood.')).toBe(false);
  });

  it('recognises calls to action and picture credits', () => {
    for (const s of ['Scroll down for video', 'READ MORE: Floods close the coast road', 'Click here to see the gallery', 'Photo: Harbour Gazette']) expect(isTeaser(s), s).toBe(true);
    expect(isTeaser('Images of the crash spread quickly online.')).toBe(false);
    expect(isTeaser('Readers wrote in to complain about the fares.')).toBe(false);
  });

  it('recognises stamp fragments', () => {
    for (const s of ['By .', 'PUBLISHED: .', '14:11 EST, 25 October 2013 . | .', 'UPDATED: .', 'Valley Courier Reporter .']) expect(isHeaderFragment(s), s).toBe(true);
    expect(isHeaderFragment('By the end of the week the river had fallen.')).toBe(false);
  });
});

describe('glued captions and pseudo line breaks', () => {
  const sentence = (text: string, start = 0) => ({ start, end: start + text.length, text, paragraph: 0 });

  it('splits a caption that lost its full stop from the sentence after it, keeping offsets', () => {
    const text = 'The ferry was badly damaged (pictured) Coastguards said the crew had ignored two warnings about the weather.';
    const parts = splitGluedCaptions([sentence(text, 100)]);
    expect(parts.map((p) => p.text)).toEqual(['The ferry was badly damaged (pictured)', 'Coastguards said the crew had ignored two warnings about the weather.']);
    for (const p of parts) expect(text.slice(p.start - 100, p.end - 100)).toBe(p.text);
    expect(isCaption(parts[0].text)).toBe(true);
  });

  it('leaves a marker inside a sentence alone', () => {
    for (const t of [
      'Bishop Anna Vik (pictured) of the northern diocese has resigned after ten years.',
      'Tom Hale, 27 (left) was driving when the car left the road near the bridge.',
      'The mayor met the harbour master (right) Tuesday.',
    ]) expect(splitGluedCaptions([sentence(t)]).map((p) => p.text)).toEqual([t]);
  });

  it('removes full stops left mid-sentence by joined lines', () => {
    expect(repairLineBreaks('She wore a casual . navy blue dress and . matching shoes.')).toBe('She wore a casual navy blue dress and matching shoes.');
    expect(repairLineBreaks('The vote passed . Officials said so.')).toBe('The vote passed . Officials said so.');
    expect(repairLineBreaks('Prices rose 2.5 per cent.')).toBe('Prices rose 2.5 per cent.');
  });

  it('lets the sentence after a glued caption into the summary, without the caption', () => {
    const text = [
      'A lorry driver who crashed into a school bus while reading a text message has been jailed for four years.',
      'The wreck of the bus lay on its side in the road (pictured) Police said the driver had been reading messages for ten miles before the crash.',
      'Nobody on the bus was seriously hurt.',
    ].join(' ');
    const out = sum(text);
    expect(out).toContain('Police said the driver had been reading messages for ten miles before the crash.');
    expect(out.join(' ')).not.toMatch(/pictured|wreck of the bus/);
  });
});

describe('summaries from dirty copy', () => {
  it('drops the dateline, captions and teasers and keeps article order', () => {
    const text = [
      'HAVNBY, Denmark (CNN) -- A storm surge broke through the dunes of a fishing village on Saturday, flooding forty homes.',
      'Flooded: A resident wades through his kitchen in Havnby on Saturday .',
      'Scroll down for video .',
      'Emergency crews pumped water from the streets of the village through the night.',
      'The surge was the highest the village has recorded since its sea wall was built in 1962.',
      'Residents were told to stay with relatives until the water falls.',
    ].join(' ');
    const out = sum(text);
    expect(out[0]).toMatch(/^A storm surge broke through/);
    expect(out.join(' ')).not.toMatch(/CNN|Flooded:|Scroll down/);
    const positions = out.map((s) => text.indexOf(s));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('does not repeat the headline as a summary line', () => {
    const text = [
      'Storm floods forty homes in Havnby.',
      'A storm surge broke through the dunes of the fishing village on Saturday and crews pumped water through the night.',
      'Residents were told to stay with relatives until the water falls.',
    ].join('\n');
    expect(sum(text, 'Storm floods forty homes in Havnby')).not.toContain('Storm floods forty homes in Havnby.');
  });

  it('opens with the lede even when it starts with "This"', () => {
    const text = 'By . Valley Courier Reporter . This is the moment a runaway tractor rolled through the market square of Selby on Friday. Nobody was hurt, police said, but three stalls were flattened. The driver had left the handbrake off while he bought bread.';
    expect(sum(text)[0]).toMatch(/^This is the moment/);
  });
});

describe('dropPositionMarks', () => {
  it('removes bare photo position markers and leaves the sentence whole', () => {
    expect(dropPositionMarks('Bishop John Folda (pictured) of Fargo is taking time off.')).toBe('Bishop John Folda of Fargo is taking time off.');
    expect(dropPositionMarks('The striker (second right) celebrates his goal.')).toBe('The striker celebrates his goal.');
    expect(dropPositionMarks('Teacher Ray Coe, pictured left, is to be honoured.')).toBe('Teacher Ray Coe is to be honoured.');
    expect(dropPositionMarks('Anna Berg, right, and her sister ran the farm.')).toBe('Anna Berg and her sister ran the farm.');
    expect(dropPositionMarks('Mara Olsen, 31, left, thanked the crew.')).toBe('Mara Olsen, 31, thanked the crew.');
  });

  it('keeps asides that say something and words that are not markers', () => {
    for (const s of [
      'The farmer (pictured with his dog) said the flood came within minutes.',
      'The UN (United Nations) agency sent food.',
      'He turned left, right, then left again at the lights.',
      'Parties of the left, right and centre backed the bill.',
      'Die Linke (Left) won four seats.',
    ]) {
      expect(dropPositionMarks(s)).toBe(s);
    }
  });

  it('shows a chosen sentence without its marker', () => {
    const text = [
      'Bishop John Folda (pictured) of the Fargo diocese has been diagnosed with hepatitis A after a trip to Italy, the diocese said on Monday.',
      'Health officials in North Dakota asked churchgoers in Fargo, Grand Forks and Jamestown who took communion from the bishop to get vaccinated.',
      'The diocese said the bishop was resting at home and expected to return to work next month.',
    ].join('\n');
    const out = sum(text, 'Fargo bishop diagnosed with hepatitis A');
    expect(out.some((s) => s.startsWith('Bishop John Folda of the Fargo diocese has been diagnosed'))).toBe(true);
    expect(out.join(' ')).not.toContain('(pictured)');
  });
});
