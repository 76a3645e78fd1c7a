import { describe, expect, it } from 'vitest';
import { fingerprint, groupStories, sameStory, sameStoryEstimate, type StoryDoc } from '../../src/stories/group-stories.js';
import { bandKeys } from '../../src/stories/lsh.js';
import { containment, shingles, signature, similarity } from '../../src/stories/minhash.js';

const BASE = [
  'The central bank of Norland raised its main interest rate by half a percentage point on Thursday, the largest increase in a decade.',
  'Governor Ilse Brandt told a news conference that inflation had stayed above target for eleven months and that the bank would act again if prices kept rising.',
  'Mortgage lenders said they expected to pass the increase on to borrowers within weeks, adding pressure on households already facing higher energy bills.',
  'The opposition finance spokesman called the decision a blow to first-time buyers and urged the government to extend its housing support scheme.',
  'Economists had expected a smaller rise of a quarter point, and the currency strengthened against the euro after the announcement.',
  'The bank will publish its next forecast in March, when it will also review its bond purchase programme.',
].join('\n');

/** Background a wire service pastes under every story on the subject. */
const BACKGROUND = [
  'Norland has struggled with high inflation since the energy crisis of two years ago, when gas prices tripled in a single winter.',
  'The central bank gained its independence from the finance ministry in 1998 and sets rates at eight meetings a year.',
].join('\n');

const doc = (id: string, title: string, text: string, publishedAt: string | null = '2024-03-01'): StoryDoc => ({ id, title, text, publishedAt });

/** Which group each id ended up in. */
function groupOf(stories: ReturnType<typeof groupStories>): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of stories) for (const id of s.articleIds) m.set(id, s.id);
  return m;
}

describe('groupStories: versions of one event become one story', () => {
  it('groups a reprint with a reworded lede', () => {
    const lines = BASE.split('\n');
    lines[0] = "Norland's central bank lifted its benchmark rate by 50 basis points on Thursday, its biggest move in ten years.";
    const g = groupOf(groupStories([doc('a', 'Norland raises rates', BASE), doc('b', 'Norland raises rates', lines.join('\n'))]));
    expect(g.get('a')).toBe(g.get('b'));
  });

  it('groups an updated version with added paragraphs, and makes the later one representative', () => {
    const updated = `${BASE}\nIn a statement late on Thursday, the finance ministry said it welcomed the bank's independence and would not change its spending plans.\nShares in the two largest mortgage lenders fell more than three percent in afternoon trading.`;
    const stories = groupStories([doc('orig', 'Rates up', BASE, '2024-03-01T09:00:00Z'), doc('upd', 'Rates up (updated)', updated, '2024-03-01T15:00:00Z')]);
    expect(stories).toHaveLength(1);
    expect(stories[0].articleIds).toEqual(['upd', 'orig']);
    expect(stories[0].id).toBe('upd');
  });

  it('groups the same text under a changed headline, with other line breaks and quote styles', () => {
    const restyled = BASE.replace(/\n/g, '\n\n').replace(/'/g, '’');
    const stories = groupStories([doc('x', 'Rate shock in Norland', BASE), doc('y', 'Borrowers face higher costs as bank acts', restyled)]);
    expect(stories).toHaveLength(1);
  });

  it('groups a trimmed reprint but keeps the complete version representative even when the reprint is later', () => {
    const trimmed = BASE.split('\n').slice(0, 3).join('\n');
    const stories = groupStories([doc('full', 'Rates up', BASE, '2024-03-01T09:00:00Z'), doc('short', 'Rates up', trimmed, '2024-03-02T09:00:00Z')]);
    expect(stories).toHaveLength(1);
    expect(stories[0].articleIds[0]).toBe('full');
  });

  it('groups exact duplicates and a chain of updates (update of an update)', () => {
    const v2 = `${BASE}\nThe finance minister said the government would review its energy support package next month.`;
    const v3 = `${v2}\nBond yields rose to their highest level since the spring, and the currency held its gains into the evening.`;
    const stories = groupStories([doc('v1', 't', BASE, '2024-03-01T08:00:00Z'), doc('dup', 't', BASE, '2024-03-01T08:00:00Z'), doc('v2', 't', v2, '2024-03-01T12:00:00Z'), doc('v3', 't', v3, '2024-03-01T18:00:00Z')]);
    expect(stories).toHaveLength(1);
    expect(stories[0].articleIds[0]).toBe('v3');
    expect([...stories[0].articleIds].sort()).toEqual(['dup', 'v1', 'v2', 'v3']);
  });

  it('groups a heavy rewrite kept under the same headline, but not the same rewrite under another headline', () => {
    const lines = BASE.split('\n');
    const rewrite = [
      "Norland's central bank lifted its benchmark rate by 50 basis points on Thursday, its biggest move in ten years.",
      'Speaking to reporters, Governor Ilse Brandt said price growth had run above the goal for almost a year and more moves were possible.',
      lines[2],
      lines[3],
      lines[4],
      'Its next set of forecasts is due in March, alongside a review of bond buying.',
    ].join('\n');
    const c = containment(shingles(BASE), shingles(rewrite));
    // Precondition: this rewrite sits between the two thresholds.
    expect(c).toBeGreaterThanOrEqual(0.5);
    expect(c).toBeLessThan(0.7);
    expect(groupStories([doc('a', 'Norland raises rates', BASE), doc('b', 'Norland Raises Rates!', rewrite)])).toHaveLength(1);
    expect(groupStories([doc('a', 'Norland raises rates', BASE), doc('b', 'Bank governor warns of more pain', rewrite)])).toHaveLength(2);
  });
});

describe('groupStories: different events stay apart', () => {
  const hold = [
    'The central bank of Norland kept its main interest rate unchanged on Thursday, saying inflation was finally easing.',
    'Governor Ilse Brandt said the bank would wait for more data on wages before deciding its next move.',
    'Mortgage lenders welcomed the pause, which economists had widely expected.',
    'The currency weakened slightly against the euro after the announcement, while bond yields fell.',
  ].join('\n');

  it('keeps distinct stories on the same topic apart', () => {
    const unrelated = 'A storm closed roads across the northern provinces on Sunday, and rail services were suspended until Monday while crews cleared fallen trees.';
    const g = groupOf(groupStories([doc('hike', 'Bank raises rates', BASE), doc('hold', 'Bank holds rates', hold), doc('storm', 'Storm closes roads', unrelated)]));
    expect(new Set([g.get('hike'), g.get('hold'), g.get('storm')]).size).toBe(3);
  });

  it('keeps apart two stories that share the same pasted background paragraphs', () => {
    const g = groupOf(groupStories([doc('hike', 'Bank raises rates', `${BASE}\n${BACKGROUND}`), doc('hold', 'Bank holds rates', `${hold}\n${BACKGROUND}`)]));
    expect(g.get('hike')).not.toBe(g.get('hold'));
  });

  it('keeps apart two stories under the same recurring headline with little text in common', () => {
    const g = groupOf(groupStories([doc('mon', 'Norland rates decision', `${BASE}\n${BACKGROUND}`), doc('may', 'Norland rates decision', `${hold}\n${BACKGROUND}`)]));
    expect(g.get('mon')).not.toBe(g.get('may'));
  });

  it('never groups empty texts, and never loses or duplicates an article', () => {
    const docs: StoryDoc[] = [doc('e1', 'Empty', ''), doc('e2', 'Empty', '')];
    for (let i = 0; i < 300; i++) docs.push(doc(`d${i}`, `t${i}`, `Report number ${i} ${BASE.split(' ').map((w, j) => (j % 7 === i % 7 ? `${w}${i}` : w)).join(' ')}`));
    const stories = groupStories(docs);
    const ids = stories.flatMap((s) => s.articleIds);
    expect(ids).toHaveLength(302);
    expect(new Set(ids).size).toBe(302);
    const g = groupOf(stories);
    expect(g.get('e1')).not.toBe(g.get('e2'));
  });
});

describe('signatures', () => {
  it('estimates similarity: identical = 1, unrelated ≈ 0, a small edit stays high', () => {
    expect(similarity(signature(BASE), signature(BASE))).toBe(1);
    expect(similarity(signature(BASE), signature('Completely different words about football results and a cup final in the spring.'))).toBeLessThan(0.1);
    const edited = BASE.replace('eleven months', 'nearly a year');
    expect(similarity(signature(BASE), signature(edited))).toBeGreaterThan(0.7);
  });

  it('ignores case, punctuation and accents', () => {
    expect(similarity(signature('Café owners in São Paulo protested on Monday.'), signature('cafe OWNERS in Sao Paulo -- protested on Monday'))).toBe(1);
  });

  it('survives a round trip through plain numbers (as stored in a database)', () => {
    const stored = Array.from(signature(BASE));
    expect(similarity(Uint32Array.from(stored), signature(BASE))).toBe(1);
  });

  it('decides from stored signatures and sizes as the exact check does on clear cases', () => {
    const updated = `${BASE}\nShares in the two largest mortgage lenders fell more than three percent in afternoon trading.`;
    const other = 'A storm closed roads across the northern provinces on Sunday, and rail services were suspended until Monday while crews cleared fallen trees.';
    const fa = fingerprint(BASE);
    const fb = fingerprint(updated);
    const fc = fingerprint(other);
    const est = (x: typeof fa, y: typeof fa) => sameStoryEstimate({ signature: x.signature, size: x.shingles.length }, { signature: y.signature, size: y.shingles.length });
    expect(sameStory(fa, fb)).toBe(true);
    expect(est(fa, fb)).toBe(true);
    expect(sameStory(fa, fc)).toBe(false);
    expect(est(fa, fc)).toBe(false);
  });

  it('gives LSH band keys that near-duplicates share and unrelated texts do not', () => {
    const keys = (t: string) => new Set(bandKeys(signature(t)));
    const base = keys(BASE);
    const updated = keys(`${BASE}\nShares in the two largest mortgage lenders fell more than three percent in afternoon trading.`);
    const other = keys('A storm closed roads across the northern provinces on Sunday, and rail services were suspended until Monday while crews cleared fallen trees.');
    expect(base.size).toBe(32);
    expect([...updated].some((k) => base.has(k))).toBe(true);
    expect([...other].some((k) => base.has(k))).toBe(false);
  });

  it('groups 10,000 articles quickly', () => {
    const docs: StoryDoc[] = [];
    const words = BASE.split(/\s+/);
    for (let i = 0; i < 10_000; i++) {
      // Each article: a distinct random-ish word sequence drawn from the base vocabulary, so most are unrelated.
      let x = i * 2654435761;
      const text = Array.from({ length: 120 }, () => {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        return words[x % words.length];
      }).join(' ');
      docs.push(doc(`n${i}`, `t${i}`, text));
    }
    const t0 = performance.now();
    const stories = groupStories(docs);
    const ms = performance.now() - t0;
    expect(stories.reduce((n, s) => n + s.articleIds.length, 0)).toBe(10_000);
    expect(ms).toBeLessThan(5_000); // a generous bound for slow CI; the bench reports the real figure
  });
});
