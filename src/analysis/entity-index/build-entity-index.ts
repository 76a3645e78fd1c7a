import { distance } from 'fastest-levenshtein';
import { foldKey } from '../entities/fold.js';
import type { ArticleEntity, EntityType } from '../types.js';
import type { EntityIndex, IndexDoc, IndexedEntity } from './types.js';

/** Mutable accumulator for one corpus entity while the index is built. */
interface Acc {
  entity: IndexedEntity;
  aliasKeys: Set<string>;
  /** Per-type evidence across articles, so "other" in one article can join "person" in another. */
  typeVotes: Map<EntityType, number>;
}

/**
 * Build the corpus entity index.
 *
 * Article entities merge by folded canonical name and type (an article that
 * could only say "other" joins the typed entity of the same name). A person
 * known in some article only by one word ("Blinken") joins the full name
 * ("Antony Blinken") when exactly one full name in the corpus ends (or
 * starts) with it; two different people who share a surname stay apart.
 * Bylines are indexed apart and never returned by subject lookups.
 */
export function buildEntityIndex(docs: IndexDoc[]): EntityIndex {
  const byId = new Map<string, Acc>();
  const bylines = new Map<string, Acc>();
  /** Which corpus entities each article mentions (for co-occurrence). */
  const articleEntities = new Map<string, Set<Acc>>();
  const singles: { doc: IndexDoc; e: ArticleEntity }[] = [];

  for (const doc of docs) {
    const seen = new Set<Acc>();
    articleEntities.set(doc.id, seen);
    for (const e of doc.analysis.entities) {
      if (e.kind === 'byline') {
        addTo(bylines, `byline:${foldKey(e.name)}`, e, doc, 'byline');
        continue;
      }
      // One-word names ("Trump", "Clinton") typed person or left untyped are decided once every full name is known.
      if ((e.type === 'person' || e.type === 'other') && !e.name.includes(' ') && /^\p{Lu}/u.test(e.name)) {
        singles.push({ doc, e }); // decided once every full name is known
        continue;
      }
      seen.add(addTo(byId, idFor(e.type, e.name, byId), e, doc, 'subject'));
    }
  }
  // Bare one-word person names: join the unique full name that has them as surname (else first name).
  const bySurname = new Map<string, Acc[]>();
  const byFirst = new Map<string, Acc[]>();
  for (const acc of byId.values()) {
    if (acc.entity.type !== 'person') continue;
    const w = foldKey(acc.entity.name).split(' ');
    if (w.length < 2) continue;
    push(bySurname, w[w.length - 1], acc);
    push(byFirst, w[0], acc);
  }
  for (const { doc, e } of singles) {
    const k = foldKey(e.name);
    const acc = dominant(inArticle(bySurname.get(k) ?? byFirst.get(k) ?? [], doc.id));
    const target = acc ? mergeInto(acc, e, doc) : addTo(byId, idFor(e.type, e.name, byId), e, doc, 'subject');
    articleEntities.get(doc.id)!.add(target);
  }
  mergeByAlias(byId, articleEntities);
  return makeIndex(byId, bylines, articleEntities);
}

/**
 * An organization or place known in some articles only by a name that other
 * articles give as an alias of exactly one entity ("EU" → "European Union",
 * learnt from "the European Union (EU)") joins that entity. People are
 * handled by the surname rule instead.
 */
function mergeByAlias(byId: Map<string, Acc>, articleEntities: Map<string, Set<Acc>>): void {
  const owners = new Map<string, Acc[]>();
  for (const acc of byId.values()) {
    for (const k of acc.aliasKeys) if (k !== foldKey(acc.entity.name)) push(owners, k, acc);
  }
  for (const [id, acc] of byId) {
    if (acc.entity.type === 'person') continue;
    const cands = (owners.get(foldKey(acc.entity.name)) ?? []).filter(
      (o) => o !== acc && (o.entity.type === acc.entity.type || acc.entity.type === 'other') && o.entity.articleIds.length >= acc.entity.articleIds.length / 2,
    );
    if (cands.length !== 1) continue;
    const into = cands[0];
    const ie = into.entity;
    for (const a of [acc.entity.name, ...acc.entity.aliases]) if (!into.aliasKeys.has(foldKey(a))) (into.aliasKeys.add(foldKey(a)), ie.aliases.push(a));
    ie.roles.push(...acc.entity.roles);
    ie.mentionCount += acc.entity.mentionCount;
    for (const a of acc.entity.articleIds) {
      if (!ie.articleIds.includes(a)) ie.articleIds.push(a);
      const set = articleEntities.get(a);
      if (set) (set.delete(acc), set.add(into));
    }
    byId.delete(id);
  }
}

/**
 * The one candidate a bare name can safely mean: the only one, or one that
 * appears in at least twice as many articles as the next one ("Blair" in a
 * 2005 corpus is Tony Blair, not Ian Blair; "Clinton" in 2016 is Hillary).
 * Otherwise none.
 */
function dominant(cands: Acc[]): Acc | null {
  if (cands.length <= 1) return cands[0] ?? null;
  const sorted = [...cands].sort((a, b) => b.entity.articleIds.length - a.entity.articleIds.length || b.entity.mentionCount - a.entity.mentionCount);
  return sorted[0].entity.articleIds.length >= 2 * sorted[1].entity.articleIds.length ? sorted[0] : null;
}

/** A bare name in an article that names one of the candidates in full means that one. */
function inArticle(cands: Acc[], articleId: string): Acc[] {
  const here = cands.filter((c) => c.entity.articleIds.includes(articleId));
  return here.length === 1 ? here : cands;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

/**
 * Id for an article entity: same folded name and type → same id. An "other"
 * entity joins a typed one of the same name, and a typed one adopts an
 * existing "other" id.
 */
function idFor(type: EntityType, name: string, byId: Map<string, Acc>): string {
  const k = foldKey(name);
  const own = `${type}:${k}`;
  if (byId.has(own)) return own;
  if (type === 'other') {
    for (const t of ['person', 'organization', 'place'] as const) if (byId.has(`${t}:${k}`)) return `${t}:${k}`;
  }
  return own;
}

function addTo(map: Map<string, Acc>, id: string, e: ArticleEntity, doc: IndexDoc, kind: 'subject' | 'byline'): Acc {
  let acc = map.get(id);
  if (!acc) {
    acc = {
      entity: { id, name: e.name, type: e.type, kind, aliases: [], roles: [], mentionCount: 0, articleIds: [], cooccurring: [] },
      aliasKeys: new Set([foldKey(e.name)]),
      typeVotes: new Map(),
    };
    map.set(id, acc);
  }
  return mergeInto(acc, e, doc);
}

function mergeInto(acc: Acc, e: ArticleEntity, doc: IndexDoc): Acc {
  const ie = acc.entity;
  for (const surface of [e.name, ...e.aliases]) {
    const k = foldKey(surface);
    if (acc.aliasKeys.has(k)) continue;
    acc.aliasKeys.add(k);
    ie.aliases.push(surface);
  }
  const seenRoles = new Set(ie.roles.filter((r) => r.articleId === doc.id).map((r) => r.role));
  const roles = e.roles.length > 0 ? e.roles.map((r) => r.role) : e.role ? [e.role] : [];
  for (const role of roles) {
    if (seenRoles.has(role)) continue;
    seenRoles.add(role);
    ie.roles.push({ role, articleId: doc.id, date: doc.publishedAt });
  }
  ie.mentionCount += Math.max(1, e.mentions.length);
  if (ie.articleIds[ie.articleIds.length - 1] !== doc.id && !ie.articleIds.includes(doc.id)) ie.articleIds.push(doc.id);
  acc.typeVotes.set(e.type, (acc.typeVotes.get(e.type) ?? 0) + 1);
  if (e.type !== 'other' && ie.type === 'other') ie.type = e.type;
  return acc;
}

/** Oldest first, undated last: the order /who reads a role history in. */
function byDate(a: { date: string | null }, b: { date: string | null }): number {
  if (a.date === b.date) return 0;
  if (a.date === null) return 1;
  if (b.date === null) return -1;
  return a.date < b.date ? -1 : 1;
}

function makeIndex(byId: Map<string, Acc>, bylineMap: Map<string, Acc>, articleEntities: Map<string, Set<Acc>>): EntityIndex {
  const all = [...byId.values()].map((a) => a.entity);
  for (const e of all) {
    e.aliases = e.aliases.filter((a) => foldKey(a) !== foldKey(e.name));
    e.roles.sort(byDate);
  }
  all.sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name));
  const rank = new Map(all.map((e, i) => [e, i]));
  const keys = new Map<string, IndexedEntity[]>();
  for (const acc of byId.values()) for (const k of acc.aliasKeys) push(keys, k, acc.entity);
  for (const list of keys.values()) list.sort((a, b) => rank.get(a)! - rank.get(b)!);
  fillCooccurrence(byId, articleEntities);
  const keyList = [...keys.keys()].sort();
  const bylines = [...bylineMap.values()].map((a) => a.entity);
  return {
    lookup(query: string): IndexedEntity[] {
      const q = normalizeQuery(query);
      return keys.get(q) ?? keys.get(q.replace(/'s$/, '')) ?? [];
    },
    suggest(query: string, limit: number): IndexedEntity[] {
      return suggest(normalizeQuery(query), limit, keys, keyList, rank);
    },
    get: (id: string) => byId.get(id)?.entity ?? bylineMap.get(id)?.entity,
    all: () => all,
    bylines: () => bylines,
  };
}

function normalizeQuery(q: string): string {
  return foldKey(q.replace(/^\s*(the|a|an)\s+/i, '')).replace(/[’']s$/, '');
}

/** Co-occurring subjects per entity (top 20), counted once per shared article. */
function fillCooccurrence(byId: Map<string, Acc>, articleEntities: Map<string, Set<Acc>>): void {
  const counts = new Map<Acc, Map<Acc, number>>();
  for (const set of articleEntities.values()) {
    if (set.size > 200) continue; // a list page, not a story: pairs would be noise and quadratic
    const list = [...set];
    for (const a of list) {
      let m = counts.get(a);
      if (!m) counts.set(a, (m = new Map()));
      for (const b of list) if (a !== b) m.set(b, (m.get(b) ?? 0) + 1);
    }
  }
  for (const [a, m] of counts) {
    a.entity.cooccurring = [...m.entries()]
      .sort((x, y) => y[1] - x[1] || y[0].entity.mentionCount - x[0].entity.mentionCount)
      .slice(0, 20)
      .map(([b, count]) => ({ name: b.entity.name, type: b.entity.type, count }));
  }
}

/**
 * Typos and prefixes: keys within an edit distance that grows with the query
 * length (1 up to 4 letters, 2 up to 8, then 3), compared as whole names and
 * word by word ("blinkin" ~ "blinken"), plus names that start with the query.
 * Only keys of similar length are compared, which keeps this fast.
 */
function suggest(q: string, limit: number, keys: Map<string, IndexedEntity[]>, keyList: string[], rank: Map<IndexedEntity, number>): IndexedEntity[] {
  if (!q) return [];
  const max = q.length <= 4 ? 1 : q.length <= 8 ? 2 : 3;
  const scored = new Map<IndexedEntity, number>();
  const score = (e: IndexedEntity, s: number): void => {
    const old = scored.get(e);
    if (old === undefined || s < old) scored.set(e, s);
  };
  // Prefix matches: binary search into the sorted key list.
  let lo = 0;
  let hi = keyList.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyList[mid] < q) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < keyList.length && keyList[i].startsWith(q) && i - lo < 200; i++) {
    for (const e of keys.get(keyList[i])!) score(e, keyList[i] === q ? 0 : 0.5);
  }
  for (const [k, list] of keys) {
    const words = k.includes(' ') ? [k, ...k.split(' ')] : [k];
    let best = Infinity;
    for (const w of words) {
      if (Math.abs(w.length - q.length) > max) continue;
      const d = distance(w, q);
      if (d < best) best = d;
    }
    if (best <= max) for (const e of list) score(e, best);
  }
  return [...scored.entries()]
    .sort((a, b) => a[1] - b[1] || rank.get(a[0])! - rank.get(b[0])!)
    .slice(0, limit)
    .map(([e]) => e);
}
