// The webview half of the memory bench: the real chat bundle in Chromium (test/webview/page.ts, as render.ts
// loads it) gets the restored chat in an `init`, as the host sends it on every `ready`; once it is painted and
// the idle-time highlighting has finished, CDP forces a GC (the tests' live-document watcher is off: it would add an
// Attr node per attribute) and reads the JS heap and the DOM counters. Then the
// same `init` nine more times (what a reopened view's page is sent), each measured the same way.
import type { CDPSession } from 'playwright-core';
import type { MessageView } from '../../src/shared/protocol';
import { init } from '../../test/webview/fixtures';
import { WebviewPage } from '../../test/webview/page';

export const INITS = Number(process.env.BENCH_MEMORY_INITS ?? 10);
const SETTLE_TIMEOUT_MS = 180_000;

export interface WebviewMemory {
  /** JS heap used after a forced GC, in bytes. */
  readonly heapUsed: number;
  /** Blink's own heap (Oilpan: DOM nodes, styles, layout objects), which the JS heap does not count, in bytes. */
  readonly embedderHeapUsed: number;
  readonly nodes: number;
  readonly jsEventListeners: number;
  /** `init` posted → the last message painted and no code block left waiting to be highlighted. */
  readonly settledMs: number;
}

/**
 * Resolves once the last message is in the DOM, a frame has painted it and the idle queue has highlighted every
 * block (none left with `needs-highlight`): from then on nothing more is built, so the heap is the chat's own.
 */
const SETTLED = `({ lastId, timeoutMs }) => new Promise((resolve, reject) => {
  const started = performance.now();
  const check = () => {
    const painted = !!document.querySelector('[data-message-id="' + lastId + '"]');
    if (painted && !document.querySelector('.needs-highlight, .markdown.deferred')) return requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
    if (performance.now() - started > timeoutMs) return reject(new Error('the chat did not settle in ' + timeoutMs + ' ms'));
    setTimeout(check, 50);
  };
  check();
})`;

/** Where the DOM nodes are: all nodes (elements and text) in the transcript, and those inside code blocks. */
const NODE_SHARES = `(() => {
  const count = (root) => { let n = 0; const walker = document.createTreeWalker(root); while (walker.nextNode()) n++; return n; };
  const blocks = [...document.querySelectorAll('.code-block')];
  return { transcript: count(document.querySelector('.messages')), inCode: blocks.reduce((n, b) => n + count(b), 0), codeBlocks: blocks.length };
})()`;

export interface NodeShares {
  readonly transcript: number;
  readonly inCode: number;
  readonly codeBlocks: number;
}

async function measure(cdp: CDPSession): Promise<Omit<WebviewMemory, 'settledMs'>> {
  // Twice: the first collection can leave what only weak references and finalizers kept for the second.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, embedderHeapUsedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  return { heapUsed: usedSize, embedderHeapUsed: embedderHeapUsedSize, nodes, jsEventListeners };
}

/** The empty panel first (the baseline), then one figure per `init` of the restored chat. */
export async function measureWebview(messages: MessageView[]): Promise<{ empty: WebviewMemory; inits: WebviewMemory[]; shares: NodeShares }> {
  const view = await WebviewPage.open({ watchLiveDocument: false });
  try {
    const cdp = await view.page.context().newCDPSession(view.page);
    await cdp.send('HeapProfiler.enable');
    const empty = { ...(await measure(cdp)), settledMs: 0 };
    const lastId = messages[messages.length - 1].id;
    const inits: WebviewMemory[] = [];
    for (let i = 0; i < INITS; i++) {
      await view.send(init(messages));
      const settledMs = (await view.page.evaluate(`(${SETTLED})(${JSON.stringify({ lastId, timeoutMs: SETTLE_TIMEOUT_MS })})`)) as number;
      inits.push({ ...(await measure(cdp)), settledMs });
      console.log(`  webview init ${i + 1}: JS heap ${(inits[i].heapUsed / 2 ** 20).toFixed(1)} MB, Blink heap ${(inits[i].embedderHeapUsed / 2 ** 20).toFixed(1)} MB, ${inits[i].nodes} nodes, ${inits[i].jsEventListeners} listeners, settled in ${settledMs.toFixed(0)} ms`);
    }
    // Last: walking the DOM gives every node a JS wrapper, which the JS heap then keeps as long as the node.
    const shares = (await view.page.evaluate(NODE_SHARES)) as NodeShares;
    return { empty, inits, shares };
  } finally {
    await view.close();
  }
}
