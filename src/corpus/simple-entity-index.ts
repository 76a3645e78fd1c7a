import { distance } from 'fastest-levenshtein';
import type { ArticleAnalysis } from '../analysis/types.js';
import { fold } from '../search/fold.js';
import type { EntityIndex, IndexedEntity } from './corpus-view.js';

/**
 * Minimal corpus entity index: merges article entities by folded canonical
 * name and finds them by name, alias or name word, with typo suggestions.
 */
export function buildSimpleEntityIndex(docs: { id: string; title: string; publishedAt: string | null; analysis: ArticleAnalysis }[]): EntityIndex {
  const byKey = new Map<string, IndexedEntity>();
  for (const d of docs) {
    for (const e of d.analysis.entities) {
      if (e.kind === 'byline') continue;
      const key = `${e.type}:${fold(e.name)}`;
      let ie = byKey.get(key);
      if (!ie) {
        ie = { id: key, name: e.name, type: e.type, aliases: [], roles: [], mentionCount: 0, articleIds: [], cooccurring: [] };
        byKey.set(key, ie);
      }
      for (const a of e.aliases) if (!ie.aliases.includes(a)) ie.aliases.push(a);
      for (const r of e.roles) ie.roles.push({ role: r.role, articleId: d.id, date: d.publishedAt });
      if (e.role && !e.roles.length) ie.roles.push({ role: e.role, articleId: d.id, date: d.publishedAt });
      ie.mentionCount += e.mentions.length;
      if (!ie.articleIds.includes(d.id)) ie.articleIds.push(d.id);
    }
  }
  const all = [...byKey.values()];
  const keys = new Map<string, IndexedEntity[]>();
  const add = (k: string, e: IndexedEntity) => {
    if (!k) return;
    const arr = keys.get(k) ?? [];
    if (!arr.includes(e)) arr.push(e);
    keys.set(k, arr);
  };
  for (const e of all) {
    add(fold(e.name), e);
    for (const a of e.aliases) add(fold(a), e);
  }
  return {
    lookup(query) {
      const q = fold(query);
      const exact = keys.get(q);
      if (exact) return exact;
      return all.filter((e) => e.type === 'person' && fold(e.name).split(' ').includes(q));
    },
    suggest(query, limit) {
      const q = fold(query);
      return all
        .map((e) => ({ e, d: Math.min(...[e.name, ...e.aliases].flatMap((n) => fold(n).split(' ').concat(fold(n))).map((w) => distance(w, q))) }))
        .filter((x) => x.d <= Math.max(1, Math.floor(q.length / 3)))
        .sort((a, b) => a.d - b.d || b.e.mentionCount - a.e.mentionCount)
        .slice(0, limit)
        .map((x) => x.e);
    },
    get: (id) => byKey.get(id),
    all: () => all,
  };
}
