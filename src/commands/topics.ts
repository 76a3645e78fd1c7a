import { buildTrending } from '../briefing/trending.js';
import type { Command } from '../core/command-spec.js';
import type { CommandInvocation } from '../core/invocation.js';
import { errorReply, makeReply, type Reply } from '../core/reply.js';
import type { CoreServices } from '../core/services.js';
import { parseTimeWindow } from '../core/time-window.js';
import { adminRefusal } from '../settings/admin-refusal.js';
import { MAX_TOPICS } from '../settings/channel-settings.js';
import { confirmationReply, isReply, settingsOf, sourceLabel, splitConfirm, splitFirstWord } from '../settings/command-helpers.js';

/**
 * `/topics [window]` (anyone): what the corpus is talking about.
 * `/newsdesk topics add|remove|list …`: the topics this channel's digest
 * follows. The spec is open to everyone because `list` and trending are;
 * `add` and `remove` check `actor.isAdmin` in the handler.
 */
export const topicsCommand: Command = {
  spec: {
    name: 'topics',
    description: "What the news is talking about; `topics add|remove|list` manages this channel's digest topics (add/remove: admins only).",
    args: [{ name: 'window or action', description: 'A window (24h, 7d), or add|remove|list followed by topics', required: false, rest: true, maxLength: 300 }],
    adminOnly: false,
    examples: ['', '7d', 'list', 'add colombia, human rights', 'remove venezuela'],
    usage: 'topics [window] | topics add|remove|list [topics]',
  },
  handle(inv, services) {
    const { word, rest } = splitFirstWord(inv.args);
    if (word === 'add' || word === 'remove' || word === 'list') return channelTopics(word, rest, inv, services);
    const now = services.clock.now();
    const window = inv.args.trim() ? parseTimeWindow(inv.args, now) : null;
    if (inv.args.trim() && !window) {
      return errorReply('I did not understand that', `“${inv.args.slice(0, 60)}” is neither a window (24h, 7d, since monday) nor add/remove/list.`, 'Examples: /topics 7d · /newsdesk topics add colombia');
    }
    return buildTrending(services.corpus, now, window);
  },
};

/** "colombia, human rights; venezuela" → ["colombia", "human rights", "venezuela"]. */
function splitTopics(text: string): string[] {
  return text.split(/[,;]/).map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

async function channelTopics(action: 'add' | 'remove' | 'list', rest: string, inv: CommandInvocation, services: CoreServices): Promise<Reply> {
  const store = settingsOf(services);
  if (isReply(store)) return store;
  const current = await store.get(inv.channel);
  if (action === 'list') {
    if (!current.topics.length) {
      return makeReply({ kind: 'empty', title: 'This channel follows no topics yet', intro: 'An admin can add some with /newsdesk topics add colombia, venezuela.', sections: [] });
    }
    return makeReply({
      title: `Topics this channel follows (${current.topics.length})`,
      sections: [{ text: current.topics.map((t) => `• ${t}`).join('\n') }],
      footer: `Topics ${sourceLabel(current.sources.topics)}.`,
    });
  }
  if (!inv.actor.isAdmin) return adminRefusal(`topics ${action}`);
  const { rest: text, confirmed } = splitConfirm(rest);
  const asked = splitTopics(text);
  if (!asked.length) return errorReply(`Which topics should I ${action}?`, `Usage: /newsdesk topics ${action} colombia, human rights`);
  const has = (t: string) => current.topics.some((c) => c.toLowerCase() === t.toLowerCase());
  if (action === 'add') {
    const fresh = asked.filter((t, i) => !has(t) && asked.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i);
    if (!fresh.length) return makeReply({ title: 'Nothing to add', intro: `This channel already follows ${asked.join(', ')}.`, sections: [] });
    if (current.topics.length + fresh.length > MAX_TOPICS) return errorReply('Too many topics', `A channel can follow at most ${MAX_TOPICS} topics; it follows ${current.topics.length}.`);
    const next = await store.update(inv.channel, { topics: [...current.topics, ...fresh] }, 'chat', services.clock.now());
    return makeReply({ title: `Added ${fresh.join(', ')}`, intro: `This channel now follows: ${next.topics.join(', ')}.`, sections: [] });
  }
  const missing = asked.filter((t) => !has(t));
  if (missing.length) return errorReply('Not followed', `This channel does not follow ${missing.join(', ')}.`, current.topics.length ? `It follows: ${current.topics.join(', ')}.` : undefined);
  const remaining = current.topics.filter((c) => !asked.some((t) => t.toLowerCase() === c.toLowerCase()));
  if (!confirmed) {
    return confirmationReply('topics', `remove ${text}`, `Remove ${asked.join(', ')}?`, `Digests in this channel will stop covering ${asked.join(', ')}. Remaining topics: ${remaining.join(', ') || 'none'}.`);
  }
  await store.update(inv.channel, { topics: remaining }, 'chat', services.clock.now());
  return makeReply({ title: `Removed ${asked.join(', ')}`, intro: remaining.length ? `This channel now follows: ${remaining.join(', ')}.` : 'This channel follows no topics now.', sections: [] });
}
