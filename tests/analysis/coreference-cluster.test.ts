import { describe, expect, it } from 'vitest';
import { merge, moveMention, nearestBefore, type Cluster } from '../../src/analysis/entities/cluster.js';
import { noEvidence, type Mention } from '../../src/analysis/entities/mention.js';

function mention(key: string, start: number, person = 0): Mention {
  return {
    from: 0, to: 1, start, end: start + key.length, text: key, key, sent: 0, possessive: false,
    evidence: { ...noEvidence(), person }, role: null, placeName: null, demonym: false, titleOnly: false, descriptive: false, credit: null,
  };
}

function cluster(...ms: Mention[]): Cluster {
  const c: Cluster = { mentions: [], evidence: noEvidence(), keys: new Set(), placeName: null };
  for (const m of ms) moveMention(c, m);
  return c;
}

describe('cluster helpers (moved out of coreference.ts)', () => {
  it('nearestBefore picks the candidate named closest before the mention, else the first', () => {
    const hillary = cluster(mention('hillary clinton', 10), mention('hillary clinton', 500));
    const bill = cluster(mention('bill clinton', 200));
    expect(nearestBefore([hillary, bill], mention('clinton', 300))).toBe(bill);
    expect(nearestBefore([hillary, bill], mention('clinton', 600))).toBe(hillary);
    expect(nearestBefore([bill, hillary], mention('clinton', 5))).toBe(bill);
  });

  it('merge moves mentions, keys and evidence and empties the source; moveMention adds one', () => {
    const a = cluster(mention('andy warhol', 0, 2));
    const b = cluster(mention('warhol', 40, 1));
    merge(a, b);
    expect(b.mentions).toEqual([]);
    expect(a.mentions.map((m) => m.key)).toEqual(['andy warhol', 'warhol']);
    expect([...a.keys]).toEqual(['andy warhol', 'warhol']);
    expect(a.evidence.person).toBe(3);
    moveMention(a, mention('mr. warhol', 90, 4));
    expect(a.keys.has('mr. warhol')).toBe(true);
    expect(a.evidence.person).toBe(7);
  });
});
