/** Function words that carry no topic; small on purpose (news vocabulary is the signal). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  ('a an the and or but if then than that this these those there here of to in on at by for with from into onto over under about after before ' +
    'as is are was were be been being am do does did done has have had having will would shall should can could may might must ' +
    'i you he she it we they me him her us them my your his its our their mine yours ours theirs who whom whose which what when where why how ' +
    'not no nor so too very just also only own same such both each few more most other some any all again further once up down out off ' +
    'said says say told tell according mr mrs ms dr new one two three year years last first').split(' '),
);

/** Lower-cased content words of a text, with a light plural/possessive fold so "talks" meets "talk". */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    let w = m[0].replace(/['’]s$/, '');
    if (w.length < 3 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
    if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
    else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
    out.push(w);
  }
  return out;
}
