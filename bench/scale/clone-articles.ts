import { createHash } from 'node:crypto';
import type { ArticleAnalysis } from '../../src/analysis/types.js';
import type { ArticleInput } from '../../src/store/article-repository.js';
import { textHashOf } from '../../src/store/sqlite-article-store.js';
import type { PoolArticle } from './analysed-pool.js';

/** An article to store with the analysis it should be served with (a pool analysis: offsets stay valid). */
export interface CloneItem {
  article: ArticleInput;
  analysis: ArticleAnalysis;
  /** Which pool article it is a clone of. */
  poolIndex: number;
}

/** Feeds a team of 50 follows: clones are spread over them (publisher and URL host). */
const FEEDS = 50;
const DAY_MS = 86_400_000;
const TITLE_VARIANTS: ((t: string) => string)[] = [
  (t) => t,
  (t) => `${t} (updated)`,
  (t) => `Live: ${t}`,
  (t) => `${t}, reports say`,
  (t) => `Analysis: ${t}`,
  (t) => `${t} - what we know`,
];

/** A well-mixed 32-bit hash of an integer (so dates do not follow the clone order). */
function mix(k: number): number {
  let x = (k + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Clone number `k` of the pool: its own source, URL and publisher (one of 50 feeds), a date spread over the
 * year before `anchorMs`, a title variant, and a short closing line so its text (and so its text hash) is its
 * own — the store would otherwise file it as a reprint. The body before that line is the pool article's,
 * so the pool analysis (whose spans index that prefix) is the clone's analysis.
 */
export function cloneArticle(pool: readonly PoolArticle[], k: number, anchorMs: number): CloneItem {
  const poolIndex = k % pool.length;
  const p = pool[poolIndex];
  const copy = Math.floor(k / pool.length);
  const feed = k % FEEDS;
  const h = mix(k);
  const published = new Date(anchorMs - (h % 365) * DAY_MS - (mix(h) % DAY_MS));
  const text = `${p.text}\n\nFiled to wire ${feed} as item ${k.toString(36)}.`;
  const title = copy === 0 ? p.title : TITLE_VARIANTS[copy % TITLE_VARIANTS.length](p.title);
  const url = cloneSource(pool, k);
  return {
    article: {
      source: url, origin: 'feed', title, titleDerived: false, url, publishedAt: published.toISOString(), publisher: `Wire ${feed}`,
      byline: p.byline, credits: p.credits, text, offsetsInto: p.offsetsInto, offsets: p.offsets,
      contentHash: createHash('sha256').update(`bench-clone\n${p.id}\n${k}`).digest('hex'), textHash: textHashOf(text),
    },
    analysis: p.analysis,
    poolIndex,
  };
}

/** Clone `k`'s source (its URL): what its id is derived from. */
export function cloneSource(pool: readonly PoolArticle[], k: number): string {
  return `https://wire${k % FEEDS}.bench.example/${pool[k % pool.length].id}/${k}`;
}

/** Source prefix of the refresh probe's articles (removed again after the probe). */
export const REFRESH_PREFIX = 'https://refresh.bench.example/';

/**
 * `count` new articles for the refresh probe: pool clones dated `now` whose titles carry `marker`, a word no
 * other article has, so a /brief for it counts exactly these.
 */
export function refreshArticles(pool: readonly PoolArticle[], marker: string, count: number, now: Date): CloneItem[] {
  return Array.from({ length: count }, (_, i) => {
    const poolIndex = (i * 97) % pool.length;
    const p = pool[poolIndex];
    const text = `${p.text}\n\nFiled as ${marker} ${i}.`;
    const url = `${REFRESH_PREFIX}${marker}/${i}`;
    return {
      article: {
        source: url, origin: 'feed', title: `${p.title} ${marker}`, titleDerived: false, url, publishedAt: now.toISOString(), publisher: 'Refresh Wire',
        byline: p.byline, credits: p.credits, text, offsetsInto: p.offsetsInto, offsets: p.offsets,
        contentHash: createHash('sha256').update(`bench-refresh\n${marker}\n${i}`).digest('hex'), textHash: textHashOf(text),
      },
      analysis: p.analysis,
      poolIndex,
    };
  });
}
