import type { Command } from '../core/command-spec.js';
import type { CommandInvocation } from '../core/invocation.js';
import { errorReply, makeReply, type Reply, type ReplyItem } from '../core/reply.js';
import type { CoreServices } from '../core/services.js';
import type { FeedControl, FeedStatus } from '../feeds/feed-control.js';
import { formatEvery } from '../feeds/poll-schedule.js';
import { adminRefusal } from '../settings/admin-refusal.js';
import { confirmationReply, splitConfirm, splitFirstWord } from '../settings/command-helpers.js';

/** The feed control, present when the bot polls feeds (the core's services do not know feeds). */
export function feedsOf(services: CoreServices): FeedControl | undefined {
  return (services as CoreServices & { feeds?: FeedControl }).feeds;
}

const HEALTH_LABEL: Record<FeedStatus['health'], string> = {
  pending: 'waiting for its first poll',
  ok: 'healthy',
  failing: 'failing, retrying with backoff',
  disabled: 'switched off after repeated failures',
};

/**
 * `/newsdesk feeds add|remove|list|test <url>`: the news sources newsdesk
 * follows. `list` is open to everyone; `add`, `remove` and `test` (which
 * fetches a URL someone typed) need an admin, checked in the handler.
 */
export const feedsCommand: Command = {
  spec: {
    name: 'feeds',
    description: 'The news feeds newsdesk follows: `feeds list` (anyone), `feeds add <url> [every]`, `feeds remove <url>`, `feeds test <url>` (admins only).',
    args: [{ name: 'action', description: 'list, add <url> [30s|10m|1h], remove <url>, or test <url>', required: false, rest: true, maxLength: 600 }],
    adminOnly: false,
    adminByDefault: true,
    examples: ['list', 'add https://example.com/rss.xml', 'add https://example.com/atom.xml 30m', 'test https://example.com/rss.xml', 'remove https://example.com/rss.xml'],
    usage: 'feeds list | feeds add <url> [every] | feeds remove <url> | feeds test <url>',
  },
  async handle(inv, services) {
    const feeds = feedsOf(services);
    if (!feeds) return errorReply('Feeds are not available here', 'This newsdesk process does not poll feeds.');
    const { word, rest } = splitFirstWord(inv.args);
    if (word === '' || word === 'list') return listFeeds(feeds, services);
    if (word !== 'add' && word !== 'remove' && word !== 'test') return errorReply('Unknown feeds action', 'Use list, add, remove or test, e.g. /newsdesk feeds add https://example.com/rss.xml.');
    if (!inv.actor.isAdmin) return adminRefusal(`feeds ${word}`);
    try {
      if (word === 'add') return await addFeed(feeds, rest, inv);
      if (word === 'remove') return removeFeed(feeds, rest);
      return await testFeed(feeds, rest);
    } catch (e) {
      // Refusals (private address, bad scheme) and fetch failures are answers for the admin, not crashes.
      return errorReply(word === 'test' ? 'That feed could not be read' : 'That feed was not added', (e as Error).message);
    }
  },
};

function when(iso: string | null, services: CoreServices): string {
  if (!iso) return 'never';
  const mins = Math.round((services.clock.now().getTime() - new Date(iso).getTime()) / 60_000);
  return mins < 1 ? 'just now' : mins < 120 ? `${mins} min ago` : iso.slice(0, 16).replace('T', ' ') + ' UTC';
}

/** One feed as a list item: URL, interval, health, last success and last error. */
export function feedItem(f: FeedStatus, services: CoreServices): ReplyItem {
  const notes = [`every ${formatEvery(f.everyMs)} · ${HEALTH_LABEL[f.health]} · last success ${when(f.lastSuccessAt, services)} · ${f.itemsSeen} items`];
  if (f.lastError) notes.push(`last error: ${f.lastError}`);
  if (f.health === 'failing' && f.nextAttemptAt) notes.push(`next try ${when(f.nextAttemptAt, services).replace(' ago', ' from now')}`);
  if (f.disabledReason) notes.push(`disabled: ${f.disabledReason}. /newsdesk feeds add ${f.url} turns it back on.`);
  return { title: f.url, notes };
}

async function listFeeds(feeds: FeedControl, services: CoreServices): Promise<Reply> {
  // Read the store now: another process may have added or removed feeds since our last poll tick.
  const all = await feeds.refresh();
  if (all.length === 0) {
    return makeReply({ kind: 'empty', title: 'No feeds', intro: 'newsdesk follows no feeds yet.', sections: [{ text: 'An admin can add one with /newsdesk feeds add https://example.com/rss.xml.' }] });
  }
  const failing = all.filter((f) => f.health === 'failing' || f.health === 'disabled').length;
  return makeReply({
    title: `${all.length} feed${all.length === 1 ? '' : 's'}`,
    intro: failing ? `${failing} need${failing === 1 ? 's' : ''} attention.` : 'All feeds are healthy or waiting for their first poll.',
    sections: [{ items: all.map((f) => feedItem(f, services)) }],
  });
}

async function addFeed(feeds: FeedControl, rest: string, inv: CommandInvocation): Promise<Reply> {
  const [url, every] = rest.split(/\s+/);
  if (!url) return errorReply('Which feed?', 'Give the feed URL, e.g. /newsdesk feeds add https://example.com/rss.xml 10m.');
  const f = await feeds.add(url, every ?? null, 'chat', inv.channel);
  return makeReply({
    title: 'Feed added',
    intro: `${f.url} is polled every ${formatEvery(f.everyMs)}; new stories appear in /brief and in this channel's digests. If it keeps failing it is switched off and this channel is told.`,
    sections: [],
  });
}

async function removeFeed(feeds: FeedControl, rest: string): Promise<Reply> {
  const { rest: url, confirmed } = splitConfirm(rest);
  if (!url) return errorReply('Which feed?', 'Give the feed URL, e.g. /newsdesk feeds remove https://example.com/rss.xml.');
  const known = (await feeds.refresh()).find((f) => f.url === url || f.url === url.replace(/^<|>$/g, ''));
  if (!known) return errorReply('Not followed', `newsdesk does not follow ${url.slice(0, 200)}.`, 'See /newsdesk feeds list.');
  if (!confirmed) return confirmationReply('feeds', `remove ${known.url}`, 'Stop following this feed?', `${known.url} will no longer be polled. Stories already stored stay.`);
  await feeds.remove(known.url, 'chat');
  return makeReply({ title: 'Feed removed', intro: `${known.url} is no longer polled.`, sections: [] });
}

async function testFeed(feeds: FeedControl, rest: string): Promise<Reply> {
  const url = rest.split(/\s+/)[0];
  if (!url) return errorReply('Which feed?', 'Give the feed URL, e.g. /newsdesk feeds test https://example.com/rss.xml.');
  const p = await feeds.test(url);
  const fresh = p.items.filter((i) => !i.known);
  return makeReply({
    title: `${p.title ?? url}: ${fresh.length} new of ${p.items.length}`,
    intro: `A ${p.format.toUpperCase()} feed. Nothing was stored; this is what the next poll would bring.`,
    sections: [{ items: fresh.slice(0, 10).map((i) => ({ title: i.title ?? '(untitled)', link: i.link ?? undefined, date: i.publishedAt })) }],
    footer: fresh.length > 10 ? `…and ${fresh.length - 10} more.` : undefined,
  });
}
