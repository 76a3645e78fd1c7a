/**
 * The hostile articles of issue #14's acceptance run, generated (deterministically)
 * at other sizes and letters than the audit used: byline credit lines, capital
 * runs, all-caps beside capitalised runs, blank runs, quote-mark runs, unclosed
 * HTML tags/comments, random bytes in a .txt, a ~3 MB realistic article, and
 * control characters / ANSI / OSC escapes with mention syntax in article text.
 */

import { rng } from '../analysis/pathological-inputs.js';

const FIRST = ['Marta', 'Jonas', 'Ifeoma', 'Rafael', 'Ingrid', 'Tomasz', 'Aiko', 'Kwame', 'Lucia', 'Dmitri', 'Priya', 'Hamid'];
const LAST = ['Okafor', 'Lindqvist', 'Moreno', 'Kowalski', 'Tanaka', 'Mensah', 'Ferreira', 'Volkov', 'Raman', 'Haddad', 'Brennan', 'Castillo'];
const PLACES = ['Lisbon', 'Accra', 'Krakow', 'Osaka', 'Bogota', 'Tbilisi', 'Nairobi', 'Quito'];
const ORGS = ['the Port Authority', 'the Ministry of Transport', 'the city council', 'the Harbour Workers Union', 'the regional court'];
const VERBS = ['said', 'told reporters', 'denied', 'warned', 'added', 'argued'];

/** A realistic article of about `bytes` bytes: many paragraphs, names, quotes, organisations. */
function realisticArticle(bytes: number, rnd: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const out: string[] = ['Harbour strike spreads as ministers meet union leaders', ''];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const who = `${pick(FIRST)} ${pick(LAST)}`;
    const p = `${pick(PLACES)} port workers extended their strike on day ${i + 1}, ${pick(ORGS)} said on Tuesday. ` +
      `"We will keep the cranes still until the contract is signed," ${who}, a spokesperson for ${pick(ORGS)}, ${pick(VERBS)}. ` +
      `${pick(FIRST)} ${pick(LAST)} of ${pick(ORGS)} ${pick(VERBS)} that talks would resume in ${pick(PLACES)} next week, ` +
      `while shipping lines diverted ${Math.floor(rnd() * 90) + 10} vessels.`;
    out.push(p, '');
    size += p.length + 2;
  }
  return out.join('\n');
}

/** Filename → content of the hostile articles (the classes issue #14 lists). */
export function hostileArticles(): Record<string, string | Buffer> {
  const rnd = rng(1414);
  const caps = (n: number, letters: string) => Array.from({ length: n }, (_, i) => letters[i % letters.length]).join('');
  const titleRun = (n: number) => Array.from({ length: n }, (_, i) => `${FIRST[i % FIRST.length]}${LAST[(i * 7) % LAST.length]}`).join(' ');
  return {
    // 1. The byline credit line, at other sizes and letters than the audit's 45 + 45 + "a!".
    'byline-58-61.txt': `Dockworkers vote on the offer\n\nThe vote closes on Friday.\nBy ${caps(58, 'QX')}, ${caps(61, 'WVR')}b!\n`,
    'byline-40-70.txt': `Ferry timetable changes\n\nBy ${caps(40, 'ZKM')}, ${caps(70, 'PJ')}e?\n`,
    'byline-repeated.txt': `Council notes\n\n${Array.from({ length: 30 }, () => `By ${caps(49, 'HGT')}, ${caps(47, 'YU')}o!`).join('\n')}\n`,
    // 2. Long capital runs, and an all-caps sentence next to a long capitalised run.
    'capital-run.txt': `Registry published\n\n${caps(60_000, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')} said nothing.\n`,
    'allcaps-beside-titlecase.txt': `Names list\n\nTHE HARBOUR BOARD HAS CLOSED THE NORTHERN GATE UNTIL FURTHER NOTICE. ${titleRun(4_000)} attended. ` +
      `${'LOUD WORDS '.repeat(3_000)}Then ${titleRun(2_500)}.\n`,
    // 3. Long blank runs of several kinds.
    'blank-runs.txt': `Blank lines\n\nFirst paragraph.${'\n'.repeat(25_000)}${' \t \n'.repeat(20_000)}${'\u00a0\n\r\n'.repeat(15_000)}Last paragraph said Mayor Ana Lopez.\n`,
    // 4. Runs of quote marks, in an article with a word to brief over.
    'quote-marks.txt': `Thornbury bridge to reopen\n\nThornbury will reopen its bridge in May, Mayor Elena Varga said on Monday. ` +
      `"Thornbury is ready ${'"'.repeat(30_000)} for traffic," Varga said. ` +
      `Residents of Thornbury said “${'“”'.repeat(12_000)}” and ‘${'’'.repeat(15_000)}’ in a petition, ${'«»„'.repeat(8_000)} council leader Piet Maas added.\n`,
    // 5. Unclosed tags and comments in .html.
    'unclosed-tags.html': `<html><head><title>Tag soup</title></head><body><p>Begin.</p>${'<div class="a"'.repeat(20_000)}${'<span'.repeat(20_000)}</body>`,
    'unclosed-comment.html': `<html><body><p>Intro</p><!--${'<p>x</p> -- > '.repeat(30_000)}<script>${'<'.repeat(40_000)}`,
    'unclosed-attr.html': `<html><body><a href="${'x'.repeat(200_000)}<p>${'<!'.repeat(50_000)}`,
    // 6. Random bytes in a .txt: binary, must be refused.
    'random-bytes.txt': Buffer.from(Array.from({ length: 96 * 1024 }, () => Math.floor(rnd() * 256))),
    // 7. A large realistic article (~3 MB).
    'large-realistic.txt': realisticArticle(3 * 1024 * 1024, rnd),
    // 8. Control characters, ANSI/OSC escapes, and mention syntax in article text.
    'control-escapes.txt': `Kestrelton \u001b[31mflood\u001b[0m warning\n\n` +
      `Kestrelton officials ordered evacuations on Sunday, Mayor Dana Whitlock said. ` +
      `${'The river rose through the night and crews worked until dawn. '.repeat(40)}` +
      `"We will not be silenced <!here> \u001b]8;;http://evil.example/\u0007click\u001b]8;;\u0007," Whitlock said of Kestrelton. ` +
      `${'Sandbags were handed out at the school and the church. '.repeat(40)}` +
      `Kestrelton council member Omar Reyes \u001b[2J\u001b[Hsaid ＜!channel＞ and <@U0BADBAD> and ＠everyone would be informed.\u0008\u0007 ` +
      `${'Roads to the east remained closed on Monday. '.repeat(40)}\n`,
  };
}

