/**
 * Cleaning of single sentences before they can become summary lines. News
 * text carries things that are not news: the dateline in front of the lede
 * ("BOGOTA, Oct 20 (Reuters) -", "(CNN) --"), photo captions pasted into the
 * body, credits, and calls to action ("Scroll down for video"). Each is
 * recognised by its shape (a parenthesised outlet after a capitalised place,
 * a short label before a colon, a position marker such as "(pictured)"), not
 * by listing the strings seen in one data set.
 */

const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
/** A capitalised place of one to four words ("BOGOTA", "Rio de Janeiro", "WASHINGTON, D.C."). */
const PLACE = String.raw`\p{Lu}[\p{L}.'’-]{0,30}(?:\s(?:\p{Lu}[\p{L}.'’-]{0,30}|de|del|da|do|la|le|el|al|of|upon|on)){0,3}`;
/** A date inside a dateline: "Oct 20", "October 20, 2014", "20 October". */
const DATE = String.raw`(?:${MONTH}\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+${MONTH}(?:\s+\d{4})?)`;
/** An outlet in parentheses: one to five words, the first capitalised ("(CNN)", "(Reuters)", "(The Hollywood Reporter)"). */
const OUTLET = String.raw`\((\p{Lu}[\p{L}&.'’]*(?:\s+[\p{L}&.'’]+){0,4})\)`;

/**
 * "PLACE[, PLACE][, DATE] (OUTLET) [-- ]": the wire dateline. The text after
 * it must start like a sentence (a capital, a digit or a quote mark), so
 * "John Smith (Labour) said…" is left alone.
 */
const WIRE_DATELINE = new RegExp(
  String.raw`^\s*(?:${PLACE}(?:\s*,\s*${PLACE}){0,2}(?:\s*,?\s*${DATE})?\s*)?${OUTLET}\s*(?:[-–—]{1,2}\s*|:\s*)?(?=["“‘']?[\p{Lu}\d])`,
  'u',
);

/** "WASHINGTON — The Senate…", "LONDON, England -- …": an all-capitals place and a dash, no outlet. */
const CAPS_DATELINE = new RegExp(
  String.raw`^\s*\p{Lu}{2,}[\p{Lu}.'’ -]*(?:,\s*(?:\p{Lu}[\p{L}.'’]*\s*){1,3})?(?:,?\s*${DATE})?\s*(?:--|[–—])\s*(?=["“‘']?[\p{Lu}\d])`,
  'u',
);

/** A shouted tag in front of the story: "EXCLUSIVE: ", "BREAKING NEWS - ". */
const SHOUTED_TAG = /^\s*\p{Lu}{3,}(?:\s+\p{Lu}{2,}){0,2}\s*[:|–—-]\s+(?=["“‘']?\p{Lu})/u;

/** "Scroll down for video", "Click here to…", "READ MORE: …": calls to action, anywhere in a short sentence. */
const TEASER = /^(?:scroll (?:down|up)\b|click (?:here|below|through)\b|tap here\b|read (?:more|the full)\b|see (?:more|also|the full|below)\b|watch (?:the )?(?:video|below)\b|video\s*[:-]|sign up\b|subscribe\b|download the\b|follow (?:us|@)|like us on\b|share (?:this|your)\b|more (?:on|from) (?:this|our)\b)/i;

/** Parenthesised position markers that only a photo caption uses ("(pictured)", "(left)", "(second right)", "(file photo)"). */
const POSITION_MARK = /\((?:(?:second|third|far|top|bottom|centre|center|back|front)[\s-]+)?(?:pictured|picture|photo|file photo|left|right|centre|center|above|below|top|bottom|inset|main|l|r|front|back)(?:\s*(?:,|and|&)\s*[^)]{1,30})?\)/i;

/** The same markers set off by commas ("Teacher Ray Coe, pictured left, is…", "Smith, right, and…"), and "pictured" anywhere. */
const LOOSE_MARK = /\bpictured\b|,\s*(?:(?:far|second|top|bottom)\s+)?(?:left|right|centre|center|above|below)\s*[,.;]/i;

/** Words of saying: a label ending in one introduces a quotation ("Police said: '…'"), not a caption. */
const SAYING = /\b(?:said|says|say|told|tells|added|adds|explained|wrote|writes|tweeted|posted|declared|warned|insisted|stated|asked|replied|announced|reads?)\s*$/i;

/** Credits for pictures: "Photo: Getty Images", "Picture courtesy of…", "Image copyright AFP". */
const PICTURE_CREDIT = /^(?:(?:photos?|pictures?|images?|video|footage|credit|source)(?:\s+(?:credit|courtesy(?: of)?|copyright))?\s*[:|/]|(?:photos?|pictures?|images?)\s+(?:courtesy|copyright)\b)/i;

/**
 * A caption position marker closing a caption that lost its full stop, then the next sentence:
 * "…was barely recognisable (pictured) Police said…". Only the bare markers count here (a
 * "(left, with his wife)" may sit inside a sentence), and the next word must be capitalised.
 */
const GLUED_CAPTION_END = /\((?:pictured|picture|photo|file photo|left|right|centre|center|above|below|inset|(?:second|third|far)[\s-]+(?:left|right))\)\s+/gi;

/** A capitalised word, after an optional opening quote mark. */
const SENTENCE_START = /^["“‘']?\p{Lu}\p{Ll}/u;

/**
 * Split sentences in which a photo caption without its own full stop runs into the next sentence
 * (pages pasted as text lose the line break after a caption). The caption part stays a sentence
 * of its own, where {@link isCaption} recognises it; the sentence after it becomes eligible again.
 */
export function splitGluedCaptions<S extends { start: number; end: number; text: string }>(sentences: readonly S[]): S[] {
  const out: S[] = [];
  for (const s of sentences) {
    if (!s.text.includes(') ')) {
      out.push(s);
      continue;
    }
    let from = 0;
    for (const m of s.text.matchAll(GLUED_CAPTION_END)) {
      const cut = m.index! + m[0].length;
      // The rest must open like a sentence ("Police said…", not "was using…") and not be a closing fragment.
      if (!SENTENCE_START.test(s.text.slice(cut, cut + 3)) || s.text.length - cut < 20) continue;
      out.push(piece(s, from, cut));
      from = cut;
    }
    out.push(from === 0 ? s : piece(s, from, s.text.length));
  }
  return out;
}

/** The part [from, to) of a sentence, trimmed, with its offsets. */
function piece<S extends { start: number; end: number; text: string }>(s: S, from: number, to: number): S {
  const raw = s.text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  return { ...s, start: s.start + from + lead, end: s.start + from + lead + text.length, text };
}

/** Remove a leading dateline or shouted tag; the sentence text otherwise stays as written. */
export function stripDateline(sentence: string): string {
  let t = sentence;
  for (const re of [WIRE_DATELINE, CAPS_DATELINE, SHOUTED_TAG]) {
    // A dateline is short: matching on the head bounds the work on long capitalised runs.
    const m = re.exec(t.slice(0, 200));
    if (m && m[0].length < t.length) t = t.slice(m[0].length);
  }
  return t;
}

/**
 * Undo pseudo line breaks: text pasted from pages whose lines were joined with " . " (DailyMail's
 * wrapped lines, "wearing a casual . navy blue shirt") keeps a stray full stop mid-sentence. A
 * full stop with a space on both sides and a lower-case word after it ends no sentence.
 */
export function repairLineBreaks(sentence: string): string {
  return sentence.includes(' . ') ? sentence.replace(/ \.\s+(?=\p{Ll})/gu, ' ') : sentence;
}

/** A bare position marker in brackets: "(pictured)", "(left)", "(second right)", "(file photo)", "(pictured left)". */
const BARE_MARK = /\s*\((?:pictured(?:\s+(?:left|right|centre|center|above|below|top|bottom|inset))?|picture|photo|file photo|file picture|left|right|centre|center|above|below|inset|(?:second|third|far|top|bottom)[\s-]+(?:left|right))\)/g;

/** "Ray Coe, pictured left, gave…" becomes "Ray Coe gave…". */
const COMMA_PICTURED = /,\s*pictured(?:\s+(?:left|right|centre|center|above|below|top|bottom))?\s*,\s*/gi;

/**
 * A bare ", right," after a name or an age: "Smith, right, and Jones", "Mara Olsen, 31, left, with…".
 * Case-sensitive on purpose (the name must be capitalised), so "turned left, right, then left" is left alone.
 */
const COMMA_SIDE = /(?<=\b\p{Lu}[\p{L}'’-]*|\d)(,\s*(?:(?:far|second)\s+)?(?:left|right)\s*,\s*)/gu;

/**
 * Remove photo position markers from a sentence to be shown: they point at a picture the summary
 * does not have. Only the bare markers go ("(pictured with his wife)" says something and stays), and
 * what remains is the same sentence without the aside.
 */
export function dropPositionMarks(sentence: string): string {
  if (!/[(,]\s*(?:pictured|picture|photo|file|left|right|centre|center|above|below|inset|second|third|far|top|bottom)\b/i.test(sentence)) return sentence;
  // After an age the comma that closed it stays: "Mara Olsen, 31, left, with…" → "Mara Olsen, 31, with…".
  return sentence
    .replace(BARE_MARK, '')
    .replace(COMMA_PICTURED, ' ')
    .replace(COMMA_SIDE, (_m, _g, offset: number, whole: string) => (/\d/.test(whole[offset - 1]) ? ', ' : ' '));
}

/** The outlet named in a leading dateline ("Reuters" for "BOGOTA, Oct 20 (Reuters) - …"), or null. */
export function datelineOutlet(sentence: string): string | null {
  const m = WIRE_DATELINE.exec(sentence.slice(0, 200));
  return m ? m[1] : null;
}

/**
 * A photo caption pasted into the body: a short label and a colon before a
 * description ("Tragic: the couple on their wedding day"), or a position
 * marker that only captions use ("Bishop Folda (pictured) of…", "Smith, 27 (left) was…").
 */
export function isCaption(sentence: string): boolean {
  const t = sentence.trim();
  if (POSITION_MARK.test(t) || LOOSE_MARK.test(t)) return true;
  const label = /^([\p{Lu}][\p{L}'’-]*(?:\s+[\p{L}'’-]+){0,3})\s*:\s+(["“‘']?)/u.exec(t);
  // "Police said: 'We are…'" introduces a quotation; a label followed by a quote mark is one too.
  return label !== null && !SAYING.test(label[1]) && label[2] === '' && !/^(?:Mr|Mrs|Ms|Dr)\b/.test(label[1]);
}

/** A call to action or a teaser for other content ("Scroll down for video", "READ MORE: …"). */
export function isTeaser(sentence: string): boolean {
  const t = sentence.trim().replace(/^[-–—•*>\s]+/, '');
  return TEASER.test(t) || PICTURE_CREDIT.test(t);
}

/**
 * DailyMail-style header fragments ("By .", "Associated Press .",
 * "PUBLISHED: .", "14:11 EST, 25 October 2013 . | .", "UPDATED: ."): short
 * lines made of a stamp, a time or a lone credit, with the stray full stops
 * the source puts after each field.
 */
export function isHeaderFragment(sentence: string): boolean {
  const t = sentence.trim();
  if (/^(?:by|published|updated|last updated)\s*:?\s*[.|]?\s*$/i.test(t)) return true;
  if (/^(?:published|updated)\s*:/i.test(t)) return true;
  // A lone credit between the stray stops: "Associated Press .", "Valley Courier Reporter ." (capitalised words, no sentence).
  if (/^\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*){0,4}\s\.$/u.test(t)) return true;
  // A time stamp: "14:11 EST, 25 October 2013 . | ."
  return /^\d{1,2}:\d{2}\s*(?:[AP]M\s*)?(?:[A-Z]{2,4}T?)?\s*,?\s*\d{1,2}\s+\p{L}+\s+\d{4}[\s.|]*$/iu.test(t);
}
