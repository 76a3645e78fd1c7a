/**
 * Generators of pathological article text, one per class of input that has
 * made a regex or an algorithm superlinear: each takes a target size in
 * characters and returns text of about that size, deterministically.
 */

/** Small deterministic PRNG (mulberry32), so generated inputs never change between runs. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `unit` repeated to exactly `n` characters (at least one character). */
export function fill(unit: string, n: number): string {
  const k = Math.max(1, Math.ceil(n / unit.length));
  return unit.repeat(k).slice(0, Math.max(1, Math.floor(n)));
}

const PARAGRAPHS = [
  'Colombian President Ivan Duque said on Tuesday that the government would extend the ceasefire, according to a statement from the Ministry of Defense in Bogota.',
  '"We will not let violence win," Duque told reporters at the presidential palace. "The people of Colombia deserve peace."',
  'The United Nations mission welcomed the decision. Its spokesman, Farhan Haq, said the group hoped talks would resume soon.',
  'Secretary of State Antony Blinken, who visited Bogota last week, praised the move. He said the United States would support it.',
  'Critics, including former president Alvaro Uribe, warned that the rebels had used previous pauses to regroup, the newspaper El Tiempo reported.',
  'The National Liberation Army (ELN) did not respond to requests for comment. The group has about 2,500 fighters, officials say.',
];

/** Varied news paragraphs (names, quotes, numbers), each made distinct, as a large but realistic article. */
function realistic(n: number): string {
  const r = rng(3);
  const days = ['Monday', 'Tuesday', 'Friday', 'Sunday'];
  const out: string[] = [];
  let len = 0;
  for (let i = 0; len < n; i++) {
    const p = `${PARAGRAPHS[Math.floor(r() * PARAGRAPHS.length)].replace('Tuesday', days[i % days.length])} (Update ${i}.)`;
    out.push(p);
    len += p.length + 2;
  }
  return out.join('\n\n');
}

function randomChars(n: number, seed: number, range: number): string {
  const r = rng(seed);
  const codes: number[] = [];
  for (let i = 0; i < n; i++) codes.push(Math.floor(r() * range));
  return codes.map((c) => String.fromCharCode(c)).join('');
}

/** Distinct invented names, so coreference has many entities to compare. */
function manyNames(n: number): string {
  const r = rng(5);
  const letters = 'BCDFGHKLMNPRST';
  const pick = () => letters[Math.floor(r() * letters.length)];
  let s = '';
  for (let k = 0; s.length < n; k++) {
    const name = `${pick()}a${pick().toLowerCase()}o${k}`;
    s += `${name} Ruiz said he agreed with the ${name} Group. `;
  }
  return s;
}

const QUOTE_MARKS = ['"', '“', '”', "'", '‘', '’', '«', '»', '„', '`'];

/** Every pathological class, by name. */
export const PATHOLOGICAL: Record<string, (n: number) => string> = {
  // The audit's credit line: "By" + a capital run + ", " + a capital run + "a!".
  bylineCredit: (n) => `Intro sentence here.\n\nBy ${fill('A', n / 2)}, ${fill('A', n / 2)}a!`,
  capitalRun: (n) => `The officials ${fill('Alpha Beta Gamma Delta ', n)} said it.`,
  allCapsBesideCapitals: (n) => `${fill('THE COUNCIL SAID NO TODAY. ', n / 2)}Then ${fill('Alpha Beta Gamma Delta ', n / 2)} spoke.`,
  longAllCapsSentence: (n) => `Officials in Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa met. ${fill('ALPHA BETA GAMMA DELTA ', n)}.`,
  blankRuns: (n) => `Story begins here.\n${fill(' ', n / 3)}x${fill(' \t', n / 3)},\nBy Jane ${fill(' ', n / 3)} Doe\nEnd of story.`,
  blankLines: (n) => fill('Line of text.\n \n\t\n', n),
  quoteMarkRuns: (n) => QUOTE_MARKS.map((q) => `He said ${fill(q, n / QUOTE_MARKS.length)} word`).join(' '),
  alternatingQuotes: (n) => `“Start ${fill('“a” ‘b’ "c" «d» ', n)} said Smith.`,
  unclosedBrackets: (n) => `He said (${fill('( [ { “ word ', n)} end`,
  longWord: (n) => `Before ${fill('abcdefghij', n / 2)} after. ${fill('ABCDEFGHIJ', n / 2)}`,
  noSpaces: (n) => fill('Word.Word,Word"Word’(Word)', n),
  randomBytes: (n) => randomChars(n, 7, 256),
  randomUnicode: (n) => randomChars(n, 9, 0x3000),
  shortSentences: (n) => fill('He said. She went. It is. ', n),
  realistic,
  pronounsAndNames: (n) => fill('John Smith met Mary Jones. He said she would go. They told him that she was right. The group said it agreed. ', n),
  manyNames,
};
