import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCore, type Core } from '../../src/app/build-core.js';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Reply } from '../../src/core/reply.js';
import { invoke, tempWorld, writeArticle } from '../digests/digest-fixture.js';

const CH = 'slack:T1:C1';
let world: ReturnType<typeof tempWorld>;
let core: Core;

/** Analysis that fails on one article, as a pathological article would, and is trivial elsewhere. */
const analyze = (a: { text: string }): ArticleAnalysis => {
  if (a.text.includes('UNREADABLE')) throw new Error('the quote stage gave up on this text');
  return { entities: [], quotes: [], summary: [a.text.split('.')[0]] };
};

const field = (r: Reply, label: string) => r.sections.flatMap((s) => s.fields ?? []).find((f) => f.label === label)?.value;

beforeEach(async () => {
  world = tempWorld();
  writeArticle(world.corpus, 'ok', 'Harbour reopens', '2026-03-01T08:00:00Z', 'The harbour of Valmora reopened on Sunday. Ships queued outside.');
  writeArticle(world.corpus, 'bad', 'Garbled wire copy', '2026-03-01T09:00:00Z', 'UNREADABLE text that the analysis cannot handle.');
  core = await buildCore({ dbPath: world.db, corpusDir: world.corpus, clock: fixedClock('2026-03-02T12:00:00Z'), analyze });
});
afterEach(async () => {
  await core.close();
  world.remove();
});

describe('/newsdesk status shows the corpus', () => {
  it('counts answerable articles and names the ones left out with the reason', async () => {
    const reply = await invoke(core, 'status', CH, false);
    expect(field(reply, 'Corpus')).toBe('1 article answerable, 1 not analysed');
    expect(field(reply, 'Articles left out of answers')).toMatch(/^Garbled wire copy — analysis failed: error \(.*gave up/);
    // Answers skip the failed article.
    const brief = await invoke(core, 'brief garbled', CH, false);
    expect(JSON.stringify(brief)).not.toContain('Garbled wire copy');
  });
});
