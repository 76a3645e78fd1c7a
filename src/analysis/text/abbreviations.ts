/**
 * Abbreviation knowledge shared by the sentence splitter and the tokenizer.
 * Keys are lower-case and without the final period ("u.s", "sept").
 */

/**
 * Abbreviations that practically never end a sentence because they introduce
 * what follows (titles before a name, "No. 5", "vs.", "e.g."). A period after
 * one of these is never a sentence boundary.
 */
export const NEVER_FINAL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'gov', 'sen', 'sens', 'rep', 'reps', 'gen', 'col', 'lt', 'capt', 'sgt',
  'maj', 'adm', 'cmdr', 'cmdt', 'rev', 'revd', 'fr', 'hon', 'pres', 'supt', 'insp', 'det', 'cpl', 'pvt', 'amb',
  'atty', 'mt', 'ft', 'st', 'ste', 'messrs', 'mme', 'mlle', 'msgr', 'gens', 'brig', 'cpt', 'spc', 'pfc', 'gov-elect',
  'vs', 'v', 'e.g', 'i.e', 'cf', 'approx', 'no', 'nos', 'vol', 'ch', 'fig', 'pp', 'op', 'ed', 'eds', 'dept',
  'univ', 'assn', 'bros', 'sq', 'ave', 'blvd', 'rd', 'hwy', 'ald', 'del', 'comr', 'sup', 'treas', 'sec', 'secy',
]);

/** Month abbreviations: no boundary before a day number ("Sept. 5"). */
export const MONTH_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/**
 * Abbreviations that may end a sentence ("… shares of Apple Inc. The company …",
 * "… in the U.S. He said …"). A boundary is accepted after them only when the
 * next word is a typical sentence opener.
 */
export const MAYBE_FINAL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'inc', 'corp', 'ltd', 'co', 'jr', 'sr', 'etc', 'plc', 'llc', 'bhd', 'ag', 'sa', 'nv', 'a.m', 'p.m', 'u.s', 'u.k',
  'u.n', 'u.s.a', 'e.u', 'd.c', 'l.a', 'n.y', 'n.j', 'ph.d', 'b.a', 'm.a', 'a.d', 'b.c', 'yr', 'yrs', 'min', 'mins',
  'km', 'oz', 'lb', 'lbs', 'pct', 'est', 'al', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat',
  'sun',
]);

/**
 * Closed-class words that commonly open a sentence. Used to decide whether an
 * ambiguous abbreviation ("U.S.") ends the sentence: "in the U.S. The plan"
 * splits, "the U.S. Senate" does not.
 */
export const SENTENCE_OPENERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'its', 'their', 'our', 'my', 'this',
  'that', 'these', 'those', 'there', 'but', 'and', 'or', 'so', 'yet', 'however', 'meanwhile', 'in', 'on', 'at',
  'for', 'with', 'after', 'before', 'while', 'when', 'if', 'as', 'since', 'although', 'though', 'because', 'some',
  'many', 'most', 'all', 'one', 'two', 'both', 'other', 'others', 'no', 'not', 'what', 'who', 'why', 'how', 'where',
  'during', 'under', 'by', 'from', 'last', 'earlier', 'later', 'also', 'still', 'then', 'now', 'officials',
  'critics', 'analysts', 'asked', 'instead', 'even', 'such', 'about', 'each', 'several', 'among', 'until',
]);
