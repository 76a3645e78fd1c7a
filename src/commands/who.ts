import { formatDate, formatMonth, sourceLabel } from '../briefing/source-label.js';
import { speakerLabel } from '../analysis/quotes/speaker-label.js';
import { buildWhoProfile, type WhoProfile } from '../briefing/who-profile.js';
import type { Command } from '../core/command-spec.js';
import type { CorpusView } from '../corpus/corpus-view.js';
import { makeReply, type Reply, type ReplyField } from '../core/reply.js';

/** Articles listed in a chat reply; `who --json` lists them all. */
const SHOWN_ARTICLES = 5;

/** `/who <name>`: who someone is, their roles over time, where they appear and what they said. */
export const whoCommand: Command = {
  spec: {
    name: 'who',
    description: 'Who is this? Role, articles, quotes and who they appear with.',
    args: [{ name: 'name', description: 'A name or part of one (typos are fine)', required: true, rest: true, autocomplete: 'entities', maxLength: 120 }],
    adminOnly: false,
    examples: ['blinken', 'human rights watch'],
  },
  async handle(inv, services) {
    return whoReply(await buildWhoProfile(services.corpus, inv.args, { maxArticles: SHOWN_ARTICLES }), services.corpus);
  },
};

/** "US Secretary of State (Oct 2021)"; with a range when the role spans months. */
export function describeRole(r: WhoProfile['roles'][number]): string {
  const a = formatMonth(r.firstSeen);
  const b = formatMonth(r.lastSeen);
  if (!a) return r.role;
  return a === b || !b ? `${r.role} (${a})` : `${r.role} (${a} – ${b})`;
}

/** Render a profile; loads the articles of the quotes it shows (for their sources). */
export async function whoReply(p: WhoProfile, corpus: CorpusView): Promise<Reply> {
  if (!p.entity) {
    return makeReply({
      kind: 'empty',
      title: `Who is “${p.query}”?`,
      intro: `Nobody called “${p.query}” appears in the ${corpus.size()} articles newsdesk has.`,
      sections: [{ text: p.suggestions.length ? `Did you mean: ${p.suggestions.join(', ')}?` : 'Try a surname or the full name as it appears in the news.' }],
    });
  }
  const e = p.entity;
  const fields: ReplyField[] = [{ label: 'Type', value: e.type, inline: true }];
  if (p.roles.length) fields.push({ label: p.roles.length > 1 ? 'Roles' : 'Role', value: p.roles.slice(0, 4).map(describeRole).join('\n'), inline: true });
  fields.push({ label: 'Appears in', value: `${e.articleIds.length} article${e.articleIds.length === 1 ? '' : 's'} (${e.mentionCount} mentions)`, inline: true });
  if (e.aliases.length) fields.push({ label: 'Also called', value: e.aliases.slice(0, 8).join(', ') });
  const co = e.cooccurring.slice(0, 8).map((c) => c.name);
  if (co.length) fields.push({ label: 'Appears with', value: co.join(', ') });
  const sections: Reply['sections'] = [{ fields }];
  if (p.quotes.length) {
    const quoted = new Map((await corpus.load([...new Set(p.quotes.map((q) => q.articleId))])).map((a) => [a.id, a]));
    sections.push({
      heading: 'What they said',
      quotes: p.quotes.map((q) => {
        const a = quoted.get(q.articleId);
        return { text: corpus.displayQuote(q.articleId, q), speaker: speakerLabel(q), direct: q.direct, source: a ? sourceLabel(a.source, a.url, a.publisher) : undefined, date: a?.publishedAt ?? null };
      }),
    });
  }
  const shown = p.articles.slice(0, SHOWN_ARTICLES);
  const more = p.articleCount - shown.length;
  sections.push({
    heading: 'Latest articles',
    items: shown.map((a) => ({ title: a.title, source: sourceLabel(a.source, a.url, a.publisher), date: a.publishedAt, link: a.url ?? undefined })),
  });
  if (more > 0) sections.push({ text: `and ${more} more article${more === 1 ? '' : 's'}` });
  if (p.alternatives.length) sections.push({ heading: 'Did you mean someone else?', text: p.alternatives.map((x) => `${x.name} (${x.type})`).join(', ') });
  return makeReply({
    title: e.name,
    intro: p.roles[0] ? describeRole(p.roles[0]) : undefined,
    sections,
    footer: `Last seen ${formatDate(p.articles[0]?.publishedAt)} · ${corpus.size()} articles searched`,
  });
}
