import { describe, expect, it } from 'vitest';
import { buildCore } from '../../src/app/build-core.js';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import { fixedClock } from '../../src/core/clock.js';

describe('corpus.displayQuote', () => {
  it('trims a quote for answers once per article version and serves the cached text after', async () => {
    const text = '“We will reopen the harbour on Monday,” said Ana Ruiz.';
    const analyze = (): ArticleAnalysis => ({ entities: [], quotes: [{ text: '“We will reopen the harbour on Monday,”', span: [0, 40], direct: true, speaker: 'Ana Ruiz', speakerSpan: null, cue: 'said' }], summary: [text] } as unknown as ArticleAnalysis);
    const core = await buildCore({ dbPath: ':memory:', corpusDir: null, clock: fixedClock('2026-03-02T12:00:00Z'), analyze });
    try {
      const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
      const { join } = await import('node:path');
      const { tmpdir } = await import('node:os');
      const dir = mkdtempSync(join(tmpdir(), 'newsdesk-qd-'));
      writeFileSync(join(dir, 'harbour.txt'), `Harbour to reopen\n\n${text}\n`);
      await core.ingest([dir]);
      rmSync(dir, { recursive: true, force: true });
      const [a] = await core.corpus.load([core.corpus.articles()[0].id]);
      const q = a.analysis.quotes[0];
      expect(core.corpus.displayQuote(a.id, q)).toBe('We will reopen the harbour on Monday');
      // Same article version, same span: the cached text, even if asked with other words.
      expect(core.corpus.displayQuote(a.id, { ...q, text: 'something else' })).toBe('We will reopen the harbour on Monday');
    } finally {
      await core.close();
    }
  });
});
