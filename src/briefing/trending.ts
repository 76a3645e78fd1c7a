import type { CorpusView } from '../corpus/corpus-view.js';
import { makeReply, type Reply } from '../core/reply.js';
import type { TimeWindow } from '../core/time-window.js';

/** How often an entity was mentioned in the window and in the window before it. */
export interface TrendRow {
  name: string;
  type: string;
  mentions: number;
  articles: number;
  previousMentions: number;
}

const DEFAULT_WINDOW_MS = 7 * 86_400_000;

/** The most-mentioned entities in the window, with the change against the previous window of the same length. */
export function trendingRows(corpus: CorpusView, now: Date, window: TimeWindow | null, limit = 10): TrendRow[] {
  const since = window?.since ?? new Date(now.getTime() - DEFAULT_WINDOW_MS);
  const len = Math.max(now.getTime() - since.getTime(), 60_000);
  const prevSince = new Date(since.getTime() - len);
  const cur = corpus.mentionCounts(since, new Date(now.getTime() + 1));
  const prev = new Map(corpus.mentionCounts(prevSince, since).map((c) => [c.key, c.mentions]));
  return cur
    .map((c) => ({ name: c.name, type: c.type, mentions: c.mentions, articles: c.articles, previousMentions: prev.get(c.key) ?? 0 }))
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
