// Where a huge markdown text can be cut into slices that render well one after another (pure: unit-tested).

/**
 * Where the next slice of `text` ends: after a blank line outside any code fence, the last such place within `size`
 * chars, else the first one after it, else the end. Any cut renders correctly (the open blocks are lexed again with
 * the next slice), but one inside a block would make every later slice lex that block again.
 */
export function sliceEnd(text: string, size: number): number {
  let fence = ''; // the open fence's marker, e.g. ``` or ~~~~
  let best = 0;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    let indent = start;
    while (indent < end && indent - start < 4 && text.charCodeAt(indent) === 32) indent++;
    const first = text[indent];
    if ((first === '`' || first === '~') && indent - start < 4) {
      const marker = /^(`{3,}|~{3,})/.exec(text.slice(indent, Math.min(end, indent + 64)))?.[1];
      if (marker && !fence) fence = marker;
      else if (marker && marker[0] === fence[0] && marker.length >= fence.length && text.slice(indent + marker.length, end).trim() === '') fence = '';
    } else if (!fence && start > 0 && end - start <= 8 && text.slice(start, end).trim() === '') {
      const cut = Math.min(end + 1, text.length);
      if (cut > size) return best || cut;
      best = cut;
    }
    start = end + 1;
  }
  return best || text.length;
}
