import { describe, expect, it } from 'vitest';
import { groupStories, type StoryDoc } from '../../src/stories/group-stories.js';
import { signature, similarity } from '../../src/stories/minhash.js';

const BASE = [
  'The central bank of Norland raised its main interest rate by half a percentage point on Thursday, the largest increase in a decade.',
  'Governor Ilse Brandt told a news conference that inflation had stayed above target for eleven months and that the bank would act again if prices kept rising.',
  'Mortgage lenders said they expected to pass the increase on to borrowers within weeks, adding pressure on households already facing higher energy bills.',
  'The opposition finance spokesman called the decision a blow to first-time buyers and urged the government to extend its housing support scheme.',
  'Economists had expected a smaller rise of a quarter point, and the currency strengthened against the euro after the announcement.',
  'The bank will publish its next forecast in March, when it will also review its bond purchase programme.',
].join('\n');

const doc = (id: string, title: string, text: string, publishedAt: string | null = '2024-03-01'): StoryDoc => ({ id, title, text, publishedAt });

/** Which group each id ended up in. */
function groupOf(stories: ReturnType<typeof groupStories>): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of stories) for (const id of s.articleIds) m.set(id, s.id);
  return m;
}

describe('groupStories', () => {
  it('groups a reprint with a reworded lede', () => {
    const lines = BASE.split('\n');
    lines[0] = "Norland's central bank lifted its benchmark rate by 50 basis points on Thursday, its biggest move in ten years.";
    const g = groupOf(groupStories([doc('a', 'Norland raises rates', BASE), doc('b', 'Norland raises rates', lines.join('\n'))]));
    expect(g.get('a')).toBe(g.get('b'));
  });

  it('groups an updated version with an added paragraph, and makes the later one representative', () => {
    const updated = `${BASE}\nIn a statement late on Thursday, the finance ministry said it welcomed the bank's independence and would not change its spending plans.\nShares in the two largest mortgage lenders fell more than three percent in afternoon trading.`;
    const stories = groupStories([doc('orig', 'Rates up', BASE, '2024-03-01T09:00:00Z'), doc('upd', 'Rates up (updated)', updated, '2024-03-01T15:00:00Z')]);
    expect(stories).toHaveLength(1);
    expect(stories[0].articleIds[0]).toBe('upd');
  });

  it('groups the same text under a changed headline', () => {
    const stories = groupStories([doc('x', 'Rate shock in Norland', BASE), doc('y', 'Borrowers face higher costs as bank acts', BASE.replace(/\n/g, '\n\n'))]);
    expect(stories).toHaveLength(1);
  });

  it('keeps distinct stories on the same topic apart', () => {
    const other = [
      'The central bank of Norland kept its main interest rate unchanged on Thursday, saying inflation was finally easing.',
      'Governor Ilse Brandt said the bank would wait for more data on wages before deciding its next move.',
      'Mortgage lenders welcomed the pause, which economists had widely expected.',
      'The currency weakened slightly against the euro after the announcement, while bond yields fell.',
    ].join('\n');
    const unrelated = 'A storm closed roads across the northern provinces on Sunday, and rail services were suspended until Monday while crews cleared fallen trees.';
    const g = groupOf(groupStories([doc('hike', 'Bank raises rates', BASE), doc('hold', 'Bank holds rates', other), doc('storm', 'Storm closes roads', unrelated)]));
    expect(new Set([g.get('hike'), g.get('hold'), g.get('storm')]).size).toBe(3);
  });

  it('estimates similarity from signatures: identical = 1, unrelated ≈ 0', () => {
    expect(similarity(signature(BASE), signature(BASE))).toBe(1);
    expect(similarity(signature(BASE), signature('Completely different words about football results and a cup final in the spring.'))).toBeLessThan(0.1);
  });

  it('never loses or duplicates an article when many are alike', () => {
    const docs: StoryDoc[] = [];
    for (let i = 0; i < 300; i++) docs.push(doc(`d${i}`, `t${i}`, `Report number ${i} ${BASE.split(' ').map((w, j) => (j % 7 === i % 7 ? `${w}${i}` : w)).join(' ')}`));
    const stories = groupStories(docs);
    expect(stories.length).toBeGreaterThan(0);
    expect(stories.reduce((n, s) => n + s.articleIds.length, 0)).toBe(300);
  });
});
