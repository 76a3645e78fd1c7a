import type { ArticleAnalysis, ArticleEntity, EntityType, Quote } from '../../src/analysis/types.js';
import type { StoredArticle } from '../../src/store/article-store.js';

/** A dictionary entry: canonical name, type and the surface forms that refer to it. */
export interface DictEntry {
  name: string;
  type: EntityType;
  aliases?: string[];
  role?: string;
}

/**
 * A deterministic stand-in for the NLP stage, so search/briefing tests
 * exercise ranking and rendering independently of entity-model quality:
 * entities are found by exact surface forms, quotes are `"…," X said.`
 */
export function dictionaryAnalyzer(dict: DictEntry[]): (a: StoredArticle) => ArticleAnalysis {
  return (a) => {
    const entities: ArticleEntity[] = [];
    for (const d of dict) {
      const mentions: [number, number][] = [];
      const seen: string[] = [];
      for (const form of [d.name, ...(d.aliases ?? [])]) {
        const re = new RegExp(`\\b${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g');
        let m: RegExpExecArray | null;
        while ((m = re.exec(a.text))) {
          if (mentions.some(([s, e]) => m!.index < e && m!.index + form.length > s)) continue;
          mentions.push([m.index, m.index + form.length]);
          if (form !== d.name && !seen.includes(form)) seen.push(form);
        }
      }
      if (mentions.length) {
        entities.push({ name: d.name, type: d.type, role: d.role ?? null, roles: d.role ? [{ role: d.role, span: mentions[0] }] : [], aliases: seen, mentions, kind: 'subject' });
      }
    }
    const quotes: Quote[] = [];
    const qre = /"([^"]+?),?"\s+([A-Z][\w ]+?) said/g;
    let q: RegExpExecArray | null;
    while ((q = qre.exec(a.text))) {
      const who = dict.find((d) => [d.name, ...(d.aliases ?? [])].includes(q![2]));
      const start = q.index + 1;
      quotes.push({ text: q[1], span: [start, start + q[1].length], direct: true, speaker: who?.name ?? null, speakerSpan: null, cue: 'said' });
    }
    const sentences = a.text.split(/(?<=[.!?])\s+/).filter(Boolean);
    return { entities, quotes, summary: sentences.slice(0, 2) };
  };
}
