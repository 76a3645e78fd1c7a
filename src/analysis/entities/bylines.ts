import type { ArticleEntity, Span } from '../types.js';
import { fold } from './fold.js';

/** "(Reporting by A and B in Bogota; Editing by C)" style credits left in the text. */
const CREDIT_RE = /\b(additional reporting|reporting|writing|editing|compiled|produced|photos?|video|graphics|translated)\s+by\s+([^;)\n]+)/gi;

interface Credit {
  name: string;
  credit: string;
  span: Span | null;
}

/**
 * Bylines are people of their own kind: reporters and editors are emitted as
 * `kind: 'byline'` persons and removed from the story's subjects. Names come
 * from cleaning (`byline`) and from credit lines still in the text.
 */
export function addBylines(text: string, entities: ArticleEntity[], byline: string[]): ArticleEntity[] {
  const credits = new Map<string, Credit>();
  for (const name of byline) {
    const n = name.trim();
    if (n) credits.set(fold(n), { name: n, credit: 'reporter', span: null });
  }
  CREDIT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CREDIT_RE.exec(text))) {
    const credit = /^edit/i.test(m[1]) ? 'editor' : /^photo/i.test(m[1]) ? 'photographer' : 'reporter';
    let offset = m.index + m[0].length - m[2].length;
    for (const part of m[2].split(/(,|\band\b)/)) {
      const name = part.replace(/\s+(in|at|from)\s+.*$/s, '').trim();
      const at = text.indexOf(name, offset);
      offset += part.length;
      if (!/^\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*){0,3}$/u.test(name)) continue;
      const old = credits.get(fold(name));
      credits.set(fold(name), { name, credit: old?.credit === 'reporter' && credit !== 'reporter' ? credit : old?.credit ?? credit, span: at >= 0 ? [at, at + name.length] : null });
    }
  }
  if (credits.size === 0) return entities;
  const out: ArticleEntity[] = [];
  const bylineEntities = new Map<string, ArticleEntity>();
  for (const [k, c] of credits) {
    bylineEntities.set(k, {
      name: c.name, type: 'person', role: null, roles: [], aliases: [], mentions: c.span ? [c.span] : [], kind: 'byline', credit: c.credit,
    });
  }
  for (const e of entities) {
    const k = fold(e.name);
    const target = bylineEntities.get(k) ?? [...bylineEntities.entries()].find(([bk]) => e.type === 'person' && bk.endsWith(' ' + k))?.[1];
    const inCredit = [...credits.values()].some((c) => c.span && e.mentions.every((s) => s[0] >= c.span![0] - 1 && s[1] <= c.span![1] + 1));
    if (target && (e.type === 'person' || inCredit || k === fold(target.name))) {
      for (const s of e.mentions) if (!target.mentions.some((t) => t[0] === s[0])) target.mentions.push(s);
      continue;
    }
    out.push(e);
  }
  return [...out, ...bylineEntities.values()];
}
