import type { Briefing } from '../briefing/build-briefing.js';
import { formatDate } from '../briefing/source-label.js';
import { makeReply, type Reply, type ReplyItem } from '../core/reply.js';

/*
 * Shared by /brief and the digests. It sits here, not in src/commands, so
 * the digests never import a command file (issue #18); its natural home is
 * src/briefing/ next to buildTrending, once that module's owner moves it.
 */

/** Render a briefing as a platform-neutral Reply (used by /brief and by digests). */
export function briefingReply(b: Briefing, corpusSize: number, title = `Briefing: ${b.topic}`): Reply {
  const windowNote = b.window ? ` (${b.window.label})` : '';
  if (b.stories.length === 0) {
    const hint = b.latest
      ? `The latest about it is from ${formatDate(b.latest)}: try a longer window.`
      : b.suggestions.length
        ? `Did you mean: ${b.suggestions.join(', ')}?`
        : 'Try a person, a place or an organization in the news, e.g. /brief colombia.';
    return makeReply({
      kind: 'empty',
      title,
      intro: `No stories about “${b.topic}”${windowNote} in the ${corpusSize} articles newsdesk has.`,
      sections: [{ text: hint }],
    });
  }
  const items: ReplyItem[] = b.stories.map((s) => {
    const [first, ...more] = s.sources;
    return {
      title: s.title,
      summary: s.summary.slice(0, 3).join(' '),
      source: first?.label,
      date: first?.date ?? null,
      link: first?.url ?? undefined,
      // A verb that changes the meaning ("denied", "accused") is shown with the name, as /who and /quotes do.
      quotes: s.quotes.map((q) => ({ text: q.text, speaker: q.speaker && q.verb ? `${q.speaker} (${q.verb})` : q.speaker, direct: q.direct })),
      notes: more.length || s.moreReports ? [alsoReported(more, s.moreReports)] : undefined,
    };
  });
  return makeReply({
    title,
    intro: b.involved.length ? `Who's involved: ${b.involved.join(', ')}` : undefined,
    sections: [{ items }],
    footer: `${b.stories.length} stor${b.stories.length === 1 ? 'y' : 'ies'} from ${b.considered} matching article${b.considered === 1 ? '' : 's'}${windowNote} · ${corpusSize} in corpus`,
  });
}

/** "Also reported by: A (3 Oct 2026), B (2 Oct 2026) and 40 more" — the versions read, then a count of the rest. */
function alsoReported(shown: readonly { label: string; date: string | null }[], more: number): string {
  const listed = shown.map((m) => `${m.label} (${formatDate(m.date)})`).join(', ');
  const rest = `${more} more report${more === 1 ? '' : 's'}`;
  if (!more) return `Also reported by: ${listed}`;
  return listed ? `Also reported by: ${listed} and ${rest}` : `Also reported: ${rest}`;
}
