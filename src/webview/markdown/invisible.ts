// Characters that can make code read differently from what it does (Trojan Source): bidi controls,
// zero-width characters and Unicode tag characters. In code blocks each is shown as a visible marker.
export const INVISIBLE_CHARS = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]/g;

export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Replaces invisible characters in the text nodes under `root` with marker elements. */
export function markInvisibleChars(root: HTMLElement): number {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const hits: Text[] = [];
  // search() ignores the shared regex's lastIndex; test() would move it, and matchAll below starts from it.
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if ((node.nodeValue ?? '').search(INVISIBLE_CHARS) !== -1) hits.push(node as Text);
  let count = 0;
  for (const node of hits) {
    const text = node.nodeValue ?? '';
    const fragment = document.createDocumentFragment();
    let last = 0;
    INVISIBLE_CHARS.lastIndex = 0;
    for (const match of text.matchAll(INVISIBLE_CHARS)) {
      const index = match.index ?? 0;
      if (index > last) fragment.append(text.slice(last, index));
      const marker = document.createElement('span');
      marker.className = 'invisible-char';
      marker.textContent = codePointLabel(match[0]);
      marker.title = `Invisible character ${codePointLabel(match[0])} was here`;
      fragment.append(marker);
      last = index + match[0].length;
      count++;
    }
    if (last < text.length) fragment.append(text.slice(last));
    node.replaceWith(fragment);
  }
  return count;
}
