// Code in the chat takes its colours from the user's theme: the stylesheet has no colour of its own, and a token's
// colour follows the theme variable VS Code sets (here replaced as a theme change would).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebviewPage, closeBrowser } from './page';
import { answer, init } from './fixtures';

const CODE = "```ts\nexport function greet(name: string): string {\n  return 'hello ' + name;\n}\n```\n";

describe('code colours from the theme (Chromium)', () => {
  let view: WebviewPage;
  afterEach(async () => view?.close());
  after(closeBrowser);

  it('the stylesheet names no colour of its own', () => {
    const css = readFileSync(join(__dirname, '..', '..', 'src', 'webview', 'styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    assert.doesNotMatch(css, /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i);
  });

  it('keywords, strings and functions follow the theme variables', async () => {
    view = await WebviewPage.open();
    await view.send(init([answer('a1', CODE)]));
    await view.page.waitForSelector('.hljs-string');
    const colours = () => view.page.evaluate(() => ['keyword', 'string', 'title'].map((k) => getComputedStyle(document.querySelector(`.hljs-${k}`)!).color));
    await view.page.evaluate(() => {
      const root = document.documentElement.style;
      root.setProperty('--vscode-debugTokenExpression-name', 'rgb(1, 2, 3)');
      root.setProperty('--vscode-debugTokenExpression-string', 'rgb(4, 5, 6)');
      root.setProperty('--vscode-symbolIcon-functionForeground', 'rgb(7, 8, 9)');
    });
    assert.deepEqual(await colours(), ['rgb(1, 2, 3)', 'rgb(4, 5, 6)', 'rgb(7, 8, 9)']);
  });
});
