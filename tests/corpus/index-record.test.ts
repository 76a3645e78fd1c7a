import { describe, expect, it } from 'vitest';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import { decodeIndexData, encodeIndexData, indexDataOf } from '../../src/corpus/index/index-record.js';
import { isNewsdeskError } from '../../src/core/errors.js';

const analysis: ArticleAnalysis = {
  entities: [
    { name: 'Ana Ruiz', type: 'person', role: 'Mayor', roles: [{ role: 'Mayor', span: [0, 5] }, { role: 'Mayor', span: [40, 45] }], aliases: ['Ruiz'], mentions: [[6, 14], [50, 54]], kind: 'subject' },
    { name: 'Lindholm', type: 'place', role: null, roles: [], aliases: [], mentions: [[20, 28]], kind: 'subject' },
    { name: 'Sam Reyes', type: 'person', role: null, roles: [], aliases: [], mentions: [], kind: 'byline', credit: 'reporter' },
  ],
  quotes: [
    { text: 'We will reopen the harbour', span: [60, 86], direct: true, speaker: 'Ana Ruiz', speakerSpan: null, cue: 'said' },
    { text: 'It is over', span: [90, 100], direct: true, speaker: 'Ana Ruiz', speakerSpan: null, cue: 'said' },
    { text: 'Nobody knows', span: [110, 122], direct: true, speaker: null, speakerSpan: null, cue: 'said' },
  ],
  summary: ['A sentence.'],
};
const article = { title: 'Ferry link restored', publishedAt: '2024-05-01T00:00:00.000Z', firstSeenAt: '2024-05-02T10:00:00.000Z', text: 'Mayor Ana Ruiz said the ferry to Lindholm runs again from Monday after the storm repairs were finished early.' };

describe('index records', () => {
  it('round-trip what ranking, /who and story grouping need, and nothing else', () => {
    const data = indexDataOf(article, analysis);
    const back = decodeIndexData(encodeIndexData(data));
    expect(back).toEqual(data);
    expect(back.entities[0]).toEqual({ name: 'Ana Ruiz', type: 'person', kind: 'subject', mentions: 2, aliases: ['Ruiz'], roles: ['Mayor'] });
    expect(back.entities[2].kind).toBe('byline');
    expect(back.speakers).toEqual([['Ana Ruiz', 2]]);
    expect(back.signature).toBeInstanceOf(Uint32Array);
    expect(back.signature!.length).toBe(64);
    expect(back.shingleCount).toBeGreaterThan(10);
    expect(encodeIndexData(data)).not.toContain('We will reopen');
  });

  it('are small: well under the analysis JSON', () => {
    const encoded = encodeIndexData(indexDataOf(article, analysis));
    expect(encoded.length).toBeLessThan(JSON.stringify(analysis).length + 400);
    expect(encoded.length).toBeLessThan(700);
  });

  it('an empty body has no signature', () => {
    const back = decodeIndexData(encodeIndexData(indexDataOf({ ...article, text: '' }, analysis)));
    expect(back.signature).toBeNull();
    expect(back.shingleCount).toBe(0);
  });

  it('refuse other formats with a coded error', () => {
    for (const bad of ['not json', '[2,"t"]', '{}', JSON.stringify([1, 't', null, 'x', 0, 0, '', [['A', 'q', 1]], []])]) {
      let err: unknown;
      try {
        decodeIndexData(bad);
      } catch (e) {
        err = e;
      }
      expect(isNewsdeskError(err) && err.code).toBe('store_failed');
    }
  });
});
