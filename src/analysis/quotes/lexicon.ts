/**
 * Word lists for quote attribution: reporting verbs (cues), pronouns,
 * descriptive heads ("the group") and the small closed classes the speaker
 * finder needs to tell a noun phrase from the clause around it.
 */

/** How a reporting verb can be used. */
export interface CueInfo {
  /** Base form, for reporting ("said" → "say"). */
  lemma: string;
  /** Takes an object before its clause ("told reporters that…", "urged Congress to…"). */
  object: boolean;
  /** Can introduce reported (indirect) speech, not only attribute a direct quote. */
  clausal: boolean;
}

/** Verbs that take an object before the reported content. */
/** Only the addressee of these is skipped; "urged X to…" keeps X in the content as annotators do. */
const OBJECT_VERBS = ['tell', 'remind', 'assure', 'inform', 'advise'];

/** Verbs that can attribute a direct quote but rarely introduce an indirect clause. */
const DIRECT_ONLY = ['reply', 'respond', 'continue', 'exclaim', 'quip', 'joke', 'shout', 'retort', 'laugh', 'sing', 'chant', 'muse'];

/** Reporting verbs that introduce indirect speech as well as direct quotes. */
const CLAUSAL = [
  'say', 'tell', 'add', 'note', 'urge', 'warn', 'acknowledge', 'insist', 'write', 'tweet', 'argue', 'claim',
  'explain', 'state', 'stress', 'suggest', 'announce', 'admit', 'concede', 'declare', 'deny', 'report', 'predict',
  'promise', 'pledge', 'vow', 'confirm', 'emphasize', 'emphasise', 'observe', 'recall', 'remark', 'complain',
  'contend', 'assert', 'mention', 'estimate', 'indicate', 'allege', 'ask', 'agree', 'reveal', 'believe', 'think',
  'testify', 'charge', 'maintain', 'caution', 'counter', 'boast', 'acknowledge', 'conclude', 'remind', 'assure',
  'inform', 'advise', 'predict', 'hint', 'fear', 'speculate', 'lament', 'signal', 'reiterate', 'demand',
  'find', 'cite', 'hope', 'expect', 'criticize', 'accuse', 'blast', 'condemn', 'describe', 'doubt',
  'acknowledge', 'prove', 'suspect', 'understand', 'realize', 'feel', 'learn', 'decide', 'worry', 'insinuate', 'imply',
  'encourage', 'defend', 'dismiss', 'praise', 'mock', 'propose', 'recommend', 'post', 'wonder', 'question', 'proclaim', 'affirm', 'forecast', 'threaten',
  'call', 'attack', 'pledge', 'vow', 'respond', 'cite',
];
// Not here on purpose: plan, want, support, oppose, refuse, decline, seek — intentions and stances, not statements
// ("Trump plans a rally" reports no words); rule, show — mostly nouns in news ("the rules", "his show").

const IRREGULAR: Record<string, string[]> = {
  say: ['say', 'says', 'said', 'saying'],
  tell: ['tell', 'tells', 'told', 'telling'],
  write: ['write', 'writes', 'wrote', 'writing', 'written'],
  think: ['think', 'thinks', 'thought', 'thinking'],
  forecast: ['forecast', 'forecasts', 'forecasting'],
  sing: ['sing', 'sings', 'sang', 'singing'],
  post: ['posts', 'posted', 'posting'],
  charge: ['charged', 'charges', 'charging'],
  question: ['questioned', 'questioning'],
  counter: ['countered', 'counters', 'countering'],
  signal: ['signaled', 'signalled', 'signals'],
  state: ['stated', 'states', 'stating'],
  report: ['reported', 'reports', 'reporting'],
  fear: ['fears', 'feared'],
  show: ['show', 'shows', 'showed', 'shown', 'showing'],
  find: ['finds', 'found', 'finding'],
  feel: ['feels', 'felt'],
  understand: ['understands', 'understood'],
  learn: ['learned', 'learnt'],
  decide: ['decided'],
  worry: ['worries', 'worried'],
  hope: ['hopes', 'hoped', 'hoping'],
  expect: ['expects', 'expected'],
  repeat: ['repeated', 'repeating'],
  demand: ['demanded', 'demanding'],
  note: ['note', 'notes', 'noted', 'noting'],
};

/** Inflections of a regular verb: "add" → add, adds, added, adding. */
function inflect(base: string): string[] {
  if (IRREGULAR[base]) return IRREGULAR[base];
  const doubled = ['admit', 'commit', 'regret'].includes(base);
  if (base.endsWith('e')) return [base, `${base}s`, `${base}d`, `${base.slice(0, -1)}ing`];
  if (/[^aeiou]y$/.test(base)) return [base, `${base.slice(0, -1)}ies`, `${base.slice(0, -1)}ied`, `${base}ing`];
  if (doubled) return [base, `${base}s`, `${base}ted`, `${base}ting`];
  if (/(s|sh|ch|x)$/.test(base)) return [base, `${base}es`, `${base}ed`, `${base}ing`];
  return [base, `${base}s`, `${base}ed`, `${base}ing`];
}

function buildCues(): Map<string, CueInfo> {
  const map = new Map<string, CueInfo>();
  const addAll = (lemmas: string[], clausal: boolean): void => {
    for (const lemma of lemmas) {
      for (const form of inflect(lemma)) {
        if (!map.has(form)) map.set(form, { lemma, object: OBJECT_VERBS.includes(lemma), clausal });
      }
    }
  };
  addAll(CLAUSAL, true);
  addAll(DIRECT_ONLY, false);
  return map;
}

/** Every inflected reporting verb, lower-case. */
export const CUE_VERBS: ReadonlyMap<string, CueInfo> = buildCues();

/** Participles that continue a reported clause with the same speaker (", adding that…"). */
export const PARTICIPLE_CUES: ReadonlySet<string> = new Set(
  [...CUE_VERBS.entries()].filter(([form, info]) => form.endsWith('ing') && info.clausal).map(([form]) => form),
);

/** Personal and relative pronouns that can be a speaker mention. */
export const PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'who', 'which', 'you']);

/** Determiners that start a noun phrase. */
export const DETERMINERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'this', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'one', 'another',
  'some', 'many', 'several', 'both', 'each', 'most', 'two', 'three', 'other', 'several', 'few', 'all',
]);

/**
 * Words that cannot be inside a speaker noun phrase: they mark the clause
 * around it (conjunctions, auxiliaries, prepositions other than of/for).
 */
export const NP_STOP: ReadonlySet<string> = new Set([
  'and', 'but', 'or', 'because', 'when', 'while', 'if', 'as', 'that', 'after', 'before', 'then', 'so', 'not', 'is',
  'was', 'were', 'are', 'be', 'been', 'being', 'has', 'have', 'had', 'to', 'in', 'on', 'at', 'with', 'by', 'from',
  'than', 'also', 'who', 'which', 'whom', 'where', 'what', 'how', 'why', 'there', 'about', 'into', 'over', 'under',
  'since', 'until', 'although', 'though', 'would', 'could', 'should', 'will', 'can', 'may', 'might', 'must', 'did',
  'do', 'does', 'said', 'says', 'told', 'once', 'even', 'just', 'only', 'still', 'now', 'again', 'during', 'against',
  'between', 'through', 'without', 'like', 'unlike', 'up', 'out', 'off', 'down', 'him', 'them', 'us', 'me',
]);

/** Words that may sit between a speaker and the verb ("he also said", "Trump has repeatedly claimed"). */
export const CUE_MODIFIERS: ReadonlySet<string> = new Set([
  'also', 'has', 'have', 'had', 'then', 'later', 'previously', 'once', 'again', 'would', 'will', 'had', 'often',
  'repeatedly', 'further', 'separately', 'simply', 'recently', 'never', 'always', 'just', 'even', 'already', 'frequently',
  'publicly', 'privately', 'reportedly', 'allegedly', 'earlier', 'sharply', 'flatly', 'explicitly', 'openly',
]);

/** Auxiliaries that make the following participle passive ("was told", "is said") — not a report. */
export const PASSIVE_AUX: ReadonlySet<string> = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', "it's"]);

/** Heads of descriptive organization mentions ("the group said"). */
export const ORG_HEADS: ReadonlySet<string> = new Set([
  'group', 'organization', 'organisation', 'ministry', 'agency', 'department', 'company', 'campaign', 'committee',
  'council', 'party', 'firm', 'bank', 'union', 'court', 'administration', 'office', 'commission', 'network', 'newspaper',
  'paper', 'government', 'board', 'institute', 'foundation', 'association', 'coalition', 'movement', 'team', 'army',
  'military', 'embassy', 'bureau', 'service', 'watchdog', 'regulator', 'club', 'league', 'federation', 'body', 'panel',
  'authority', 'authorities', 'lab', 'center', 'centre', 'university', 'school', 'hospital', 'station', 'outlet',
  'publication', 'magazine', 'site', 'website', 'poll', 'survey', 'report', 'study', 'statement', 'senate', 'house',
  'police', 'prosecutors', 'state', 'city', 'country', 'nation',
]);

/** Abbreviations whose period does not end a name ("Mr. Biden"). */
export const NAME_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'prof', 'st', 'jr', 'sr', 'u.s', 'u.n', 'pres',
  'capt', 'adm', 'maj', 'rev', 'hon', 'amb', 'atty',
]);

/** Day and month words that mark a time phrase, not a speaker ("on Monday said"). */
export const TIME_WORDS: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight',
  'morning', 'afternoon', 'evening', 'night', 'week', 'month', 'year', 'january', 'february', 'march', 'april', 'may',
  'june', 'july', 'august', 'september', 'october', 'november', 'december', 'earlier', 'later', 'last', 'this',
]);
