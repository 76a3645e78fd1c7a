import type { Credit } from './article.js';

/**
 * Recognisers for web "furniture": lines that belong to the page, not the
 * story. They are patterns over the *shape* of such lines (a share prompt is
 * short and imperative, a teaser starts with a label and a colon, a credit
 * line is a parenthesised list of "X by Y"), so they hold for sites we have
 * never seen, not just the seed articles.
 */

/** Why a line was dropped; kept for debugging and tests. */
export type FurnitureKind = 'share' | 'teaser' | 'comments' | 'copyright' | 'credit' | 'byline' | 'dateline';

const SHARE =
  /^(spread the love|share( this)?( article| story| post| page)?( on| via| with)?( facebook| twitter| x| whatsapp| linkedin| email| reddit)?|click (here )?to share.*|share on .{1,40}|tweet( this)?|pin it|email( this)?( article| story)?|print( this)?( article| page| story)?|follow us( on .{1,40})?|like us on facebook|subscribe( now| today| to [\w\s]{1,40})?|sign up( now| for [\w\s]{1,40})?|(get|join) (our|the) newsletter|newsletter( sign[- ]?up)?|advertisement|advertising|sponsored( content)?|continue reading.{0,40}|skip to (main )?content|loading(\.{3}|…)?|listen to (this )?(article|story).{0,30}|\d+ min(ute)? read|(copy|copied) link|save (article|story)|gift (this )?article)$/i;

const TEASER_LABEL =
  /^(read also|also read|read more|more to read|see also|related( stories| articles| coverage| news| content| reading)?|recommended( for you| reading)?|you (may|might) (also )?(like|be interested in)|don'?t miss|must read|trending( now)?|more from [\w\s]{1,30}|most (read|popular)|latest (news|stories)|top stories|watch( now)?|listen|explainer|opinion)\s*[:|–—>»]+/i;

const COMMENTS =
  /^(leave a (reply|comment|response)|post a comment|add (a|your) comment|\d+\s+(comments?|responses?|replies)|comments?(\s*\(\d+\))?|join the (conversation|discussion)|you must be logged in to post a comment|cancel reply|(show|view|load|hide) (all )?comments|be the first to comment|what do you think\??|comment (below|now))\.?:?$/i;

// "© 2021 Reuters", "Copyright © Acme", "Copyright 2021 …" — but not a story sentence that starts with the word.
const COPYRIGHT = /^((©|\(c\))\s*.{0,120}|copyright\s*(©|\(c\)|\d{4}).{0,120}|all rights reserved\.?|.{0,80}\ball rights reserved\.?)$/i;

const CREDIT_ROLE = /^(additional\s+)?(reporting|writing|editing|edited|written|compiled|produced|photos?|photography|graphics|research|fact[- ]checking|translation|translated|video)(\s+and\s+(reporting|writing|editing))?\s+by\s+(.+)$/i;

const BYLINE = /^(by|words by|story by|written by)\s+(.{2,120})$/i;

/**
 * Longest line the byline, contributor and dateline patterns are tried on.
 * Their matches are a bounded length anyway (names up to 120 characters, a
 * date up to 60); the bound keeps the backtracking between their adjacent
 * whitespace quantifiers constant on a line with a huge blank run.
 */
const MAX_META_LINE = 300;

/** Longest credit line worth parsing: a wire credit is a sentence or two, not a paragraph. */
const MAX_CREDIT_LINE = 600;

const CONTRIBUTED = /^(.{3,120}?)\s+contributed( reporting)?( to this (report|story|article))?( from .{2,60})?\.?$/i;

const DATELINE = /^(published|posted|updated|last updated|first published|date)(\s+on)?\s*:?\s+(.{4,60})$/i;

/** Classify one trimmed line, or null when it is story text. */
export function classifyLine(line: string): FurnitureKind | null {
  const t = line.trim();
  if (!t) return null;
  if (t.length <= 80 && SHARE.test(t.replace(/[.!:]+$/, ''))) return 'share';
  if (TEASER_LABEL.test(t)) return 'teaser';
  if (t.length <= 80 && COMMENTS.test(t)) return 'comments';
  if (t.length <= 160 && COPYRIGHT.test(t)) return 'copyright';
  if (parseCreditLine(t)) return 'credit';
  return null;
}

/** Parse a wire credit line "(Reporting by A and B in X; Editing by C)" into credits, or null. */
export function parseCreditLine(line: string): Credit[] | null {
  let t = line.trim();
  // Every credit says "… by …"; most lines are story text and stop here.
  if (t.length > MAX_CREDIT_LINE || !/\sby\s/i.test(t)) return null;
  const paren = /^\((.*)\)\.?$/.exec(t);
  if (paren) t = paren[1];
  // Split on ";" and trim, not `split(/\s*;\s*/)`, which rescans a blank run from each of its positions.
  const chunks = t.split(';').map((c) => c.trim()).filter(Boolean);
  if (chunks.length === 0) return null;
  const credits: Credit[] = [];
  for (const chunk of chunks) {
    const m = CREDIT_ROLE.exec(chunk.replace(/\.$/, ''));
    if (!m) return null;
    const role = creditRole(m[2]);
    for (const name of splitNames(m[5])) credits.push({ name, role });
  }
  return credits.length ? credits : null;
}

/** Parse a "By Jane Doe and John Roe" line into reporter credits, or null. */
export function parseBylineLine(line: string): Credit[] | null {
  const t = line.trim();
  if (t.length > MAX_META_LINE) return null;
  const m = BYLINE.exec(t);
  if (m) {
    const names = splitNames(m[2].replace(/[,|]\s*(reuters|ap|afp|associated press|staff writer|correspondent).*$/i, ''));
    return names.length && names.every(looksLikeName) ? names.map((name) => ({ name, role: 'reporter' })) : null;
  }
  const c = CONTRIBUTED.exec(t);
  if (c) {
    const names = splitNames(c[1]);
    return names.length && names.every(looksLikeName) ? names.map((name) => ({ name, role: 'reporter' })) : null;
  }
  return null;
}

/** A "Published: 12 Oct 2021" line → ISO date, or null. */
export function parseDateLine(line: string): string | null {
  const t = line.trim();
  if (t.length > MAX_META_LINE) return null;
  const m = DATELINE.exec(t);
  if (!m) return null;
  return toIsoDate(m[3]);
}

/** Parse a date string into ISO-8601, or null when it is not a real date. Never invents one. */
export function toIsoDate(value: string | null | undefined): string | null {
  // A date is a few dozen characters; a longer value is not one, and the patterns below need not see it.
  if (!value || value.length > 120) return null;
  let cleaned = value.trim().replace(/\s+(at|@)\s+/i, ' ').replace(/\b(\d{1,2})(st|nd|rd|th)\b/, '$1');
  // A date written without a zone means the same day everywhere: read it as UTC, never as the server's local time.
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(cleaned)) cleaned += 'Z';
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(cleaned) && !/(Z|[+-]\d{2}:?\d{2}|\b(UTC|GMT|[ECMP][SD]T)\b)\s*$/i.test(cleaned)) cleaned += ' UTC';
  // Without a year a date is a guess (Date.parse would pick 2001): unknown stays unknown.
  if (!/\b\d{4}\b/.test(cleaned)) return null;
  const ms = Date.parse(cleaned);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1900 || year > 2200) return null;
  return new Date(ms).toISOString();
}

function creditRole(word: string): string {
  const w = word.toLowerCase();
  if (w.startsWith('edit')) return 'editor';
  if (w.startsWith('writ')) return 'writer';
  if (w.startsWith('photo')) return 'photographer';
  if (w.startsWith('transl')) return 'translator';
  if (w.startsWith('compil') || w.startsWith('produc')) return 'producer';
  if (w.startsWith('graph') || w.startsWith('video')) return 'producer';
  if (w.startsWith('research') || w.startsWith('fact')) return 'researcher';
  return 'reporter';
}

/** Split "A, B and C in Bogota" into names, dropping locations ("in X", "from X"). */
export function splitNames(list: string): string[] {
  // Separators without surrounding `\s*`/`\s+` (trimmed afterwards): those rescan a blank run from every position.
  return list
    .split(/,|&|(?<=\s)and(?=\s)/)
    .map((n) => trimDotsAndSpace(beforeLocation(n)))
    .filter((n) => n.length > 1);
}

/** "Jane Doe in Bogota" → "Jane Doe " (the location starts at " in|from|at " before a capital). */
function beforeLocation(name: string): string {
  const m = /(?<=\s)(?:in|from|at)\s+\p{Lu}/u.exec(name);
  return m ? name.slice(0, m.index) : name;
}

/** Trim spaces and trailing periods by scanning, not with `/[.\s]+$/` (quadratic on a long run of either). */
function trimDotsAndSpace(s: string): string {
  let e = s.length;
  while (e > 0 && (s[e - 1] === '.' || /\s/.test(s[e - 1]))) e--;
  return s.slice(0, e).trim();
}

/** Two to five capitalised words (particles allowed): the shape of a person's name. */
export function looksLikeName(s: string): boolean {
  const words = s.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  return words.every((w) => /^(\p{Lu}[\p{L}'’.-]*|de|da|del|der|van|von|la|le|bin|al|dos|du)$/u.test(w));
}
