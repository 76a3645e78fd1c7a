import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { NewsdeskError } from '../core/errors.js';
import { safeHttpUrl } from '../extract/safe-url.js';
import { parseEvery } from './poll-schedule.js';

/** A feed declared in the feeds file. */
export interface FileFeed {
  url: string;
  everyMs: number;
}

/**
 * Read the feeds file (`NEWSDESK_FEEDS`, default config/feeds.yaml):
 * `feeds: [{url, every}]`, `every` like 30s, 10m or 1h (at least 10s),
 * defaulting to `defaultEveryMs` (NEWSDESK_FEED_INTERVAL). A missing file
 * means no feeds; a malformed one is a `config_invalid` error naming the entry.
 */
export function loadFeedsFile(path: string, defaultEveryMs: number): FileFeed[] {
  if (!existsSync(path)) return [];
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new NewsdeskError('config_invalid', `${path} is not valid YAML: ${(e as Error).message}`, { cause: e });
  }
  if (doc === null || doc === undefined) return [];
  const list = (doc as { feeds?: unknown }).feeds;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new NewsdeskError('config_invalid', `${path}: "feeds" must be a list of {url, every}.`);
  const out = new Map<string, FileFeed>();
  list.forEach((entry: unknown, i: number) => {
    const e = typeof entry === 'string' ? { url: entry } : (entry as { url?: unknown; every?: unknown } | null);
    const url = typeof e?.url === 'string' ? safeHttpUrl(e.url.trim()) : null;
    if (!url) throw new NewsdeskError('config_invalid', `${path}: feeds[${i}] needs an http(s) "url".`);
    let everyMs = defaultEveryMs;
    if (e?.every !== undefined && e.every !== null) {
      try {
        everyMs = parseEvery(String(e.every));
      } catch (err) {
        throw new NewsdeskError('config_invalid', `${path}: feeds[${i}] (${url}): ${(err as Error).message}`);
      }
    }
    out.set(url, { url, everyMs });
  });
  return [...out.values()];
}
