// The `@` file picker's list in the real extension host: files.exclude and search.exclude (as the Search view
// applies them), .gitignore and tandem.context.exclude all keep files out, and ignored files never crowd out real ones.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { listContextFiles } from '../../../src/host/context/filePicker';
import { WorkspaceExclusion } from '../../../src/host/context/workspaceExclusion';
import { Log } from '../../../src/host/log';
import { readSettings } from '../../../src/host/settings';

export function filePickerSuite(): void {
  describe('Tandem @ file picker (real findFiles and settings)', () => {
    const folder = () => vscode.workspace.workspaceFolders![0].uri;
    const write = (path: string, text = 'x\n') => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), path), new TextEncoder().encode(text));
    let log: Log;
    let exclusion: WorkspaceExclusion;

    before(async () => {
      await write('.gitignore', 'dist/\n');
      for (let i = 0; i < 40; i++) await write(`dist/chunk-${String(i).padStart(2, '0')}.js`);
      await write('generated/schema.ts');
      await write('build/out.ts');
      await write('notes/todo.md');
      await write('src/tax.ts', 'export const TAX = 0.2;\n');
      const config = (section: string) => vscode.workspace.getConfiguration(section);
      await config('files').update('exclude', { '**/.git': true, '**/generated': true }, vscode.ConfigurationTarget.Global);
      await config('search').update('exclude', { '**/node_modules': true, '**/build': true }, vscode.ConfigurationTarget.Global);
      log = new Log((text) => text);
      exclusion = new WorkspaceExclusion(readSettings, log);
    });
    after(async () => {
      exclusion.dispose();
      log.dispose();
      await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('search').update('exclude', undefined, vscode.ConfigurationTarget.Global);
    });

    const listed = async (limit: number) => (await listContextFiles(exclusion, limit)).map((uri) => vscode.workspace.asRelativePath(uri, false));

    it('leaves out files.exclude, search.exclude, .gitignore and tandem.context.exclude', async () => {
      const files = await listed(5000);
      assert.ok(files.includes('src/cart.ts') && files.includes('src/tax.ts'), files.join(', '));
      for (const hidden of ['generated/schema.ts', 'build/out.ts', 'dist/chunk-00.js', 'notes/todo.md']) assert.ok(!files.includes(hidden), `${hidden} is listed: ${files.join(', ')}`);
    });

    it('caps after filtering: 40 ignored files do not push the real ones out of a short list', async () => {
      const all = await listed(5000);
      assert.ok(all.length < 40, `only the real files: ${all.join(', ')}`);
      // Capped before filtering, the 40 dist files would take most of these places.
      assert.deepEqual(await listed(all.length), all);
    });
  });
}
