import { WebviewPage, closeBrowser } from '../test/webview/page';
import { answer, init, user } from '../test/webview/fixtures';
import * as fs from 'node:fs';
async function main() {
  const text = process.env.SMALL ? 'Hello **there**\n\n' : fs.readFileSync('/tmp/answer.md', 'utf8');
  for (const mode of ['tiny', 'paragraph', 'replace']) {
    const view = await WebviewPage.open();
    const cdp = await view.page.context().newCDPSession(view.page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await view.send(init([user('u1', 'hi')]));
    await view.send({ type: 'messageAdded', message: { ...answer('a1', ''), text: '', finish: undefined, usage: undefined } });
    await view.send({ type: 'busy', busy: true });
    await view.send({ type: 'delta', messageId: 'a1', kind: 'text', text });
    await view.page.evaluate(() => new Promise((r) => setTimeout(r, 1000)));
    const get = async () => { const { metrics } = await cdp.send('Performance.getMetrics'); return Object.fromEntries(metrics.map((m) => [m.name, m.value * 1000])); };
    const a = await get();
    await view.page.evaluate(async (mode) => {
      const open = document.querySelector('.markdown-open')!;
      for (let i = 0; i < 100; i++) {
        await new Promise((r) => setTimeout(r, 50));
        if (mode === 'tiny') open.append(document.createTextNode(' word'));
        else if (mode === 'paragraph') { const p = document.createElement('p'); p.textContent = 'The cart total is computed from each item price and quantity before discounts are applied then taxes.'; open.append(p); }
        else { const p = document.createElement('p'); p.textContent = 'The cart total is computed from each item price and quantity before discounts are applied then taxes. '.repeat(1 + (i % 5)); open.replaceChildren(p); }
      }
      await new Promise((r) => setTimeout(r, 100));
    }, mode);
    const b = await get();
    console.log(mode, 'per update ms', ((b.TaskDuration - a.TaskDuration) / 100).toFixed(2), 'layout', ((b.LayoutDuration - a.LayoutDuration) / 100).toFixed(2), 'style', ((b.RecalcStyleDuration - a.RecalcStyleDuration) / 100).toFixed(2), 'script', ((b.ScriptDuration - a.ScriptDuration) / 100).toFixed(2));
    await view.close();
  }
  await closeBrowser();
}
void main();
