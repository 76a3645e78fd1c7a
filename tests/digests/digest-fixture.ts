import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCore, type BuildCoreOptions, type Core } from '../../src/app/build-core.js';
import type { PlatformAdapter } from '../../src/core/adapter.js';
import type { Reply } from '../../src/core/reply.js';
import type { CommandInvocation } from '../../src/core/invocation.js';
import { dictionaryAnalyzer, type DictEntry } from '../helpers/dictionary-analyzer.js';

/** A small invented world, so no rule depends on real seed articles. */
export const DICT: DictEntry[] = [
  { name: 'Freedonia', type: 'place', aliases: ['Freedonian'] },
  { name: 'Sylvania', type: 'place', aliases: ['Sylvanian'] },
  { name: 'Rufus Firefly', type: 'person', aliases: ['Firefly'], role: 'Prime Minister' },
  { name: 'Harbor Watch', type: 'organization' },
];

/** A post an adapter received, with the (possibly faked) time it arrived. */
export interface Posted {
  address: string;
  reply: Reply;
  at: string;
}

/** A PlatformAdapter that records posts; `fail` lets a test make the next posts throw. */
export function recordingAdapter(prefix: 'slack' | 'discord' | 'console' = 'slack'): PlatformAdapter & { posts: Posted[]; fail: ((address: string) => Error | null) | null } {
  const a = {
    platform: prefix,
    posts: [] as Posted[],
    fail: null as ((address: string) => Error | null) | null,
    start: async () => undefined,
    stop: async () => undefined,
    owns: (address: string) => address.startsWith(`${prefix}:`),
    post: async (address: string, reply: Reply) => {
      const err = a.fail?.(address);
      if (err) throw err;
      a.posts.push({ address, reply, at: new Date().toISOString() });
    },
  };
  return a;
}

/** A temporary folder with an article directory and a database path; remove() cleans up. */
export function tempWorld(): { dir: string; corpus: string; db: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-digest-'));
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  return { dir, corpus, db: join(dir, 'db.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Write one article file (JSON form the ingester reads) and return its path. */
export function writeArticle(corpusDir: string, name: string, title: string, date: string | null, text: string): string {
  const p = join(corpusDir, `${name}.json`);
  writeFileSync(p, JSON.stringify({ title, publishedAt: date, text }));
  return p;
}

/** buildCore over the world with the dictionary analyzer and instant retries. */
export function openCore(world: { db: string }, extra: Partial<BuildCoreOptions> = {}): Promise<Core> {
  return buildCore({
    dbPath: world.db,
    corpusDir: null,
    analyze: dictionaryAnalyzer(DICT),
    digestRetry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1000 },
    digestSleep: async () => undefined,
    ...extra,
  });
}

/** Run a command as an admin or a member in a channel. */
export function invoke(core: Core, line: string, channel: string, isAdmin: boolean): Promise<Reply> {
  const m = /^(\S+)\s*([\s\S]*)$/.exec(line.trim())!;
  const inv: CommandInvocation = { name: m[1], args: m[2], actor: { id: isAdmin ? 'U_ADMIN' : 'U_MEMBER', isAdmin }, channel, platform: 'slack' };
  return core.router.run(inv);
}

/** All story titles in a reply. */
export function storyTitles(r: Reply): string[] {
  return r.sections.flatMap((s) => s.items ?? []).map((i) => i.title);
}
