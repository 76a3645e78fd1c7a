import { describe, expect, it } from 'vitest';
import { CorpusIndex } from '../../src/corpus/index/corpus-index.js';
import type { IndexData } from '../../src/corpus/index/index-record.js';
import { orderVersions } from '../../src/stories/group-stories.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Private parts of the index the reference needs (the story's members in their stored order). */
interface Inside {
  stories: { storyOf(ord: number): readonly number[]; sizeOf(ord: number): number };
  ids: string[];
  published: (string | null)[];
  firstSeen: string[];
  textLengths: Int32Array;
}

/**
 * CorpusIndex orders a story's versions with orderStoryOrds (from the dates parsed at add); this holds it to
 * orderVersions, the rule it follows, on stories with equal dates, sizes near the completeness cut,
 * undated and unparseable dates, and removed versions.
 */
describe('story versions are ordered as orderVersions orders them', () => {
  it('same representative and order on random stories', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = rng(seed);
      const index = new CorpusIndex();
      const stories = 12;
      const signatures = Array.from({ length: stories }, (_, k) => Uint32Array.from({ length: 64 }, (_, i) => (k * 7919 + i * 104729 + seed) >>> 0));
      const ids: string[][] = Array.from({ length: stories }, () => []);
      for (let i = 0; i < 400; i++) {
        const k = Math.floor(r() * stories);
        const day = Math.floor(r() * 6);
        const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString();
        const roll = r();
        const data: IndexData = {
          title: `story ${k}`, publishedAt: roll < 0.15 ? null : roll < 0.2 ? 'not a date' : date, firstSeenAt: roll < 0.1 ? 'never' : date,
          textLength: 100 * Math.floor(r() * 4), shingleCount: [50, 79, 80, 81, 100, 100][Math.floor(r() * 6)], signature: signatures[k], entities: [], speakers: [],
        };
        const id = `s${k}-${i}`;
        index.add(id, `${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}`, data);
        ids[k].push(id);
      }
      for (const list of ids) for (const id of list.slice(0, 3)) if (r() < 0.5) index.remove(id);
      const inside = index as unknown as Inside;
      for (const list of ids) {
        const id = list[list.length - 1];
        const ord = index.ordOf(id)!;
        const members = inside.stories.storyOf(ord).filter((o) => !!inside.ids[o]);
        const want = orderVersions(members.map((o) => ({ doc: { o, publishedAt: inside.published[o] ?? inside.firstSeen[o] }, size: inside.stories.sizeOf(o), textLength: inside.textLengths[o] })))
          .map((d) => inside.ids[d.o]);
        const got = index.storyOf(id)!;
        expect(members.length).toBeGreaterThan(10);
        expect(got.members.map((h) => h.id)).toEqual(want);
        expect(got.id).toBe(want[0]);
      }
    }
  });
});
