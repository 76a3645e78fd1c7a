/**
 * Bytes → text with the right character set: the Content-Type header wins,
 * then a byte-order mark, then the document's own declaration (`<?xml
 * encoding>` or `<meta charset>`), then UTF-8.
 */

/** The charset named in a Content-Type header value, lower-cased, or null. */
export function headerCharset(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return m ? m[1].toLowerCase() : null;
}

/** The charset a document declares in its first bytes (XML declaration or HTML meta), or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  // Declarations are ASCII and near the top; latin1 reads any byte without failing.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1].toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta ? meta[1].toLowerCase() : null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** Windows-1252 characters for bytes 0x80–0x9F (undefined slots stay as their Latin-1 code points). */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const WINDOWS_1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'ascii', 'us-ascii', 'iso_8859-1']);

/**
 * Browsers read every Latin-1 label as Windows-1252 (curly quotes at
 * 0x93/0x94); some Node versions' TextDecoder does not, so it is done here.
 */
const windows1252 = {
  decode(bytes: Uint8Array): string {
    const latin = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    return latin.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
  },
};

type Decoder = { decode(bytes: Uint8Array): string };

function decoderFor(label: string | null): Decoder | null {
  if (!label) return null;
  if (WINDOWS_1252_LABELS.has(label)) return windows1252;
  try {
    return new TextDecoder(label);
  } catch {
    // An unknown label ("utf8mb4", a typo) must not lose the document: the next source decides.
    return null;
  }
}

/** Decode a response body. */
export function decodeBody(bytes: Uint8Array, contentType: string | null | undefined): string {
  const decoder = decoderFor(headerCharset(contentType)) ?? decoderFor(bomCharset(bytes)) ?? decoderFor(declaredCharset(bytes)) ?? new TextDecoder('utf-8');
  return decoder.decode(bytes);
}
