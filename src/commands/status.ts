import type { Command } from '../core/command-spec.js';
import { makeReply, type ReplyField } from '../core/reply.js';
import { isReply, settingsOf, sourceLabel } from '../settings/command-helpers.js';
import { formatInZone, parseSchedule } from '../settings/friendly-schedule.js';
import type { DigestRun } from '../core/digest-port.js';
import type { CoreServices } from '../core/services.js';
import { feedsOf } from './feeds.js';

/** How many failed articles and feeds `status` names before saying "and N more". */
const LIST_MAX = 5;

/** `/newsdesk status` (anyone): what this channel follows, its schedule, next and last digest, and where each setting came from. */
export const statusCommand: Command = {
  spec: {
    name: 'status',
    description: 'What this channel follows, its digest schedule, next run, last run and its result.',
    args: [],
    adminOnly: false,
    examples: [''],
  },
  async handle(inv, services) {
    const store = settingsOf(services);
    if (isReply(store)) return store;
    const s = await store.get(inv.channel);
    const parsed = s.schedule ? parseSchedule(s.schedule) : null;
    const st = await services.digests?.status(inv.channel);
    const state = s.paused ? `paused — ${s.paused.reason} (since ${s.paused.at.slice(0, 16).replace('T', ' ')} UTC; /newsdesk digest resume)` : !s.enabled ? 'off' : parsed ? 'on' : 'no schedule';
    const fields: ReplyField[] = [
      { label: 'Topics', value: s.topics.length ? `${s.topics.join(', ')} (${sourceLabel(s.sources.topics)})` : 'none yet' },
      { label: 'Schedule', value: parsed ? `${parsed.label} — “${s.schedule}” (${sourceLabel(s.sources.schedule)})` : 'none', inline: true },
      { label: 'Time zone', value: `${s.timezone} (${sourceLabel(s.sources.timezone)})`, inline: true },
      { label: 'Digest', value: state, inline: true },
      { label: 'Max stories', value: `${s.maxStories} (${sourceLabel(s.sources.maxStories)})`, inline: true },
      { label: 'When nothing is new', value: `${s.postWhenEmpty ? 'post “no new stories”' : 'stay quiet'} (${sourceLabel(s.sources.postWhenEmpty)})`, inline: true },
    ];
    if (s.invalidStored.length) fields.push({ label: 'Stored values ignored', value: s.invalidStored.map((p) => p.message).join('\n') });
    if (s.feeds.length) fields.push({ label: 'Feeds', value: `${s.feeds.join('\n')} (${sourceLabel(s.sources.feeds)})` });
    if (st) {
      fields.push({ label: 'Next run', value: st.nextRun ? `${formatInZone(st.nextRun, s.timezone)}${st.schedulerRunning ? '' : ' (when the bot is running)'}` : '—' });
      fields.push({ label: 'Last run', value: st.lastRun ? describeRun(st.lastRun, s.timezone) : 'never' });
    }
    fields.push(...corpusFields(services), ...(await feedFields(services, inv.channel)));
    return makeReply({ title: 'Channel status', sections: [{ fields }], footer: 'Settings marked “from config file” come from the channels file; a change in chat takes precedence.' });
  },
};

function describeRun(r: DigestRun, tz: string): string {
  const when = formatInZone(new Date(r.slot), tz);
  const result =
    r.status === 'sent' ? `posted ${r.storyCount} stor${r.storyCount === 1 ? 'y' : 'ies'}${r.attempts > 1 ? ` after ${r.attempts} attempts` : ''}`
    : r.status === 'empty' ? 'nothing new, stayed quiet'
    : r.status === 'claimed' ? 'in progress (or interrupted)'
    : `${r.status}${r.detail ? `: ${r.detail}` : ''}`;
  return `${when} (${r.reason}) — ${result}`;
}

/** The corpus as a reader needs it: how much is answerable, what is still being analysed, what failed and why. */
function corpusFields(services: CoreServices): ReplyField[] {
  const c = services.corpus.status();
  const fields: ReplyField[] = [
    { label: 'Corpus', value: `${c.analysed} article${c.analysed === 1 ? '' : 's'} answerable${c.pending ? `, ${c.pending} being analysed` : ''}${c.failed ? `, ${c.failed} not analysed` : ''}` },
  ];
  const failed = services.corpus.failures();
  if (failed.length) {
    const lines = failed.slice(0, LIST_MAX).map((f) => `${f.title.slice(0, 80)} — analysis failed: ${f.reason === 'too_slow' ? 'too slow' : f.reason} (${f.message.slice(0, 120)})`);
    if (failed.length > LIST_MAX) lines.push(`and ${failed.length - LIST_MAX} more`);
    fields.push({ label: 'Articles left out of answers', value: lines.join('\n') });
  }
  return fields;
}

/** Health of the feeds this channel follows (all feeds are listed by `/newsdesk feeds list`). */
async function feedFields(services: CoreServices, channel: string): Promise<ReplyField[]> {
  const feeds = feedsOf(services);
  if (!feeds) return [];
  const mine = (await feeds.refresh()).filter((f) => f.followers.includes(channel));
  if (!mine.length) return [];
  const lines = mine.slice(0, LIST_MAX).map((f) => `${f.url} — ${f.health}${f.lastError && f.health !== 'ok' ? `: ${f.lastError.slice(0, 120)}` : ''}`);
  if (mine.length > LIST_MAX) lines.push(`and ${mine.length - LIST_MAX} more (/newsdesk feeds list)`);
  return [{ label: 'Feeds followed', value: lines.join('\n') }];
}
