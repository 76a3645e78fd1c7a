import type { ArticleAnalysis, EntityType } from '../../analysis/types.js';
import type { IndexEntityInput } from '../../analysis/entity-index/types.js';
import { indexEntitiesOf } from '../../analysis/entity-index/build-entity-index.js';
import { fingerprint } from '../../stories/group-stories.js';
import type { StoredArticle } from '../../store/article-store.js';
import { NewsdeskError } from '../../core/errors.js';

/*
 * The compact, query-side record of one analysed article (IndexRecord.data in the repository). It holds
 * what ranking, /who and story grouping need, so start-up parses these small records instead of every
 * analysis JSON, and the full analysis is loaded only for what an answer shows.
 *
 * Wire format (JSON array, positional to stay small and fast to parse):
 *   [FORMAT, title, publishedAt|null, firstSeenAt, textLength, shingleCount, signatureBase64|'', entities, speakers]
 *   entities: [name, typeCode, mentions, aliases?, roles?] — typeCode 'p','o','l','x' for subjects
 *             (person, organization, place, other), upper case for bylines; empty lists are left out.
 *   speakers: [name, quoteCount] for attributed quotes.
 */

/** Bump when the layout changes; records of another format are treated as missing (re-derived). */
export const INDEX_FORMAT = 1;

/** One entity of one article as the index needs it (the entity index's own input type). */
export type IndexEntityData = IndexEntityInput;

/** Decoded index record. */
export interface IndexData {
  title: string;
  publishedAt: string | null;
  firstSeenAt: string;
  /** Characters of cleaned body text (orders versions of a story: longer is more complete). */
  textLength: number;
  /** Distinct 5-word shingles of the body (story grouping's size). */
  shingleCount: number;
  /** MinHash signature of the body, or null for a body without shingles. */
  signature: Uint32Array | null;
  entities: IndexEntityData[];
  /** Speakers of attributed quotes with how many quotes each. */
  speakers: [string, number][];
}

const TYPE_CODES: Record<EntityType, string> = { person: 'p', organization: 'o', place: 'l', other: 'x' };
const CODE_TYPES: Record<string, EntityType> = { p: 'person', o: 'organization', l: 'place', x: 'other' };

/** Compute the index data of an analysed article (the analysis backlog saves it with the analysis). */
export function indexDataOf(article: Pick<StoredArticle, 'title' | 'publishedAt' | 'firstSeenAt' | 'text'>, analysis: ArticleAnalysis): IndexData {
  const print = fingerprint(article.text);
  const speakers = new Map<string, number>();
  for (const q of analysis.quotes) if (q.speaker) speakers.set(q.speaker, (speakers.get(q.speaker) ?? 0) + 1);
  return {
    title: article.title,
    publishedAt: article.publishedAt,
    firstSeenAt: article.firstSeenAt,
    textLength: article.text.length,
    shingleCount: print.shingles.length,
    signature: print.shingles.length ? print.signature : null,
    entities: indexEntitiesOf(analysis),
    speakers: [...speakers],
  };
}

/** Serialise index data (IndexRecord.data). */
export function encodeIndexData(d: IndexData): string {
  const ents = d.entities.map((e) => {
    const code = e.kind === 'byline' ? TYPE_CODES[e.type].toUpperCase() : TYPE_CODES[e.type];
    const row: unknown[] = [e.name, code, e.mentions];
    if (e.aliases.length || e.roles.length) row.push(e.aliases);
    if (e.roles.length) row.push(e.roles);
    return row;
  });
  const sig = d.signature ? Buffer.from(d.signature.buffer, d.signature.byteOffset, d.signature.byteLength).toString('base64') : '';
  return JSON.stringify([INDEX_FORMAT, d.title, d.publishedAt, d.firstSeenAt, d.textLength, d.shingleCount, sig, ents, d.speakers]);
}

/** Parse IndexRecord.data; throws `bad_record` on anything that is not a record of this format. */
export function decodeIndexData(data: string): IndexData {
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    throw new NewsdeskError('store_failed', 'The index record is not valid JSON.');
  }
  if (!Array.isArray(v) || v[0] !== INDEX_FORMAT || v.length !== 9) throw new NewsdeskError('store_failed', `The index record is not of format ${INDEX_FORMAT}.`);
  const [, title, publishedAt, firstSeenAt, textLength, shingleCount, sig, ents, speakers] = v as [number, string, string | null, string, number, number, string, unknown[][], [string, number][]];
  return {
    title,
    publishedAt,
    firstSeenAt,
    textLength,
    shingleCount,
    signature: sig ? decodeSignature(sig) : null,
    entities: ents.map((row) => {
      const code = row[1] as string;
      const lower = code.toLowerCase();
      const type = CODE_TYPES[lower];
      if (!type) throw new NewsdeskError('store_failed', `Unknown entity type code ${JSON.stringify(code)} in an index record.`);
      return {
        name: row[0] as string,
        type,
        kind: code === lower ? 'subject' : 'byline',
        mentions: row[2] as number,
        // Most entities have neither: one shared empty list instead of two fresh ones each (start-up garbage).
        aliases: (row[3] as string[] | undefined) ?? NONE,
        roles: (row[4] as string[] | undefined) ?? NONE,
      };
    }),
    speakers,
  };
}

/** The empty alias/role list of decoded records (frozen: nothing may add to a list shared by every record). */
const NONE = Object.freeze([]) as unknown as string[];

function decodeSignature(b64: string): Uint32Array {
  const buf = Buffer.from(b64, 'base64');
  // Copy into an aligned buffer: Buffer slices may start at any byte offset.
  const out = new Uint32Array(buf.length >>> 2);
  new Uint8Array(out.buffer).set(buf.subarray(0, out.length * 4));
  return out;
}
