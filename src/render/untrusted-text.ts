/**
 * Text from users and articles, made safe before any renderer escapes it.
 *
 * Chat clients normalise what they display, so `＜!here＞` (full-width
 * brackets), `﹫everyone` or `<\u200B@U123>` can end up looking — or, after
 * a copy and paste, acting — like the real syntax. Renderers therefore first
 * remove invisible format characters and NFKC-normalise, so every look-alike
 * becomes the plain ASCII form that their escaping already defuses.
 */

/** Zero-width joiner: kept only inside emoji sequences (👩‍💻), where it is meaningful. */
const ZWJ = '\u200D';

/**
 * Invisible format characters (Unicode category Cf: zero-width space/joiners,
 * bidi overrides, BOM, soft hyphen…) and Hangul/Mongolian fillers that render
 * as nothing. Emoji tag characters (U+E0020–E007F, subdivision flags) are kept.
 */
const INVISIBLE = /(?![\u{E0020}-\u{E007F}])[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0\u180B-\u180F]/gu;

/** C0 and C1 controls and DEL, except newline and tab. */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, (c, offset: number, whole: string) => {
    if (c !== ZWJ) return '';
    const before = whole.slice(Math.max(0, offset - 3), offset);
    const after = whole.slice(offset + 1, offset + 3);
    return /\p{Extended_Pictographic}\uFE0F?$/u.test(before) && /^\p{Extended_Pictographic}/u.test(after) ? c : '';
  });
}

/**
 * The canonical form of untrusted text: no invisible characters, no control
 * characters (newline and tab stay; CR and the Unicode line separators become
 * newlines), NFKC-normalised so look-alikes of `<`, `>`, `@`, `!`, `#`, `&`
 * and digits are the ASCII characters.
 */
export function normaliseUntrusted(text: string): string {
  const lines = text.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n');
  return stripInvisible(lines).normalize('NFKC').replace(CONTROLS, '');
}

/**
 * Escape sequences a terminal acts on: CSI (`ESC [ … final`, or the 8-bit
 * 0x9B), OSC (`ESC ] … BEL|ST`, or 0x9D — window titles, hyperlinks,
 * clipboard writes), DCS/SOS/PM/APC strings, and two-character ESC sequences.
 */
const TERMINAL_SEQUENCES = /(?:\u001B\[|\u009B)[0-?]*[ -/]*[@-~]?|(?:\u001B[\]PX^_]|[\u009D\u0090\u0098\u009E\u009F])[\s\S]*?(?:\u0007|\u001B\\|\u009C|$)|\u001B[ -~]?/g;

/**
 * Text that is safe to write to a terminal: escape sequences removed whole
 * (not just their ESC, which would leave `[31m` behind), then every other
 * C0/C1 control except newline and tab.
 */
export function stripTerminalControls(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(TERMINAL_SEQUENCES, '').replace(CONTROLS, '');
}
