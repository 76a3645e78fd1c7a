/**
 * Surface checks on single sentences: what can never be summary material
 * (bylines, credits, page furniture, calls to action) and what leans on the
 * sentence before it (an opening pronoun or connective), which reads badly
 * once lifted out of the article.
 */

/** Lines that are page furniture or credits rather than news, whatever the outlet. */
const FURNITURE: readonly RegExp[] = [
  // Bylines and credits: "By Jane Doe", "Reporting by…", "Editing by…", "Additional reporting…".
  /^(?:\(?(?:reporting|writing|editing|additional reporting|compiled|produced|edited)\s+by\b)/i,
  /\bcontributed (?:to )?(?:this )?report(?:ing)?\b/i,
  /^(?:photo|image|picture|video|watch|listen|graphic|caption|credit|source|related|read more|more|see also|advertisement)\s*[:|-]/i,
  // Timestamps of the page rather than the story: "PUBLISHED: 09:12 EST", "Last updated at…".
  /\b(?:published|updated|last updated|last modified)\s*:/i,
  /^last (?:updated|modified)\b/i,
  // Calls to action and site chrome.
  /^(?:click|tap|scroll|subscribe|sign up|follow us|follow @|share this|like us|download our|get the|email us|contact us)\b/i,
  /\b(?:all rights reserved|copyright ©|©\s*\d{4})/i,
  /https?:\/\/|www\.[a-z]/i,
];

/** "By " / "by: " before a byline's names. */
const BY_PREFIX = /^[Bb][Yy]:?\s+/;

/**
 * One token of a byline after "By": whitespace, a capitalised word, "and"/"&"
 * (which must be followed by whitespace) or a separator before an outlet.
 * Sticky and free of nested quantifiers, so scanning a line is linear.
 */
const BYLINE_TOKEN = /(\s+)|(\p{Lu}[\p{L}'’.-]*)|(?:and|&)(?=\s)|([,|–—-])/uy;

/**
 * "By Jane Doe", "By Jane Doe and John Roe, Reuters": a byline, unlike "By
 * 2030 the plant will…". The shape is 1–4 capitalised words, optionally "and"
 * or "&" and 1–4 more, optionally a separator and 1–4 more (the outlet). A
 * scanner rather than one regex: the regex form, with optional spaces between
 * words, could split a long capitalised run in exponentially many ways and
 * took minutes on a 182-byte credit line.
 */
export function isByline(sentence: string): boolean {
  const prefix = BY_PREFIX.exec(sentence);
  if (!prefix) return false;
  // Groups: names, optional "and" + names, optional separator + names; each group holds 1–4 words.
  let group = 0;
  let words = 0;
  let pos = prefix[0].length;
  while (pos < sentence.length) {
    BYLINE_TOKEN.lastIndex = pos;
    const m = BYLINE_TOKEN.exec(sentence);
    if (!m) return false;
    pos = BYLINE_TOKEN.lastIndex;
    if (m[1]) continue;
    if (m[2]) {
      if (++words > 4) return false;
      continue;
    }
    // "and"/"&" (only after the first group) or a separator (at most once) closes a non-empty group.
    const next = m[3] === undefined ? 1 : 2;
    if (words === 0 || group >= next) return false;
    group = next;
    words = 0;
  }
  return words > 0;
}

/** True when a sentence is never worth showing as a summary: furniture, a credit or a byline. */
export function isFurniture(sentence: string): boolean {
  const t = sentence.trim();
  if (isByline(t)) return true;
  return FURNITURE.some((re) => re.test(t));
}

/** Words that, opening a sentence, point back to something said before. */
const BACK_POINTERS = new Set([
  'he', 'she', 'they', 'it', 'his', 'her', 'their', 'its', 'him', 'them', 'this', 'that', 'these', 'those',
  'but', 'and', 'or', 'also', 'however', 'meanwhile', 'instead', 'still', 'yet', 'so', 'then', 'such', 'here',
  'nevertheless', 'nonetheless', 'moreover', 'furthermore', 'additionally', 'besides', 'otherwise', 'likewise',
  'thus', 'hence', 'therefore', 'consequently', 'later', 'earlier', 'again', 'too', 'another', 'both', 'neither',
]);

/** Connective phrases of more than one word ("In addition,", "As a result,", "Despite this"). */
const BACK_PHRASES = /^(?:in addition|as a result|despite (?:this|that|these)|even so|at the same time|on the other hand|in (?:response|turn|contrast)|by contrast|after (?:this|that)|the (?:move|decision|announcement|comments?|remarks?)\b)/i;

/**
 * "The latter"/"the former" used as a pronoun ("The former has denied…"), not as an adjective
 * ("The former Lakers player said…", "the former world No. 7"): a verb, a comma or the end follows.
 */
const FORMER_LATTER = /^the (?:latter|former)(?:\s*[,.;:]|\s*$|\s+(?:is|was|are|were|has|had|have|will|would|could|can|did|does|said|says|told|added|also|then|who|which)\b)/i;

/**
 * A pronoun as the subject after an opening phrase: "Speaking ahead of the summit, he warned…",
 * "Asked about the fine, she said…". The sentence names its subject only by pointing back.
 */
const INTRO_THEN_PRONOUN = /^[^,;:"“”]{3,90},\s+(?:he|she|they)\s+\p{Ll}/iu;

/** A pronoun as the speaker: "'We will rebuild,' she said." or "The plant will close, he added." (who is "she"?). */
const PRONOUN_SPEAKER = /[,"”'’]\s+(?:he|she|they)\s+(?:said|says|added|adds|told|tells|explained|wrote|writes|insisted|warned|continued)\b[^,;:]{0,40}[.!?]?["”'’]?$/u;

/** After a demonstrative, these nouns make a self-contained time phrase: "This year the plant…". */
const TIME_NOUNS = new Set([
  'year', "year's", 'week', "week's", 'month', "month's", 'season', "season's", 'morning', 'afternoon', 'evening',
  'weekend', "weekend's", 'summer', 'winter', 'spring', 'autumn', 'fall', 'time', 'decade', 'century', 'quarter',
]);

/**
 * True when a sentence opens by pointing back ("He added…", "But…", "This
 * means…", "In addition,…"), so it needs the sentence before it to make
 * sense. A demonstrative before a time noun ("This year…") is self-contained.
 */
export function leansOnPrevious(sentence: string): boolean {
  const t = sentence.trim().replace(/^["“‘'(]+/, '');
  if (BACK_PHRASES.test(t) || FORMER_LATTER.test(t) || INTRO_THEN_PRONOUN.test(t)) return true;
  // The speaker tag ends the sentence: testing its last 80 characters keeps this cheap on long sentences.
  if (PRONOUN_SPEAKER.test(t.length > 80 ? t.slice(-80) : t)) return true;
  const words = /^([\p{L}'’]+)[\s,]*([\p{L}'’]*)/u.exec(t);
  if (!words) return false;
  const first = words[1].toLowerCase().replace(/’/g, "'");
  const second = words[2].toLowerCase().replace(/’/g, "'");
  if (!BACK_POINTERS.has(first)) return false;
  if ((first === 'this' || first === 'that' || first === 'these' || first === 'those') && TIME_NOUNS.has(second)) return false;
  // "That" opening a clause that is the subject ("That the vote passed surprised…") is rare; treat as pointing back.
  return true;
}

/** A question or exclamation reads as rhetoric, not as a statement of what happened. */
export function isRhetorical(sentence: string): boolean {
  return /[?!]["”’')\]]*$/.test(sentence.trim());
}

/** A sentence that is a quotation and nothing else (no attribution), which tells little out of context. */
export function isBareQuote(sentence: string): boolean {
  // No trailing `\s*` after the closing mark: the text is trimmed, and `\s*$` after `[^"”]+` is quadratic on a run of spaces.
  return /^["“][^"”]+["”]?$/.test(sentence.trim());
}

