import { buildBriefing, type Briefing, type BriefingStory } from '../briefing/build-briefing.js';
import { briefingReply } from './briefing-reply.js';
import type { CorpusView } from '../corpus/corpus-view.js';
import { makeReply, type Reply, type ReplySection } from '../core/reply.js';
import type { ChannelSettings } from '../settings/channel-settings.js';
import { formatInZone } from '../settings/friendly-schedule.js';

/** What a digest covers: articles that arrived since `arrivedSince`, minus stories already sent. */
export interface DigestWindow {
  arrivedSince: Date;
  /** Article ids already sent to the channel. */
  excludeArticleIds: ReadonlySet<string>;
  /** When the digest is built (and the instant its coverage ends). */
  now: Date;
}

/** A built digest: the reply to post plus what it contains, for the run ledger. */
export interface Digest {
  reply: Reply;
  storyCount: number;
  articleIds: string[];
  /** Topics that contributed at least one story. */
  topicsWithNews: string[];
}

/**
 * Build a channel's digest: for each of its topics, the briefing over the
 * articles that arrived in the window, grouped by story, never repeating a
 * story already sent, and never showing the same story under two topics.
 * Stories are shared out round-robin so one busy topic cannot crowd out the
 * rest, up to `maxStories` in total. Reads the corpus only (loads the stories' articles).
 */
export async function buildDigest(corpus: CorpusView, settings: Pick<ChannelSettings, 'topics' | 'maxStories' | 'timezone'>, w: DigestWindow): Promise<Digest> {
  const max = Math.max(1, settings.maxStories);
  const perTopic: Briefing[] = await Promise.all(
    settings.topics.map((topic) => buildBriefing(corpus, topic, { maxStories: max, arrivedSince: w.arrivedSince, excludeArticleIds: w.excludeArticleIds })),
  );
  const chosen = perTopic.map(() => [] as BriefingStory[]);
  const usedArticles = new Set<string>();
  let total = 0;
  while (total < max) {
    let progressed = false;
    for (let t = 0; t < perTopic.length && total < max; t++) {
      const story = nextUnused(perTopic[t].stories, chosen[t], usedArticles);
      if (!story) continue;
      chosen[t].push(story);
      for (const id of story.articleIds) usedArticles.add(id);
      total++;
      progressed = true;
    }
    if (!progressed) break;
  }
  const title = digestTitle(settings.topics, w.now, settings.timezone);
  const sinceLabel = formatInZone(w.arrivedSince, settings.timezone);
  if (total === 0) return { reply: emptyDigest(settings.topics, title, sinceLabel), storyCount: 0, articleIds: [], topicsWithNews: [] };
  const sections: ReplySection[] = [];
  perTopic.forEach((b, t) => {
    if (!chosen[t].length) return;
    const rendered = briefingReply({ ...b, stories: chosen[t] }, corpus.size(), b.topic);
    sections.push({ heading: b.topic, items: rendered.sections[0]?.items ?? [] });
  });
  const quiet = settings.topics.filter((_, t) => chosen[t].length === 0);
  return {
    reply: makeReply({
      title,
      intro: `${total} new stor${total === 1 ? 'y' : 'ies'} since ${sinceLabel}.`,
      sections,
      footer: quiet.length ? `Nothing new on: ${quiet.join(', ')}.` : undefined,
      visibility: 'channel',
    }),
    storyCount: total,
    articleIds: [...usedArticles],
    topicsWithNews: perTopic.filter((_, t) => chosen[t].length > 0).map((b) => b.topic),
  };
}

/** The next story of a topic not yet used by another topic (stories are ranked, so take them in order). */
function nextUnused(stories: readonly BriefingStory[], taken: readonly BriefingStory[], used: ReadonlySet<string>): BriefingStory | undefined {
  return stories.find((s) => !taken.includes(s) && !s.articleIds.some((id) => used.has(id)));
}

function digestTitle(topics: readonly string[], now: Date, tz: string): string {
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short' }).format(now);
  const what = topics.length ? topics.join(', ') : 'your topics';
  return `Digest — ${what} — ${day}`.slice(0, 150);
}

function emptyDigest(topics: readonly string[], title: string, sinceLabel: string): Reply {
  if (!topics.length) {
    return makeReply({ kind: 'empty', title, intro: 'This channel does not follow any topics yet.', sections: [{ text: 'An admin can add some with /newsdesk topics add colombia.' }], visibility: 'channel' });
  }
  return makeReply({
    kind: 'empty',
    title,
    intro: `No new stories on ${topics.join(', ')} since ${sinceLabel}.`,
    sections: [],
    visibility: 'channel',
  });
}
