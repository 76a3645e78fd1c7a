import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCore, type Core } from '../../src/app/build-core.js';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import { fixedClock } from '../../src/core/clock.js';

let dir: string;
let core: Core | undefined;
const analyze = (a: { text: string }): ArticleAnalysis => ({ entities: [], quotes: [], summary: [a.text] });
const settings = (feedsFile: string | null) => ({ feedsFile, defaultEveryMs: 600_000, allowPrivate: false, userAgent: 'newsdesk/test' });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-channel-feeds-'));
});
afterEach(async () => {
  await core?.close();
  core = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('feeds listed by channels in channels.yaml', () => {
  it('are polled and followed by those channels, beside the feeds file, without duplicates', async () => {
    const channels = join(dir, 'channels.yaml');
    writeFileSync(channels, [
      'channels:',
      '  - address: slack:T1:C1',
      '    topics: [valmora]',
      '    feeds: [https://news.example.org/rss.xml, https://wire.example.net/atom.xml]',
      '  - address: discord:G1:C2',
      '    feeds: [https://news.example.org/rss.xml]',
    ].join('\n'));
    const feedsFile = join(dir, 'feeds.yaml');
    writeFileSync(feedsFile, 'feeds:\n  - url: https://news.example.org/rss.xml\n    every: 30m\n');
    const clock = fixedClock('2026-03-02T12:00:00Z');
    core = await buildCore({ dbPath: join(dir, 'db.sqlite'), corpusDir: null, clock, analyze, channelsFile: channels, feeds: settings(feedsFile) });
    await core.feeds!.ready;
    const list = core.feeds!.control.list();
    expect(list.map((f) => f.url).sort()).toEqual(['https://news.example.org/rss.xml', 'https://wire.example.net/atom.xml']);
    const news = list.find((f) => f.url.startsWith('https://news'))!;
    expect(news.everyMs).toBe(30 * 60_000); // the feeds file's interval wins over the default
    expect(news.followers.sort()).toEqual(['discord:G1:C2', 'slack:T1:C1']);
    expect(list.find((f) => f.url.startsWith('https://wire'))!.followers).toEqual(['slack:T1:C1']);
    await core.close();

    // A restart keeps the same feeds and followers (seeding is idempotent).
    core = await buildCore({ dbPath: join(dir, 'db.sqlite'), corpusDir: null, clock, analyze, channelsFile: channels, feeds: settings(feedsFile) });
    await core.feeds!.ready;
    expect(core.feeds!.control.list()).toHaveLength(2);
    expect(core.feeds!.control.list().find((f) => f.url.startsWith('https://news'))!.followers).toHaveLength(2);
  });
});
