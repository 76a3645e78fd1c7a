/**
 * Plain text from a DOM subtree: block elements become paragraph breaks,
 * inline markup disappears, nothing from the page is evaluated. Also the
 * furniture sweep that runs before main-text extraction.
 */

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'HEAD', 'TITLE', 'META', 'LINK']);
const BLOCK = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL',
  'BLOCKQUOTE', 'PRE', 'TR', 'TABLE', 'TD', 'TH', 'DD', 'DT', 'DL', 'FIGURE', 'FIGCAPTION', 'ADDRESS', 'HR', 'BR', 'FORM', 'FIELDSET', 'DETAILS', 'SUMMARY', 'CAPTION',
]);

/** Text of `root`, one paragraph per block, whitespace collapsed, paragraphs separated by a blank line. */
export function domText(root: Node): string {
  const parts: string[] = [];
  const walk = (n: Node): void => {
    if (n.nodeType === 3) {
      parts.push(n.nodeValue ?? '');
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return;
    const tag = n.nodeType === 1 ? (n as Element).tagName.toUpperCase() : '';
    if (SKIP.has(tag)) return;
    const block = BLOCK.has(tag);
    if (block) parts.push('\n');
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
    if (block) parts.push('\n');
  };
  walk(root);
  return normaliseParagraphs(parts.join(''));
}

/** Collapse runs of spaces inside lines and keep single blank lines between paragraphs. */
export function normaliseParagraphs(s: string): string {
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t\r\f\v\u00a0\u200b]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n\n');
}

/**
 * Class/id words of page furniture that is never story text: consent and
 * cookie banners, newsletter and subscription boxes, most-read and trending
 * lists, share bars, related-story rails, ad slots, paywall prompts.
 */
const FURNITURE_NAME =
  /(^|[-_\s])(cookies?|cookie-?banner|consent|gdpr|cmp|newsletters?|subscribe|subscription|signup|sign-up|most-?read|most-?popular|mostpopular|mostread|trending|popular-?(posts|stories|articles)|related(-?(posts|stories|articles|content|links))?|share|sharing|share-?bar|social(-?(links|share|media|icons))?|promo|outbrain|taboola|ad-?slot|ad-?container|advert(isement)?|paywall|regwall|disclaimer|disclosure|author-?bio|about-?(the-?)?author|bio-?box|breadcrumbs?|skip-?link|site-?(header|footer|nav)|global-?(nav|footer)|comments?)($|[-_\s])/i;
const FURNITURE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'menu', 'menubar', 'search']);
const FURNITURE_TAGS = ['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'object', 'embed', 'canvas', 'button', 'select', 'textarea', 'input', 'dialog'];

/** True when an element is page furniture by its tag, role, class, id or visibility. */
export function isFurniture(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (tag === 'BODY' || tag === 'HTML' || tag === 'MAIN' || tag === 'ARTICLE') return false;
  if (tag === 'NAV') return true;
  if ((tag === 'FOOTER' || tag === 'HEADER' || tag === 'ASIDE') && !el.closest('article, main, [itemprop="articleBody"]')) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style') ?? '';
  if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  const role = (el.getAttribute('role') ?? '').toLowerCase();
  if (FURNITURE_ROLES.has(role)) return true;
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  return names.trim() !== '' && FURNITURE_NAME.test(names);
}

/** Paragraph text long enough to be story prose, not a link or a label. */
const PROSE_MIN_CHARS = 80;

/**
 * How much prose (long paragraphs) each element holds, summed up its
 * ancestors: one pass over the paragraphs instead of one per element.
 */
function proseMass(doc: Document): { mass: Map<Element, number>; total: number } {
  const mass = new Map<Element, number>();
  let total = 0;
  for (const p of Array.from(doc.querySelectorAll('p, pre, blockquote'))) {
    const n = (p.textContent ?? '').trim().length;
    if (n < PROSE_MIN_CHARS) continue;
    total += n;
    for (let e: Element | null = p; e; e = e.parentElement) mass.set(e, (mass.get(e) ?? 0) + n);
  }
  return { mass, total };
}

/**
 * Remove furniture from a document in place. Class names lie (a site may
 * call its whole content column "share-wrapper" or hide it until a script
 * runs), so an element holding a large share of the page's prose, or the
 * article itself, is never removed on its name alone.
 */
export function removeFurniture(doc: Document): void {
  for (const tag of FURNITURE_TAGS) for (const el of Array.from(doc.querySelectorAll(tag))) el.remove();
  const { mass, total } = proseMass(doc);
  const holdsStory = (el: Element) => (mass.get(el) ?? 0) > Math.max(400, total * 0.3) || el.querySelector('article, main, [itemprop="articleBody"]') !== null;
  for (const el of Array.from(doc.querySelectorAll('body *'))) {
    // Detached already by an ancestor's removal: skip the work.
    if (!el.isConnected) continue;
    if (isFurniture(el) && !holdsStory(el)) el.remove();
  }
}
