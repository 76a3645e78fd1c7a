import { readFile } from 'node:fs/promises';
import type { Core } from '../app/build-core.js';
import { feedStoreFor } from '../feeds/build-feeds.js';
import { createFeedControl, healthOf } from '../feeds/feed-control.js';
import { defaultLeaseOwner } from '../feeds/feed-lease.js';
import { createFeedPoller } from '../feeds/feed-poller.js';
import { createFetcher } from '../feeds/fetch-resource.js';
import { loadFeedsFile } from '../feeds/load-feeds-file.js';
import { formatEvery } from '../feeds/poll-schedule.js';
import { createRequestLimiter } from '../feeds/request-limiter.js';
import type { FeedStore } from '../store/feed-store.js';

/** Feed settings for the CLI (from the loaded config: NEWSDESK_FEEDS, NEWSDESK_FEED_INTERVAL, NEWSDESK_ALLOW_PRIVATE_FEEDS). */
export interface FeedEnv {
  /** The feeds file, seeded before any action so `list` shows its feeds. */
  feedsFile: string | null;
  allowPrivate: boolean;
  defaultEveryMs: number;
  userAgent: string;
}

/** newsdesk's User-Agent: names the project and where to read about it. */
export function feedUserAgent(version: string, url = 'https://github.com/newsdesk/newsdesk'): string {
  return `newsdesk/${version} (+${url})`;
}

export const FEEDS_USAGE = `newsdesk feeds list                    feeds with health, last success and last error
newsdesk feeds add <url> [every]       follow a feed (every: 30s, 10m, 1h; default NEWSDESK_FEED_INTERVAL)
newsdesk feeds remove <url>            stop following a feed
newsdesk feeds test <url>              what the next poll would bring, without storing it
newsdesk feeds poll                    poll every enabled feed once now and store new items
newsdesk feeds import FILE.opml        follow every feed of an OPML file
newsdesk feeds export                  the followed feeds as OPML`;

/**
 * `newsdesk feeds …`. Returns the exit code. When the core wired feeds (on whichever engine it chose),
 * their store and poller are used; otherwise the feed store on the core's article storage engine.
 */
export async function runFeeds(words: string[], core: Core, env: FeedEnv, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [action = 'list', arg, extra] = words;
  const wired = core.feeds;
  const store: FeedStore = wired?.store ?? (await feedStoreFor(core.storage));
  // A core that wired feeds seeded the file and the channels' feeds together; seeding the file alone would drop the channels' ones.
  if (wired) await wired.ready;
  else if (env.feedsFile) await store.seedFromFile(loadFeedsFile(env.feedsFile, env.defaultEveryMs), core.clock.now());
  const fetcher = createFetcher({ userAgent: env.userAgent, allowPrivate: env.allowPrivate });
  const limiter = createRequestLimiter({ maxConcurrent: 8, perHost: 2 });
  const control = createFeedControl({ feeds: store, fetcher, limiter, clock: core.clock, allowPrivate: env.allowPrivate, defaultEveryMs: env.defaultEveryMs });
  try {
    if (action === 'list') {
      const all = await control.refresh();
      if (!all.length) out('No feeds. Add one with: newsdesk feeds add <url>');
      for (const f of all) {
        out(`${f.url}\n  every ${formatEvery(f.everyMs)} · ${healthOf(f)} · last success ${f.lastSuccessAt ?? 'never'} · ${f.itemsSeen} items${f.lastError ? `\n  last error: ${f.lastError}` : ''}${f.disabledReason ? `\n  disabled: ${f.disabledReason}` : ''}`);
      }
      return 0;
    }
    if ((action === 'add' || action === 'remove' || action === 'test' || action === 'import') && !arg) {
      err(`newsdesk feeds ${action} needs ${action === 'import' ? 'an OPML file' : 'a URL'}.\n${FEEDS_USAGE}\n`);
      return 2;
    }
    if (action === 'add') {
      const f = await control.add(arg, extra ?? null, 'cli');
      out(`following ${f.url} every ${formatEvery(f.everyMs)}`);
      return 0;
    }
    if (action === 'remove') {
      if (await control.remove(arg, 'cli')) {
        out(`removed ${arg}`);
        return 0;
      }
      err(`not followed: ${arg}\n`);
      return 1;
    }
    if (action === 'test') {
      const p = await control.test(arg);
      const fresh = p.items.filter((i) => !i.known);
      out(`${p.title ?? arg} (${p.format}): ${fresh.length} new of ${p.items.length}`);
      for (const i of p.items) out(`  ${i.known ? 'known' : 'new  '} ${i.publishedAt?.slice(0, 10) ?? 'undated   '} ${i.title ?? '(untitled)'}${i.link ? `  ${i.link}` : ''}`);
      return 0;
    }
    if (action === 'poll') {
      // Polled under the feeds' leases like a bot process's polls: a feed a running bot is polling right now is left to it.
      const poller = wired?.poller ?? createFeedPoller({
        feeds: store, articles: core.repository, fetcher, limiter, clock: core.clock, onArticlesStored: () => undefined, notify: () => undefined,
        owner: `cli:${defaultLeaseOwner()}`, maxConcurrentPolls: 1,
      });
      const outcomes = await poller.pollNow();
      for (const o of outcomes) out(`${o.url}: ${o.status}${o.newItems ? `, ${o.newItems} new (${o.partialItems} from feed text only)` : ''}${o.error ? ` (${o.error})` : ''}`);
      const skipped = (await store.list()).filter((f) => !f.disabledReason && !outcomes.some((o) => o.url === f.url));
      for (const f of skipped) out(`${f.url}: skipped (another newsdesk process is polling it)`);
      return outcomes.some((o) => o.error) ? 1 : 0;
    }
    if (action === 'import') {
      const r = await control.importOpml(await readFile(arg, 'utf8'), 'cli');
      out(`imported ${r.added.length} feeds${r.refused.length ? `, refused ${r.refused.length}` : ''}`);
      for (const x of r.refused) err(`  refused ${x.url}: ${x.reason}\n`);
      return r.added.length || !r.refused.length ? 0 : 1;
    }
    if (action === 'export') {
      out(await control.exportOpml());
      return 0;
    }
    err(`unknown feeds action "${action}"\n${FEEDS_USAGE}\n`);
    return 2;
  } catch (e) {
    err(`newsdesk feeds ${action}: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await fetcher.close();
  }
}
