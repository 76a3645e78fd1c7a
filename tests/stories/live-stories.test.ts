import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/stories/group-stories.js';
import { LiveStories } from '../../src/stories/live-stories.js';

const BASE = [
  'The central bank of Norland raised its main interest rate by half a percentage point on Thursday, the largest increase in a decade.',
  'Governor Ilse Brandt told a news conference that inflation had stayed above target for eleven months and that the bank would act again if prices kept rising.',
  'Mortgage lenders said they expected to pass the increase on to borrowers within weeks, adding pressure on households already facing higher energy bills.',
  'The opposition finance spokesman called the decision a blow to first-time buyers and urged the government to extend its housing support scheme.',
  'Economists had expected a smaller rise of a quarter point, and the currency strengthened against the euro after the announcement.',
  'The bank will publish its next forecast in March, when it will also review its bond purchase programme.',
].join('\n');

const OTHER = [
  'Flooding closed the coastal railway between Westport and Aldmouth for the third time this winter, the operator said on Friday.',
  'Engineers found that the sea wall near the harbour had been undermined by the storm surge and will need weeks of repair.',
  'Commuters were offered replacement buses, but the council warned that the coast road was also at risk of closure at high tide.',
  'Local businesses said the repeated closures were costing them trade in what is normally a busy season for visitors.',
].join('\n');

function print(text: string, title = 'Some headline') {
  const f = fingerprint(text);
  return { signature: f.shingles.length ? f.signature : null, size: f.shingles.length, title };
}

describe('LiveStories: stories updated article by article', () => {
  it('joins a reprint and an updated version to the first story and keeps another event apart', () => {
    const s = new LiveStories();
    s.add(0, print(BASE, 'Norland raises rates'));
    s.add(1, print(OTHER, 'Floods close railway'));
    s.add(2, print(`${BASE}\nShares in the two largest mortgage lenders fell more than three percent in afternoon trading.`, 'Rates up (updated)'));
    s.add(3, print(BASE.replace(/\n/g, '\n\n'), 'Borrowers face higher costs'));
    expect([...s.storyOf(0)].sort()).toEqual([0, 2, 3]);
    expect(s.storyOf(1)).toEqual([1]);
    expect([...s.storyOf(3)].sort()).toEqual([0, 2, 3]);
  });

  it('a removed article leaves its story; an empty body never groups', () => {
    const s = new LiveStories();
    s.add(0, print(BASE));
    s.add(1, print(BASE));
    s.add(2, print(''));
    s.remove(0);
    expect(s.storyOf(0)).toEqual([]);
    expect(s.storyOf(1)).toEqual([1]);
    expect(s.storyOf(2)).toEqual([2]);
  });

  it('a reprint after removals joins only the live versions (a removed story of one stays gone)', () => {
    const s = new LiveStories();
    s.add(0, print(OTHER));
    s.remove(0); // a story of one, removed
    s.add(1, print(BASE));
    s.add(2, print(BASE));
    s.remove(1); // a member of a story of two, removed
    s.add(3, print(OTHER));
    s.add(4, print(BASE));
    expect(s.storyOf(0)).toEqual([]);
    expect(s.storyOf(3)).toEqual([3]);
    expect([...s.storyOf(4)].sort()).toEqual([2, 4]);
    expect(s.storyKey(2)).toBe(s.storyKey(4));
  });

  it('keeps working as the bucket table grows (thousands of distinct articles, then a reprint of an early one)', () => {
    const s = new LiveStories();
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) {
      texts.push(`Report ${i}: the council of district ${i} met on day ${i % 31} to discuss road ${i * 7} and school ${i * 13}, and agreed budget line ${i * 17} after a vote of ${i % 9} to ${i % 5}.`);
      s.add(i, print(texts[i], `Council ${i}`));
    }
    s.add(3000, print(texts[5], 'Council 5 reprint'));
    expect([...s.storyOf(3000)].sort((a, b) => a - b)).toEqual([5, 3000]);
    expect(s.storyOf(6)).toEqual([6]);
  });
});

describe('LiveStories: paged signatures and links', () => {
  const texts = Array.from({ length: 400 }, (_, i) =>
    `Report ${i % 150}: the council of district ${i % 150} met on day ${i % 31} to discuss road ${(i % 150) * 7} and school ${(i % 150) * 13}, and agreed budget line ${(i % 150) * 17}.`);
  const stories = (s: LiveStories) => texts.map((_, i) => [...s.storyOf(i)].sort((a, b) => a - b).join(','));

  it('groups alike with pages of 16 articles and of 65,536 (growing page by page, and after a restore)', () => {
    const big = new LiveStories();
    const small = new LiveStories({}, 4);
    texts.forEach((t, i) => {
      big.add(i, print(t, `Council ${i % 150}`));
      small.add(i, print(t, `Council ${i % 150}`));
    });
    expect(stories(small)).toEqual(stories(big));
    expect(big.storyOf(160)).toContain(10); // reprints of report 10 found across pages
    const ids = Int32Array.from(texts.keys());
    const restored = LiveStories.fromState(small.toState(ids), {}, 4); // 400 articles: the last page adopted short
    expect(stories(restored)).toEqual(stories(big));
    restored.add(400, print(texts[7], 'Council 7'));
    big.add(400, print(texts[7], 'Council 7'));
    expect([...restored.storyOf(400)].sort((a, b) => a - b)).toEqual([...big.storyOf(400)].sort((a, b) => a - b));
    expect(restored.storyOf(400)).toContain(7);
  });
});
