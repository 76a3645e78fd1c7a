// The article writes of PgArticleRepository, run inside its write transaction (which holds the writers'
// lock): the same upsert rules as SQLite's (new, unchanged, updated, duplicate, restored; reprints
// released or promoted), removals and prunes, with the search row kept in step in the same transaction.
import type { ArticleInput, UpsertOutcome } from '../article-repository.js';
import type { ArticleOrigin } from '../../corpus/article.js';
import { type ArticleRow, articleColumns, articleIdFor, isUnchanged, prefixEnd } from '../article-rows.js';
import { dropSearchRows, writeSearchRow } from './pg-text-search.js';
import type { Queryable } from './sql-database.js';

/** One write transaction of PgArticleRepository: the ids it touched are stamped in the change log at its end. */
export interface WriteTx {
  q: Queryable;
  touched: Set<string>;
}

/** One upsert inside the caller's write transaction. */
export async function upsertIn(tx: WriteTx, a: ArticleInput, ts: string): Promise<{ id: string; outcome: UpsertOutcome }> {
  const { rows: [existing] } = await tx.q.query<Pick<ArticleRow, 'id' | 'content_hash' | 'text_hash' | 'status' | 'duplicate_of' | 'parse_version'>>(
    'SELECT id, content_hash, text_hash, status, duplicate_of, parse_version FROM articles WHERE source = $1', [a.source]);
  const { rows: [twin] } = await tx.q.query<{ id: string }>(
    "SELECT id FROM articles WHERE text_hash = $1 AND source <> $2 AND status = 'current' ORDER BY first_seen_at LIMIT 1", [a.textHash, a.source]);
  const status = twin ? 'duplicate' : 'current';
  const c = articleColumns(a);
  const values = [c.origin, c.title, c.title_derived, c.url, c.published_at, c.publisher, c.parse_version, c.byline, c.credits, c.text,
    c.offsets_into, c.offsets, c.content_hash, c.text_hash, status, twin?.id ?? null, ts];
  if (!existing) {
    const id = articleIdFor(a.source);
    await tx.q.query(`INSERT INTO articles (origin, title, title_derived, url, published_at, publisher, parse_version, byline, credits, text,
         offsets_into, offsets, content_hash, text_hash, status, duplicate_of, first_seen_at, updated_at, id, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18, $19)`, [...values, id, a.source]);
    await afterWrite(tx, id, status, a);
    return { id, outcome: twin ? 'duplicate' : 'added' };
  }
  if (isUnchanged(existing, a)) {
    // A reprint stays a duplicate only while its original still tells the same story.
    if (existing.status === 'duplicate' && twin?.id !== existing.duplicate_of) {
      await tx.q.query('UPDATE articles SET status = $1, duplicate_of = $2, updated_at = $3 WHERE id = $4', [status, twin?.id ?? null, ts, existing.id]);
      await afterWrite(tx, existing.id, status, null);
    }
    return { id: existing.id, outcome: 'unchanged' };
  }
  await tx.q.query(`UPDATE articles SET origin=$1, title=$2, title_derived=$3, url=$4, published_at=$5, publisher=$6, parse_version=$7, byline=$8,
       credits=$9, text=$10, offsets_into=$11, offsets=$12, content_hash=$13, text_hash=$14, status=$15, duplicate_of=$16, updated_at=$17 WHERE id=$18`,
    [...values, existing.id]);
  await afterWrite(tx, existing.id, status, a);
  if (existing.text_hash !== a.textHash) await releaseReprints(tx, existing.id, ts);
  const outcome: UpsertOutcome = twin ? 'duplicate' : existing.status === 'removed' ? 'restored' : 'updated';
  return { id: existing.id, outcome };
}

/** Log the change and put the search row in step: current articles are searchable, others not. */
export async function afterWrite(tx: WriteTx, id: string, status: string, text: Pick<ArticleInput, 'title' | 'text'> | null): Promise<void> {
  tx.touched.add(id);
  if (status !== 'current') return dropSearchRows(tx.q, [id]);
  let doc = text;
  if (!doc) {
    const { rows } = await tx.q.query<{ title: string; text: string }>('SELECT title, text FROM articles WHERE id = $1', [id]);
    doc = rows[0];
  }
  if (doc) await writeSearchRow(tx.q, id, doc.title, doc.text);
}

/** The article's text changed: its former reprints are a story of their own now (the oldest becomes current). */
export async function releaseReprints(tx: WriteTx, id: string, ts: string): Promise<void> {
  const { rows } = await tx.q.query<{ id: string }>("SELECT id FROM articles WHERE duplicate_of = $1 AND status = 'duplicate' ORDER BY first_seen_at, id", [id]);
  if (rows.length === 0) return;
  const [heir, ...rest] = rows.map((r) => r.id);
  await tx.q.query("UPDATE articles SET status = 'current', duplicate_of = NULL, updated_at = $1 WHERE id = $2", [ts, heir]);
  await afterWrite(tx, heir, 'current', null);
  if (rest.length) {
    await tx.q.query('UPDATE articles SET duplicate_of = $1, updated_at = $2 WHERE id = ANY($3::text[])', [heir, ts, rest]);
    for (const r of rest) tx.touched.add(r);
  }
}

/** A reprint whose original disappeared becomes the current copy of the story. */
export async function promoteHeir(tx: WriteTx, originalId: string, ts: string): Promise<void> {
  const { rows: [heir] } = await tx.q.query<{ id: string }>(
    "SELECT id FROM articles WHERE duplicate_of = $1 AND status = 'duplicate' ORDER BY first_seen_at, id LIMIT 1", [originalId]);
  if (!heir) return;
  await tx.q.query("UPDATE articles SET status = 'current', duplicate_of = NULL, updated_at = $1 WHERE id = $2", [ts, heir.id]);
  await afterWrite(tx, heir.id, 'current', null);
  await tx.q.query("UPDATE articles SET duplicate_of = $1 WHERE duplicate_of = $2 AND status = 'duplicate'", [heir.id, originalId]);
}

/**
 * Prune up to `limit` articles older than `cutoff` inside the caller's write transaction; returns how many.
 * The caller loops in batches of small transactions, so a large first prune never holds the writers' lock long.
 */
export async function pruneBatchIn(tx: WriteTx, cutoff: Date, limit: number, ts: string): Promise<number> {
  const { rows } = await tx.q.query<{ id: string }>(
    "SELECT id FROM articles WHERE status <> 'pruned' AND coalesce(published_at, first_seen_at) < $1 LIMIT $2", [cutoff.toISOString(), limit]);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return 0;
  await tx.q.query('DELETE FROM analyses WHERE article_id = ANY($1::text[])', [ids]);
  await tx.q.query('DELETE FROM analysis_failures WHERE article_id = ANY($1::text[])', [ids]);
  await dropSearchRows(tx.q, ids);
  // Keep identity and hashes (a tombstone): re-ingesting the same file is then "unchanged", not a new article.
  await tx.q.query("UPDATE articles SET status = 'pruned', text = '', offsets = '[]', duplicate_of = NULL, updated_at = $1 WHERE id = ANY($2::text[])", [ts, ids]);
  for (const id of ids) tx.touched.add(id);
  for (const id of ids) await promoteHeir(tx, id, ts);
  return ids.length;
}

/** Mark the articles of `origin` under `prefix` that are not `present` removed; returns their ids. */
export async function markRemovedIn(tx: WriteTx, origin: ArticleOrigin, prefix: string, present: ReadonlySet<string>, ts: string): Promise<string[]> {
  const { rows } = await tx.q.query<{ id: string; source: string }>(
    // ~>=~ / ~<~ are the byte-order comparisons the (origin, source text_pattern_ops) index serves.
    `SELECT id, source FROM articles WHERE origin = $1 AND source ~>=~ $2 AND source ~<~ $3 AND starts_with(source, $2)
     AND status NOT IN ('removed', 'pruned')`, [origin, prefix, prefixEnd(prefix)]);
  const gone = rows.filter((r) => !present.has(r.source)).map((r) => r.id);
  if (gone.length === 0) return [];
  await tx.q.query("UPDATE articles SET status = 'removed', updated_at = $1 WHERE id = ANY($2::text[])", [ts, gone]);
  await dropSearchRows(tx.q, gone);
  for (const id of gone) tx.touched.add(id);
  for (const id of gone) await promoteHeir(tx, id, ts);
  return gone;
}
