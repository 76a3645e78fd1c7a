import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore, recordingAdapter, tempWorld, writeArticle } from './digest-fixture.js';

// Two cores (as two processes would build them) on one real PostgreSQL database; CI's .ci/run provides it.
const url = process.env.NEWSDESK_TEST_DATABASE_URL;
const CH = 'slack:T1:C1';

describe.skipIf(!url)('two cores sharing NEWSDESK_DATABASE_URL', () => {
  it('seed the channels file together and post a slot they both run exactly once', async () => {
    const worlds = [tempWorld(), tempWorld()];
    const file = join(worlds[0].dir, 'channels.yaml');
    writeFileSync(file, `channels:\n  - address: ${CH}\n    topics: [Freedonia]\n    schedule: "daily 09:00"\n    postWhenEmpty: true\n`);
    const cores = await Promise.all(worlds.map((w) => openCore(w, { databaseUrl: url, channelsFile: file })));
    try {
      for (const [i, c] of cores.entries()) await c.ingest([writeArticle(worlds[i].corpus, 'f', 'Freedonia opens a port', new Date().toISOString(), 'Freedonia opened a port.')]);
      expect((await cores[1].settings.get(CH)).sources.topics).toBe('file');
      const adapters = cores.map(() => recordingAdapter('slack'));
      for (const [i, c] of cores.entries()) await c.digests.start([adapters[i]]);
      const slot = new Date('2026-03-02T09:00:00Z');
      const outcomes = await Promise.all(cores.map((c) => c.digests.runner.run(CH, slot, 'scheduled')));
      expect(outcomes.map((o) => o.status).sort()).toEqual(['duplicate', 'sent']);
      expect(adapters.flatMap((a) => a.posts)).toHaveLength(1);
    } finally {
      await Promise.all(cores.map((c) => c.close()));
      for (const w of worlds) w.remove();
    }
  }, 120_000);
});
