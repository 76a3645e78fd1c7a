import { describe, expect, it } from 'vitest';
import type { IndexedEntity } from '../../src/analysis/entity-index/types.js';
import { buildWhoProfile, roleSpans, type RoleSpan } from '../../src/briefing/who-profile.js';
import type { CorpusArticle, CorpusHead, CorpusView } from '../../src/corpus/corpus-view.js';
import { fold } from '../../src/search/fold.js';

/** The straightforward forms these replaced (sort everything; list membership by `includes`): the reference. */
function referenceRoleSpans(entity: IndexedEntity, corpus: CorpusView): RoleSpan[] {
  const byRole = new Map<string, RoleSpan>();
  for (const r of entity.roles) {
    const key = fold(r.role);
    const date = r.date ?? corpus.head(r.articleId)?.publishedAt ?? null;
    const span = byRole.get(key) ?? { role: r.role, firstSeen: date, lastSeen: date, articleIds: [] };
    if (r.role.length > span.role.length) span.role = r.role;
    if (date && (!span.firstSeen || date < span.firstSeen)) span.firstSeen = date;
    if (date && (!span.lastSeen || date > span.lastSeen)) span.lastSeen = date;
    if (!span.articleIds.includes(r.articleId)) span.articleIds.push(r.articleId);
    byRole.set(key, span);
  }
  const out: RoleSpan[] = [];
  for (const s of [...byRole.values()].sort((a, b) => b.role.length - a.role.length)) {
    const host = out.find((o) => fold(o.role).includes(fold(s.role)));
    if (!host) {
      out.push({ ...s, articleIds: [...s.articleIds] });
      continue;
    }
    for (const id of s.articleIds) if (!host.articleIds.includes(id)) host.articleIds.push(id);
    if (s.firstSeen && (!host.firstSeen || s.firstSeen < host.firstSeen)) host.firstSeen = s.firstSeen;
    if (s.lastSeen && (!host.lastSeen || s.lastSeen > host.lastSeen)) host.lastSeen = s.lastSeen;
  }
  return out.sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || b.articleIds.length - a.articleIds.length);
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** An entity in `n` articles with role mentions in several wordings, and a corpus of heads for it. */
function fixture(seed: number, n: number): { entity: IndexedEntity; corpus: CorpusView } {
  const r = rng(seed);
  const heads = new Map<string, CorpusHead>();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `a${i}`;
    ids.push(id);
    if (r() < 0.05) continue; // not answerable: no head
    // Few distinct dates, so equal dates (ties) are common; some undated.
    const day = Math.floor(r() * 20);
    const publishedAt = r() < 0.1 ? null : new Date(Date.UTC(2026, 0, 1 + day)).toISOString();
    const firstSeenAt = new Date(Date.UTC(2026, 0, 1 + day)).toISOString();
    heads.set(id, { id, title: id, publishedAt, firstSeenAt, effectiveDate: publishedAt ?? firstSeenAt, effectiveMs: r() < 0.03 ? NaN : Date.parse(publishedAt ?? firstSeenAt) });
  }
  const wordings = ['Prime Minister', 'prime minister', 'UK Prime Minister', 'Labour leader', 'leader', 'MP for Sedgefield', 'Minister'];
  const roles = Array.from({ length: n * 2 }, () => ({
    role: wordings[Math.floor(r() * wordings.length)],
    articleId: ids[Math.floor(r() * ids.length)],
    date: r() < 0.5 ? null : new Date(Date.UTC(2026, 0, 1 + Math.floor(r() * 30))).toISOString(),
  }));
  const entity: IndexedEntity = { id: 'person:tony blair', name: 'Tony Blair', type: 'person', kind: 'subject', aliases: ['Blair'], roles, mentionCount: n, articleIds: ids, cooccurring: [] };
  const corpus = {
    head: (id: string) => heads.get(id),
    // The corpus picks the latest in memory (CorpusIndex.latestOf, tested in tests/corpus/latest-of.test.ts); here a plain stable sort.
    latestOf: (e: IndexedEntity, max?: number) => {
      const sorted = e.articleIds.map((id) => heads.get(id)).filter((h): h is CorpusHead => !!h).sort((a, b) => (b.effectiveMs || 0) - (a.effectiveMs || 0));
      return { shown: max ? sorted.slice(0, max) : sorted, count: sorted.length };
    },
    entities: () => ({ lookup: () => [entity], suggest: () => [] }),
    quotesBy: async () => ({ quotes: [], total: 0 }),
    load: async (want: readonly string[]) => want.map((id) => ({ ...heads.get(id)! }) as unknown as CorpusArticle),
  } as unknown as CorpusView;
  return { entity, corpus };
}

describe('/who: roles and latest articles without sorting or scanning everything', () => {
  it('roleSpans gives what the list-scanning form gave', () => {
    for (const seed of [1, 2, 3, 4]) {
      const { entity, corpus } = fixture(seed, 400);
      expect(roleSpans(entity, corpus)).toEqual(referenceRoleSpans(entity, corpus));
    }
  });

  it('the latest articles are the first of a stable sort by date, and the count is of answerable articles', async () => {
    for (const seed of [5, 6, 7]) {
      const { entity, corpus } = fixture(seed, 300);
      const sorted = entity.articleIds.map((id) => corpus.head(id)).filter((h): h is CorpusHead => !!h).sort((a, b) => (b.effectiveMs || 0) - (a.effectiveMs || 0));
      for (const max of [1, 5, 40, undefined]) {
        const p = await buildWhoProfile(corpus, 'tony blair', { maxArticles: max });
        expect(p.articleCount).toBe(sorted.length);
        expect(p.articles.map((a) => a.id)).toEqual((max ? sorted.slice(0, max) : sorted).map((h) => h.id));
      }
    }
  });
});
