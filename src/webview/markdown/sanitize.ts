// Model output is hostile input. After marked, everything passes DOMPurify with a markdown-only allow-list, except
// HTML made only of marked's own plain tags, which gives DOMPurify's DOM by a cheaper parse (isPlainMarkup). Links
// lose their href (they open through the host after a scheme check) and only inline data: images survive.
import DOMPurify from 'dompurify';
import { codiconClass } from '../icons';

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'pre', 'code', 'em', 'strong', 'del', 's',
  'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input', 'span', 'div', 'details', 'summary', 'kbd', 'sup', 'sub', 'mark', 'b', 'i', 'u',
];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'class', 'align', 'start', 'type', 'checked', 'disabled', 'colspan', 'rowspan'];
const SAFE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;

let configured = false;
/** The allow-list is parsed once: passed to every sanitize() call it was parsed again each time (a streamed
 * answer sanitizes every frame). Nothing else in the webview uses DOMPurify. */
function configure(): void {
  if (configured) return;
  configured = true;
  DOMPurify.setConfig({ ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false, RETURN_DOM_FRAGMENT: true });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (el.tagName === 'A') {
      const href = el.getAttribute('href');
      el.removeAttribute('href');
      if (href) el.setAttribute('data-href', href);
    } else if (el.tagName === 'IMG') {
      const src = el.getAttribute('src') ?? '';
      if (!SAFE_IMAGE.test(src)) {
        el.removeAttribute('src');
        el.setAttribute('data-blocked-src', src.slice(0, 2048));
      }
    } else if (el.tagName === 'INPUT') {
      if (el.getAttribute('type') !== 'checkbox') el.remove();
      else {
        el.setAttribute('disabled', '');
        el.removeAttribute('src');
      }
    }
    if (el.hasAttribute('class') && el.tagName !== 'CODE' && el.tagName !== 'SPAN') el.removeAttribute('class');
  });
}

/** Sanitized DOM for marked's HTML. */
export function sanitizeToFragment(html: string): DocumentFragment {
  return isPlainMarkup(html) ? parsePlain(html) : purified(html);
}

/**
 * Text and marked's own plain tags only, each in the exact form marked writes it: nothing a parser could read as
 * anything else, and nothing DOMPurify would change beyond what parsePlain does. A streamed answer sanitizes every
 * frame, and DOMPurify's new document per call was a third of the streamed markdown work.
 */
const PLAIN_TOKEN = new RegExp(
  [
    '[^<]+',
    '<\\/?(?:p|h[1-6]|blockquote|ul|ol|li|pre|code|em|strong|del|table|thead|tbody|tr|th|td|a)>',
    '<(?:br|hr)>',
    '<ol start="\\d{1,9}">',
    '<t[hd] align="(?:left|center|right)">',
    '<code class="language-[^"\\s<>&]*">',
    '<input (?:checked="" )?disabled="" type="checkbox">',
    // DOMPurify keeps an http(s) or mailto link as it is, and drops a title that decodes to a `<` or `>`.
    '<a href="(?:https?://|mailto:)(?:[^"\\s<>&]|&amp;)*"(?: title="(?:[^"<>&]|&(?:amp|quot|#39);)*")?>',
  ].join('|'),
  'y',
);

/** DOMPurify parses a whole document, where end tags before any content are dropped; in a body they are not. */
const LEADING_END_TAG = /^[\t\n\f\r ]*<\//;

export function isPlainMarkup(html: string): boolean {
  if (LEADING_END_TAG.test(html)) return false;
  for (let at = 0; at < html.length; at = PLAIN_TOKEN.lastIndex) {
    PLAIN_TOKEN.lastIndex = at;
    if (!PLAIN_TOKEN.test(html)) return false;
  }
  return true;
}

let inert: Document | undefined;
/** Plain markup parsed in the body of a document that never renders, loads or runs anything, as DOMPurify parses:
 * a DOMParser document without a doctype, so in quirks mode (where a `<table>` does not close an open `<p>`). */
export function parsePlain(html: string): DocumentFragment {
  inert ??= new DOMParser().parseFromString('', 'text/html');
  const range = inert.createRange();
  range.selectNodeContents(inert.body);
  const fragment = document.adoptNode(range.createContextualFragment(html));
  for (const link of fragment.querySelectorAll('a[href]')) {
    link.setAttribute('data-href', link.getAttribute('href') ?? '');
    link.removeAttribute('href');
  }
  return fragment;
}

export function purified(html: string): DocumentFragment {
  configure();
  const sanitized = DOMPurify.sanitize(html) as unknown as DocumentFragment | null;
  // HTML that starts with <frameset> parses to a document without a body: DOMPurify returns null.
  if (!sanitized) return document.createDocumentFragment();
  // DOMPurify's fragment belongs to its inert document, where each innerHTML (code highlighting) costs time
  // proportional to the whole fragment: a 1 MB answer took 38 s. In this document it is linear.
  const fragment = document.adoptNode(sanitized);
  for (const img of fragment.querySelectorAll('img[data-blocked-src]')) img.replaceWith(blockedImage(img as HTMLImageElement));
  return fragment;
}

function blockedImage(img: HTMLImageElement): HTMLElement {
  const src = img.getAttribute('data-blocked-src') ?? '';
  const note = document.createElement('span');
  note.className = 'blocked-image';
  const icon = document.createElement('span');
  icon.className = codiconClass('globe');
  note.append(icon, `Image not loaded${img.alt ? `: ${img.alt}` : ''}`);
  note.title = src ? `Tandem does not load remote images. Source: ${src}` : 'Tandem does not load remote images.';
  return note;
}
