// Bundled by plainMarkup.webview.ts into a blank Chromium page: the sanitizer's two paths side by side.
import { lex, markupOf } from '../../src/webview/markdown/render';
import { isPlainMarkup, parsePlain, purified } from '../../src/webview/markdown/sanitize';

/** A node tree as a string that does not depend on attribute order (DOMPurify sets attributes again). */
function shape(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return JSON.stringify((node as Text).data);
  if (node.nodeType !== Node.ELEMENT_NODE) return `#${node.nodeType}${JSON.stringify(node.textContent)}`;
  const el = node as Element;
  const attributes = [...el.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).sort();
  return `<${el.tagName.toLowerCase()}${attributes.map((a) => ` ${a}`).join('')}>${[...el.childNodes].map(shape).join('')}</>`;
}
/** Adjacent text nodes count as one: DOMPurify keeps leading whitespace as a node of its own. */
function shapeOf(fragment: DocumentFragment): string {
  fragment.normalize();
  return [...fragment.childNodes].map(shape).join('');
}

interface Compared {
  readonly html: string;
  readonly plain: boolean;
  /** Set when the plain path was taken and its DOM differs from DOMPurify's. */
  readonly differs?: { plain: string; purified: string };
}

function compare(html: string): Compared {
  if (!isPlainMarkup(html)) return { html, plain: false };
  const plain = shapeOf(parsePlain(html));
  const pure = shapeOf(purified(html));
  return plain === pure ? { html, plain: true } : { html, plain: true, differs: { plain, purified: pure } };
}

/** marked's HTML for the whole text and for each of its blocks (the streaming renderer sanitizes block by block). */
function markupPieces(text: string): string[] {
  const tokens = lex(text);
  return [markupOf(tokens), ...tokens.map((t) => markupOf([t]))];
}

Object.assign(window, { __sanitizer: { compare, markupPieces, isPlainMarkup } });
