import { Postings } from '../../analysis/entity-index/postings.js';
import { fold } from '../../search/fold.js';

/*
 * The corpus index's postings tables (entity names, quote speakers) are keyed by folded name. These helpers
 * find a name's postings as spelt, through memos, and compact the tables. They are kept apart from
 * CorpusIndex because they only touch the tables and memos handed to them, never the per-article columns.
 */

/** Entries a memo holds before it is cleared (folded names, or spellings' postings). */
const FOLD_MEMO_MAX = 200_000;

/**
 * A folded name, remembered in `memo`: the same names ("United States", a minister) recur in thousands of
 * articles, and folding (Unicode normalisation and several regex passes) would otherwise dominate start-up.
 */
export function foldedName(memo: Map<string, string>, name: string): string {
  let f = memo.get(name);
  if (f === undefined) {
    if (memo.size >= FOLD_MEMO_MAX) memo.clear();
    f = fold(name);
    memo.set(name, f);
  }
  return f;
}

/**
 * The postings of a name as spelt in `table` (shared by every spelling with the same folded form; made empty
 * when missing), remembered by spelling in `memo`: the same names recur in thousands of articles, and this
 * spares folding and a second lookup. `memo` must be cleared when postings leave `table` (see compactPostings).
 */
export function namePostings(table: Map<string, Postings>, memo: Map<string, Postings>, foldMemo: Map<string, string>, name: string): Postings {
  let p = memo.get(name);
  if (p === undefined) {
    if (memo.size >= FOLD_MEMO_MAX) memo.clear();
    const key = foldedName(foldMemo, name);
    p = table.get(key);
    if (!p) table.set(key, (p = new Postings()));
    memo.set(name, p);
  }
  return p;
}

/** Drop the ordinals that are not `alive` from every postings of the tables; postings left empty leave. */
export function compactPostings(tables: readonly Map<string, Postings>[], alive: (ord: number) => boolean): void {
  for (const m of tables) {
    for (const [k, p] of m) {
      p.compact(alive);
      if (p.n === 0) m.delete(k);
    }
  }
}
