import type { CorpusArticle, CorpusHead, CorpusQuote, CorpusView, IndexedEntity } from '../corpus/corpus-view.js';
import { fold } from '../search/fold.js';
import { pickQuotes } from './pick-quotes.js';

/** A role held by an entity, with the earliest and latest article dates it was seen in. */
export interface RoleSpan {
  role: string;
  firstSeen: string | null;
  lastSeen: string | null;
  articleIds: string[];
}

/** Everything `/who` shows about one entity. */
export interface WhoProfile {
  query: string;
  entity: IndexedEntity | null;
  /** Other entities the query also matched (disambiguation). */
  alternatives: IndexedEntity[];
  /** Roles, most recent first. */
  roles: RoleSpan[];
  /** Articles the entity appears in, latest first, loaded: all of them, or the first `maxArticles`. */
  articles: CorpusArticle[];
  /** How many articles the entity appears in. */
  articleCount: number;
  quotes: CorpusQuote[];
  suggestions: string[];
}

/** Quotes read per name before picking the ones shown: the newest, which is what the pick prefers anyway. */
const QUOTE_POOL = 60;

/**
 * Look an entity up by any name, alias or typo and assemble its profile. The entity, its roles and its
 * article list come from memory; only the articles shown and the newest quotes are loaded.
 */
export async function buildWhoProfile(corpus: CorpusView, query: string, opts: { maxQuotes?: number; maxArticles?: number } = {}): Promise<WhoProfile> {
  const index = corpus.entities();
  const matches = rankMatches(index.lookup(query), query);
  const entity = matches[0] ?? null;
  if (!entity) {
    const suggestions = index.suggest(query, 5).map((e) => e.name);
    return { query, entity: null, alternatives: [], roles: [], articles: [], articleCount: 0, quotes: [], suggestions };
  }
  const { shown, count } = corpus.latestOf(entity, opts.maxArticles);
  const names = [entity.name, ...entity.aliases.filter((a) => fold(a).includes(' ') || entity.type !== 'person')];
  const seen = new Set<string>();
  const allQuotes: CorpusQuote[] = [];
  const byName = await Promise.all(names.map((n) => corpus.quotesBy(n, { limit: QUOTE_POOL })));
  for (const { quotes } of byName) {
    for (const q of quotes) {
      const k = `${q.articleId}:${q.span[0]}`;
      if (!seen.has(k)) {
        seen.add(k);
        allQuotes.push(q);
      }
    }
  }
  return {
    query,
    entity,
    alternatives: matches.slice(1, 6),
    roles: roleSpans(entity, corpus),
    articles: await corpus.load(shown.map((h) => h.id)),
    articleCount: count,
    quotes: pickQuotes(allQuotes, opts.maxQuotes ?? 5),
    suggestions: [],
  };
}

/**
 * What people mean by what they type: a full name typed out wins; otherwise
 * people before other kinds, then the one the corpus talks about most (by
 * articles, then mentions), so "trump" is the candidate in 50 articles and
 * not a relative in 3. The others become "Did you mean".
 */
export function rankMatches(matches: IndexedEntity[], query: string): IndexedEntity[] {
  const q = fold(query).trim();
  const typedFull = q.includes(' ');
  return [...matches].sort((a, b) => {
    const exact = typedFull ? Number(fold(b.name) === q) - Number(fold(a.name) === q) : 0;
    if (exact) return exact;
    const person = Number(b.type === 'person') - Number(a.type === 'person');
    if (person) return person;
    const full = Number(b.name.includes(' ')) - Number(a.name.includes(' '));
    if (full && b.type === 'person') return full;
    return b.articleIds.length - a.articleIds.length || b.mentionCount - a.mentionCount;
  });
}

/** Group an entity's role mentions into roles with first/last dates, most recent first. */
export function roleSpans(entity: IndexedEntity, corpus: CorpusView): RoleSpan[] {
  // A well-known person has thousands of role mentions in a handful of wordings: fold each wording once,
  // and keep each span's articles in a set beside its list (the list keeps first-seen order).
  const folded = new Map<string, string>();
  const foldRole = (role: string): string => {
    let f = folded.get(role);
    if (f === undefined) folded.set(role, (f = fold(role)));
    return f;
  };
  const byRole = new Map<string, RoleSpan & { seen: Set<string> }>();
  for (const r of entity.roles) {
    const key = foldRole(r.role);
    const date = r.date ?? corpus.head(r.articleId)?.publishedAt ?? null;
    let span = byRole.get(key);
    if (!span) byRole.set(key, (span = { role: r.role, firstSeen: date, lastSeen: date, articleIds: [], seen: new Set() }));
    // Prefer the longest wording of the same role ("US Secretary of State" over "Secretary of State").
    if (r.role.length > span.role.length) span.role = r.role;
    if (date && (!span.firstSeen || date < span.firstSeen)) span.firstSeen = date;
    if (date && (!span.lastSeen || date > span.lastSeen)) span.lastSeen = date;
    if (!span.seen.has(r.articleId)) {
      span.seen.add(r.articleId);
      span.articleIds.push(r.articleId);
    }
  }
  const spans = mergeContainedRoles([...byRole.values()], foldRole);
  return spans.sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || b.articleIds.length - a.articleIds.length);
}

/** "Secretary of State" seen alongside "US Secretary of State" is the same role. */
function mergeContainedRoles(spans: (RoleSpan & { seen: Set<string> })[], foldRole: (role: string) => string): RoleSpan[] {
  const sorted = [...spans].sort((a, b) => b.role.length - a.role.length);
  const out: { span: RoleSpan; key: string; seen: Set<string> }[] = [];
  for (const s of sorted) {
    const key = foldRole(s.role);
    const host = out.find((o) => o.key.includes(key));
    if (!host) {
      out.push({ span: { role: s.role, firstSeen: s.firstSeen, lastSeen: s.lastSeen, articleIds: [...s.articleIds] }, key, seen: new Set(s.seen) });
      continue;
    }
    for (const id of s.articleIds) {
      if (host.seen.has(id)) continue;
      host.seen.add(id);
      host.span.articleIds.push(id);
    }
    if (s.firstSeen && (!host.span.firstSeen || s.firstSeen < host.span.firstSeen)) host.span.firstSeen = s.firstSeen;
    if (s.lastSeen && (!host.span.lastSeen || s.lastSeen > host.span.lastSeen)) host.span.lastSeen = s.lastSeen;
  }
  return out.map((o) => o.span);
}
