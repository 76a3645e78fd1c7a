import { generateOpml, parseOpml } from 'feedsmith';
import { NewsdeskError } from '../core/errors.js';
import { safeHttpUrl } from '../extract/safe-url.js';

/** One feed in an OPML subscription list. */
export interface OpmlFeed {
  url: string;
  title: string | null;
}

type Outline = { text?: string; title?: string; xmlUrl?: string; outlines?: Outline[] };

/** The feed URLs of an OPML file (nested folders included), http(s) only, each once. */
export function readOpml(text: string): OpmlFeed[] {
  let doc: { body?: { outlines?: Outline[] } };
  try {
    doc = parseOpml(text) as typeof doc;
  } catch (e) {
    throw new NewsdeskError('bad_argument', `That file is not OPML: ${(e as Error).message}`, { cause: e });
  }
  const out = new Map<string, OpmlFeed>();
  const walk = (outlines: Outline[] | undefined) => {
    for (const o of outlines ?? []) {
      const url = safeHttpUrl(o.xmlUrl);
      if (url && !out.has(url)) out.set(url, { url, title: o.title ?? o.text ?? null });
      walk(o.outlines);
    }
  };
  walk(doc.body?.outlines);
  return [...out.values()];
}

/** An OPML document listing the feeds, for other readers to import. */
export function writeOpml(feeds: readonly OpmlFeed[], now: Date): string {
  return generateOpml({
    head: { title: 'newsdesk feeds', dateCreated: now },
    body: { outlines: feeds.map((f) => ({ text: f.title ?? f.url, type: 'rss', xmlUrl: f.url })) },
  } as Parameters<typeof generateOpml>[0]) as string;
}
