// Code colours painted with the CSS Custom Highlight API: ranges over a block's text, no element per token.
// A 500-line block highlighted as spans gave the browser thousands of new elements to style, lay out and paint in
// one frame (96 ms of CPU in code-server, a long task while an answer streamed). A highlight only paints: the
// block's text and layout stay as they are.
// Only blocks in or near the view hold ranges. Chromium rebuilds the markers of every registered range after any
// change to the DOM (HighlightRegistry::ValidateHighlightMarkers), so every range in the chat would cost every
// streamed frame: 2.5 ms a frame on average over a 64K-token answer with 70 blocks, growing with the chat.
// Each frame that changes the DOM also paints anew every text node that holds a range, seen or not: while an answer
// streams and the view follows its end, only blocks in view hold ranges (streamed CPU 1668 -> 1456 ms, bench/README.md).
import type { CodeColour, ColouredRun } from './highlight';

const registry = (): HighlightRegistry | undefined => (typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : undefined);

/** One highlight per colour, shared by every block. */
const highlights = new Map<CodeColour, Highlight>();
/** Each highlighted block's code element and its colours. */
const runsOf = new WeakMap<Element, readonly ColouredRun[]>();
/** The code elements that hold ranges now (in or near the view), and their ranges. */
const painted = new Map<Element, readonly [Highlight, StaticRange][]>();
/** The blocks watched for coming near the view: the document's, and, through scrollMargin, the chat's scroller. */
const watched = new Set<Element>();
/** Of those, the ones within a screen of the view, and the ones in it. */
const near = new Set<Element>();
const inView = new Set<Element>();
let observers: { near: IntersectionObserver; inView: IntersectionObserver } | undefined;
/** Only blocks in view hold ranges (an answer changes the DOM every frame, and nothing scrolls into view unbidden). */
let onlyInView = false;
let sweepPending = false;

/** A screen above and below the view: a block scrolled to is painted before it shows. */
const NEAR_MARGIN = '100% 0px';

function watch(margin: string, into: Set<Element>): IntersectionObserver {
  return new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting && entry.target.isConnected) into.add(entry.target);
      else into.delete(entry.target);
      update(entry.target);
    }
  }, { rootMargin: margin, scrollMargin: margin } as IntersectionObserverInit);
}

function observe(codeEl: Element): void {
  observers ??= { near: watch(NEAR_MARGIN, near), inView: watch('0px', inView) };
  observers.near.observe(codeEl);
  observers.inView.observe(codeEl);
}

/** Paints or lets go of a block's ranges, as where it is and the mode say. */
function update(codeEl: Element): void {
  const wanted = codeEl.isConnected && (onlyInView ? inView : near).has(codeEl);
  if (wanted && !painted.has(codeEl)) paint(codeEl);
  else if (!wanted && painted.has(codeEl)) unpaint(codeEl);
}

/** While an answer streams and the view follows its end: only blocks in view hold ranges. Else every block near the
 * view does, painted at once (the user's input that let go of the end calls this before its scroll's first frame). */
export function paintOnlyInView(on: boolean): void {
  if (on === onlyInView) return;
  onlyInView = on;
  for (const codeEl of [...near, ...painted.keys()]) update(codeEl);
}

function highlightOf(colour: CodeColour, into: HighlightRegistry): Highlight {
  let highlight = highlights.get(colour);
  if (!highlight) {
    highlight = new Highlight();
    highlights.set(colour, highlight);
    into.set(`tandem-${colour}`, highlight);
  }
  return highlight;
}

/** A place in the code element: a text node and an offset, or the element and a child index (at a marker). */
type Place = [Node, number];

/**
 * Where each code offset is in `codeEl`'s children: text nodes hold the code, except that each invisible
 * character was replaced by a marker element (markInvisibleChars) that stands for its one or two code units.
 */
function placesOf(codeEl: HTMLElement): (offset: number, isEnd: boolean) => Place {
  const pieces: { start: number; end: number; node: ChildNode; index: number }[] = [];
  let at = 0;
  codeEl.childNodes.forEach((node, index) => {
    const length = node.nodeType === Node.TEXT_NODE ? (node as Text).data.length : markerLength(node);
    pieces.push({ start: at, end: at + length, node, index });
    at += length;
  });
  let i = 0;
  return (offset, isEnd) => {
    // Runs come in order: the search goes on from the last piece found.
    while (i < pieces.length - 1 && (isEnd ? pieces[i].end < offset : pieces[i].end <= offset)) i++;
    const piece = pieces[i];
    if (!piece) return [codeEl, 0];
    if (piece.node.nodeType === Node.TEXT_NODE) return [piece.node, Math.min(Math.max(offset - piece.start, 0), piece.end - piece.start)];
    // Inside a marker: the range takes the whole marker at its end, none of it at its start.
    return [codeEl, isEnd ? piece.index + 1 : piece.index];
  };
}

/** A marker's label is its character's code point (U+E0041): one beyond U+FFFF stood for two code units. */
function markerLength(node: ChildNode): number {
  return Number.parseInt((node.textContent ?? '').replace(/^U\+/, ''), 16) > 0xffff ? 2 : 1;
}

/** Paints `runs` over the code `codeEl` shows (its text, invisible characters marked) whenever it is in or near the
 * view; false if this browser has no CSS highlights. */
export function paintCode(codeEl: HTMLElement, runs: readonly ColouredRun[]): boolean {
  if (!registry()) return false;
  runsOf.set(codeEl, runs);
  if (painted.has(codeEl)) paint(codeEl);
  if (!watched.has(codeEl)) {
    watched.add(codeEl);
    observe(codeEl);
  }
  sweepSoon();
  return true;
}

function paint(codeEl: Element): void {
  const into = registry();
  const runs = runsOf.get(codeEl);
  if (!into || !runs) return;
  unpaint(codeEl);
  const placeOf = placesOf(codeEl as HTMLElement);
  const ranges: [Highlight, StaticRange][] = [];
  for (const run of runs) {
    const [startContainer, startOffset] = placeOf(run.start, false);
    const [endContainer, endOffset] = placeOf(run.end, true);
    const range = new StaticRange({ startContainer, startOffset, endContainer, endOffset });
    const highlight = highlightOf(run.colour, into);
    highlight.add(range);
    ranges.push([highlight, range]);
  }
  painted.set(codeEl, ranges);
}

function unpaint(codeEl: Element): void {
  for (const [highlight, range] of painted.get(codeEl) ?? []) highlight.delete(range);
  painted.delete(codeEl);
}

/** Blocks gone from the document (another chat, an answer rendered anew) are let go of in idle time: a block is
 * highlighted while its answer is still being built, before it is in the document. */
function sweepSoon(): void {
  if (sweepPending) return;
  sweepPending = true;
  const sweep = (): void => {
    sweepPending = false;
    for (const codeEl of [...watched]) {
      if (codeEl.isConnected) continue;
      unpaint(codeEl);
      observers?.near.unobserve(codeEl);
      observers?.inView.unobserve(codeEl);
      watched.delete(codeEl);
      near.delete(codeEl);
      inView.delete(codeEl);
    }
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(sweep, { timeout: 5000 });
  else setTimeout(sweep, 1000);
}
