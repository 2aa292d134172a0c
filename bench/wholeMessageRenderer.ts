// Page side of the render bench's baseline (bundled by renderBaseline.ts, evaluated in the webview page): what most
// chat panels do on every update, re-render the whole message. It uses the webview's own one-shot pieces (marked,
// then the webview's sanitizer (its plain-markup path or DOMPurify with its allow-list), then every code block decorated and highlighted by highlight.js),
// so it builds the same DOM as Tandem minus the chunks, and the difference measured is only incremental rendering.
import { lex, renderTokens, type CodeBlockHandlers } from '../src/webview/markdown/render';

const ignore = () => undefined;
const handlers: CodeBlockHandlers = { copy: ignore, insert: ignore, apply: ignore, save: ignore, runInTerminal: ignore };

/** Replaces the message body's content with the whole text so far, rendered and highlighted now. */
function renderWholeMessage(body: HTMLElement, text: string): void {
  body.replaceChildren(renderTokens(lex(text), { highlight: true, handlers }));
}

(window as unknown as { __benchRenderWholeMessage: typeof renderWholeMessage }).__benchRenderWholeMessage = renderWholeMessage;
