import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import type { IndexDataOf } from './bench-store.js';

/** The corpus's index-record codec when this build has one; the key names it in cached database names. */
export interface BenchCodec {
  key: string;
  indexDataOf: IndexDataOf | null;
}

const CODEC = new URL('../../src/corpus/index/index-record.ts', import.meta.url);

type CodecModule = {
  INDEX_FORMAT?: number;
  indexDataOf?: (a: { title: string; publishedAt: string | null; firstSeenAt: string; text: string }, analysis: ArticleAnalysis) => unknown;
  encodeIndexData?: (d: unknown) => string;
};

/**
 * Find the corpus's codec for `IndexRecord.data` (src/corpus/index/index-record.ts), looked up at run time
 * so the bench runs on builds without it (then clones are saved without index records, as old stores were).
 * `firstSeenAt` is the write time: the store stamps new articles with the `now` the writer passes.
 */
export async function loadIndexCodec(): Promise<BenchCodec> {
  if (!existsSync(fileURLToPath(CODEC))) return { key: 'noindex', indexDataOf: null };
  const mod = (await import(CODEC.href)) as CodecModule;
  const { indexDataOf, encodeIndexData } = mod;
  if (typeof indexDataOf !== 'function' || typeof encodeIndexData !== 'function') return { key: 'noindex', indexDataOf: null };
  // The MinHash fingerprint is most of the cost and clones of one pool article differ only in a closing line:
  // compute the data once per pool article, then set each clone's own title, dates and length.
  const perPool = new Map<number, Record<string, unknown>>();
  return {
    key: `index${mod.INDEX_FORMAT ?? 0}`,
    indexDataOf: (item, _id, now) => {
      const own = { title: item.article.title, publishedAt: item.article.publishedAt, firstSeenAt: now.toISOString(), textLength: item.article.text.length };
      let base = perPool.get(item.poolIndex);
      if (!base) {
        base = indexDataOf({ ...item.article, firstSeenAt: own.firstSeenAt }, item.analysis) as Record<string, unknown>;
        perPool.set(item.poolIndex, base);
      }
      return encodeIndexData({ ...base, ...own });
    },
  };
}
