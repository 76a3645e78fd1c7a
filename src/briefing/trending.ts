import type { CorpusArticle, CorpusView } from '../corpus/corpus-view.js';
import { makeReply, type Reply } from '../core/reply.js';
import type { TimeWindow } from '../core/time-window.js';
import { fold } from '../search/fold.js';

/** How often an entity was mentioned in the window and in the window before it. */
export interface TrendRow {
  name: string;
  type: string;
  mentions: number;
  articles: number;
  previousMentions: number;
}

const DEFAULT_WINDOW_MS = 7 * 86_400_000;

/** Count subject-entity mentions per canonical name over articles dated in [from, to). */
function countMentions(articles: readonly CorpusArticle[], from: string, to: string): Map<string, { name: string; type: string; mentions: number; articles: number }> {
  const counts = new Map<string, { name: string; type: string; mentions: number; articles: number }>();
  for (const a of articles) {
    if (a.effectiveDate < from || a.effectiveDate >= to) continue;
    for (const e of a.analysis.entities) {
      if (e.kind === 'byline' || e.type === 'other') continue;
      const k = fold(e.name);
      const c = counts.get(k) ?? { name: e.name, type: e.type, mentions: 0, articles: 0 };
      c.mentions += e.mentions.length;
      c.articles += 1;
      counts.set(k, c);
    }
  }
  return counts;
}

/** The most-mentioned entities in the window, with the change against the previous window of the same length. */
export function trendingRows(corpus: CorpusView, now: Date, window: TimeWindow | null, limit = 10): TrendRow[] {
  const since = window?.since ?? new Date(now.getTime() - DEFAULT_WINDOW_MS);
  const len = Math.max(now.getTime() - since.getTime(), 60_000);
  const prevSince = new Date(since.getTime() - len);
  const nowIso = new Date(now.getTime() + 1).toISOString();
  const cur = countMentions(corpus.articles(), since.toISOString(), nowIso);
  const prev = countMentions(corpus.articles(), prevSince.toISOString(), since.toISOString());
  return [...cur.entries()]
    .map(([k, c]) => ({ ...c, previousMentions: prev.get(k)?.mentions ?? 0 }))
    .sort((a, b) => b.mentions - a.mentions || b.articles - a.articles || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** "↑ 12", "↓ 3", "new", "=". */
export function changeLabel(r: TrendRow): string {
  if (r.previousMentions === 0) return 'new';
  const d = r.mentions - r.previousMentions;
  return d > 0 ? `↑ ${d}` : d < 0 ? `↓ ${-d}` : '=';
}

/** `/topics [window]`: what the corpus is talking about. */
export function buildTrending(corpus: CorpusView, now: Date, window: TimeWindow | null): Reply {
  const label = window?.label ?? 'last 7 days';
  const rows = trendingRows(corpus, now, window);
  if (rows.length === 0) {
    return makeReply({
      kind: 'empty',
      title: `What's in the news (${label})`,
      intro: `No articles dated in the ${label}. Try a longer window, e.g. /topics 30d.`,
      sections: [],
    });
  }
  return makeReply({
    title: `What's in the news (${label})`,
    sections: [
      {
        fields: rows.map((r) => ({
          label: `${r.name} (${r.type})`,
          value: `${r.mentions} mention${r.mentions === 1 ? '' : 's'} in ${r.articles} article${r.articles === 1 ? '' : 's'} · ${changeLabel(r)} vs previous period`,
        })),
      },
    ],
    footer: `${corpus.size()} articles in corpus · undated articles count from when newsdesk first saw them`,
  });
}
