import { describe, expect, it } from 'vitest';
import type { EntityGroups } from '../../src/analysis/entity-index/entity-groups.js';
import { EntityResolution } from '../../src/analysis/entity-index/entity-resolution.js';
import { unionOfAscending } from '../../src/analysis/entity-index/ascending-union.js';
import { LiveEntityIndex } from '../../src/analysis/entity-index/live-entity-index.js';
import type { IndexEntityInput } from '../../src/analysis/entity-index/types.js';
import type { EntityType } from '../../src/analysis/types.js';
import { ReferenceResolution } from '../helpers/reference-entity-resolution.js';

/** A small deterministic generator, so a failure is reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Namesakes (more than four people share "Smith", two share "Lee"), bare names, a demonym, acronyms, untyped
// names that join typed ones, and a full name that another article spells with a middle initial.
const PEOPLE = ['John Smith', 'Anna Smith', 'Paul Smith', 'Maria Smith', 'Igor Smith', 'Ruth Smith', 'John Lee', 'Tom Lee', 'Donald Trump', 'Donald J. Trump'];
const BARE = ['Smith', 'Lee', 'John', 'Trump', 'Donald', 'British'];
const OTHERS: { name: string; type: EntityType; aliases: string[] }[] = [
  { name: 'United Kingdom', type: 'place', aliases: ['UK', 'Britain', 'British'] },
  { name: 'UK', type: 'organization', aliases: [] },
  { name: 'European Union', type: 'organization', aliases: ['EU'] },
  { name: 'EU', type: 'organization', aliases: [] },
  { name: 'London', type: 'place', aliases: [] },
  { name: 'London', type: 'other', aliases: [] },
];
const ROLES = ['Mayor', 'Prime Minister', 'minister', 'coach'];

function entitiesOf(r: () => number): IndexEntityInput[] {
  const out: IndexEntityInput[] = [];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  for (let k = Math.floor(r() * 4); k > 0; k--) {
    const name = pick(PEOPLE);
    const aliases = r() < 0.5 ? [name.split(' ').pop()!] : name === 'Donald J. Trump' ? ['Donald Trump'] : [];
    const roles = r() < 0.4 ? [pick(ROLES), ...(r() < 0.3 ? [pick(ROLES)] : [])] : [];
    out.push({ name, type: 'person', kind: 'subject', mentions: 1 + Math.floor(r() * 5), aliases, roles });
  }
  for (let k = Math.floor(r() * 3); k > 0; k--) {
    const name = pick(BARE);
    // A bare name often repeats the role its full name had in the same article: one (article, role) from two groups.
    const full = out.find((e) => e.name.endsWith(` ${name}`) && e.roles.length);
    const roles = full && r() < 0.7 ? [...full.roles] : r() < 0.2 ? [pick(ROLES)] : [];
    out.push({ name, type: name === 'British' ? 'other' : 'person', kind: 'subject', mentions: Math.floor(r() * 3), aliases: [], roles });
  }
  for (let k = Math.floor(r() * 3); k > 0; k--) {
    const o = pick(OTHERS);
    out.push({ name: o.name, type: o.type, kind: 'subject', mentions: 1 + Math.floor(r() * 4), aliases: o.aliases, roles: [] });
  }
  if (r() < 0.2) out.push({ name: 'Sam Reyes', type: 'person', kind: 'byline', mentions: 0, aliases: [], roles: [] });
  return out;
}

/** An index grown article by article, with removals (some groups compacted) and changed articles re-added. */
function indexOf(n: number, seed: number): LiveEntityIndex {
  const r = rng(seed);
  const index = new LiveEntityIndex();
  const live: number[] = [];
  let ord = 0;
  for (let i = 0; i < n; i++) {
    const day = Math.floor(r() * 400);
    const date = r() < 0.1 ? null : new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString();
    index.add(ord, `a${i}`, date, entitiesOf(r));
    live.push(ord++);
    if (live.length > 10 && r() < 0.25) index.remove(live.splice(Math.floor(r() * live.length), 1)[0]);
    if (live.length > 10 && r() < 0.05) {
      const [gone] = live.splice(Math.floor(r() * live.length), 1);
      index.remove(gone);
      index.add(ord, `a${i}-again`, date, entitiesOf(r));
      live.push(ord++);
    }
  }
  return index;
}

/** Everything an entity shows, co-occurrences included. */
const shown = (e: object) => JSON.parse(JSON.stringify(e));

describe('EntityResolution answers as the reference (the read side before it was optimised)', () => {
  it('materialises every root to the same entity: articles, mention count, aliases, roles, co-occurrences', () => {
    for (const seed of [1, 2, 3, 4]) {
      const groups = (indexOf(1500, seed) as unknown as { s: EntityGroups }).s;
      const fast = new EntityResolution(groups);
      const ref = new ReferenceResolution(groups);
      let compared = 0;
      for (const g of groups.groups) {
        if (g.live === 0) continue;
        const root = ref.rootOf(g.gid);
        expect(fast.rootOf(g.gid)).toBe(root);
        const want = ref.materialize(root);
        const got = fast.materialize(root);
        expect(shown(got)).toEqual(shown(want));
        expect(Array.from(fast.ordinalsOf(got))).toEqual(Array.from(ref.ordinalsOf(want)));
        compared++;
      }
      expect(compared).toBeGreaterThan(15);
    }
  });

  it('resolves bare names article by article as the reference does (many namesakes and few)', () => {
    for (const seed of [5, 6]) {
      const groups = (indexOf(1500, seed) as unknown as { s: EntityGroups }).s;
      const fast = new EntityResolution(groups);
      const ref = new ReferenceResolution(groups);
      for (const key of ['smith', 'lee', 'john', 'trump', 'donald', 'british', 'uk', 'eu', 'london', 'britain']) {
        const gids = groups.liveGids(groups.aliasIndex.get(key));
        expect(gids.length).toBeGreaterThan(0);
        // Co-occurrences first on one side, articles first on the other: the order things are worked out in must not matter.
        const viaCo = fast.entitiesOf(gids).map((e) => ({ co: e.cooccurring, e: shown(e) }));
        const want = ref.entitiesOf(gids).map(shown);
        expect(viaCo.map((x) => x.e)).toEqual(want);
      }
    }
  });

  it('a fresh read after removals answers as the reference on the same groups', () => {
    const index = indexOf(800, 9);
    const groups = (index as unknown as { s: EntityGroups }).s;
    for (let ord = 0; ord < 400; ord += 3) index.remove(ord);
    const fast = new EntityResolution(groups);
    const ref = new ReferenceResolution(groups);
    for (const g of groups.groups) if (g.live > 0) expect(shown(fast.materialize(fast.rootOf(g.gid)))).toEqual(shown(ref.materialize(ref.rootOf(g.gid))));
  });
});

describe('unionOfAscending', () => {
  it('is the sorted set of every ordinal listed', () => {
    const r = rng(7);
    for (let t = 0; t < 50; t++) {
      const lists = Array.from({ length: Math.floor(r() * 6) }, () => Int32Array.from(new Set(Array.from({ length: Math.floor(r() * 40) }, () => Math.floor(r() * 100)))).sort());
      const want = [...new Set(lists.flatMap((l) => [...l]))].sort((a, b) => a - b);
      expect(Array.from(unionOfAscending(lists))).toEqual(want);
    }
  });
});

describe('roles are worked out when first read', () => {
  it('read after the groups changed, they list only live articles the entity still has, without failing', () => {
    const index = indexOf(1200, 11);
    const groups = (index as unknown as { s: EntityGroups }).s;
    const before = index.lookup('smith').concat(index.lookup('john smith'));
    expect(before.length).toBeGreaterThan(0);
    // Remove most articles (postings compacted under the entities handed out), then read their roles.
    for (let ord = 0; ord < 1200; ord++) if (ord % 5 !== 0) index.remove(ord);
    const liveIds = new Set(groups.ids.filter((_, ord) => !!groups.articleGroups[ord]));
    for (const e of before) for (const role of e.roles) expect(liveIds.has(role.articleId)).toBe(true);
  });
});
