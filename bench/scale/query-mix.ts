import { fold } from '../../src/search/fold.js';
import type { PoolArticle } from './analysed-pool.js';
import type { BenchQuery } from './child-protocol.js';

/**
 * The query mix, derived from the pool's analyses so it follows the data rather than a list of known
 * answers: the most-mentioned people (full name and surname, one misspelt), the most-mentioned places,
 * countries, the commonest content words, quoted phrases, time windows, and topics nobody wrote about.
 * Clones repeat the pool, so the names most mentioned in the pool are the most mentioned in every corpus
 * — the slowest names to answer.
 */
export function queryMix(pool: readonly PoolArticle[]): BenchQuery[] {
  const people = topEntities(pool, (t) => t === 'person', 8);
  const places = topEntities(pool, (t) => t === 'place', 5);
  const words = commonWords(pool, 4);
  const q = (command: BenchQuery['command'], args: string, kind: string): BenchQuery => ({ command, args, kind });
  const surname = (n: string) => n.split(' ').pop()!;
  const brief: BenchQuery[] = [
    ...['united states', 'china', 'uk', 'france', 'europe'].map((c) => q('brief', c, 'country')),
    ...places.map((p) => q('brief', p, 'top-place')),
    ...people.slice(0, 4).map((p) => q('brief', p, 'top-person')),
    ...people.slice(0, 4).map((p) => q('brief', surname(p), 'top-person-surname')),
    ...words.map((w) => q('brief', w, 'common-word')),
    ...['"prime minister"', '"interest rates"', '"world cup"', 'human rights'].map((p) => q('brief', p, 'phrase')),
    q('brief', 'china 7d', 'window'),
    q('brief', 'united states 30d', 'window'),
    q('brief', `${words[0]} since monday`, 'window'),
    q('brief', `${surname(people[0])} 24h`, 'window'),
    q('brief', `${places[0]} past 2 weeks`, 'window'),
    q('brief', 'zzqxvbn', 'unknown'),
    q('brief', 'quantum basket weaving', 'unknown'),
  ];
  const who: BenchQuery[] = [
    ...people.map((p) => q('who', p, 'top-person')),
    ...people.map((p) => q('who', surname(p), 'top-person-surname')),
    q('who', misspell(surname(people[0])), 'typo'),
    q('who', places[0], 'place'),
    q('who', 'nobodyatall', 'unknown'),
  ];
  return [...brief, ...who];
}

/** Names of the entities with the most mentions across the pool (subjects only). */
function topEntities(pool: readonly PoolArticle[], type: (t: string) => boolean, n: number): string[] {
  const counts = new Map<string, { name: string; mentions: number }>();
  for (const a of pool) {
    for (const e of a.analysis.entities) {
      if (e.kind !== 'subject' || !type(e.type)) continue;
      const k = fold(e.name);
      const c = counts.get(k) ?? { name: e.name, mentions: 0 };
      c.mentions += e.mentions.length;
      counts.set(k, c);
    }
  }
  return [...counts.values()].sort((a, b) => b.mentions - a.mentions).slice(0, n).map((c) => c.name);
}

/** The words in most pool articles (4+ letters, not a stop word): the widest text matches. */
function commonWords(pool: readonly PoolArticle[], n: number): string[] {
  // Function words and time words are not topics anyone asks for; what is left are the news nouns and verbs.
  const STOP = new Set(('about above after again against along already also although among another around because before being below between both could ' +
    'during each either every first former further have having into last later least less many might more most much must never next often only other ' +
    'others over perhaps rather really same second several should since some still such than that their them then there these they third this those ' +
    'though three through time times together under until upon very were what when where whether which while whole whose will with within without ' +
    'would year years week weeks month months today yesterday says said told added going make made like just well back even including').split(' '));
  const df = new Map<string, number>();
  for (const a of pool) for (const w of new Set(a.text.toLowerCase().match(/\b[a-z]{5,}\b/g) ?? [])) if (!STOP.has(w)) df.set(w, (df.get(w) ?? 0) + 1);
  return [...df.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([w]) => w);
}

/** A one-letter slip (a doubled letter dropped, or the second-last letter dropped). */
function misspell(name: string): string {
  return name.length > 4 ? name.slice(0, -2) + name.slice(-1) : `${name}e`;
}
