// Reliability battery, edit targets: sensitive paths (.git, .vscode settings/tasks, CI workflows, hooks) need
// confirmation and ordinary paths do not; targets outside the workspace, and any target in Restricted Mode, are
// refused without a yes (the edit guard, with VS Code stubbed).
import { strict as assert } from 'node:assert';
import Module from 'node:module';
import * as path from 'node:path';
import { sensitivePathReason } from '../../src/core/edits/sensitive';

describe('reliability: edit targets', () => {
  describe('sensitive paths need confirmation', () => {
    for (const [file, reason] of [
      ['.git/config', /inside \.git/],
      ['.git/hooks/pre-commit', /inside \.git/],
      ['.git', /inside \.git/],
      ['vendor/lib/.git/HEAD', /inside \.git/],
      ['.vscode/settings.json', /settings or tasks/],
      ['.vscode/tasks.json', /settings or tasks/],
      ['.vscode/launch.json', /settings or tasks/],
      ['.vscode/extensions.json', /settings or tasks/],
      ['packages/app/.vscode/settings.json', /settings or tasks/],
      ['.vscode\\tasks.json', /settings or tasks/],
      ['.github/workflows/ci.yml', /CI workflow/],
      ['.github/workflows/release.yaml', /CI workflow/],
      ['.github\\workflows\\deploy.yml', /CI workflow/],
      ['.gitlab-ci.yml', /CI pipeline/],
      ['.circleci/config.yml', /CI pipeline/],
      ['azure-pipelines.yml', /CI pipeline/],
      ['ci/Jenkinsfile', /CI pipeline/],
      ['.husky/pre-commit', /git hook/],
    ] as const) {
      it(`${file} ${reason.source.replace(/\\/g, '')}`, () => {
        assert.match(sensitivePathReason(file) ?? 'not flagged', reason);
      });
    }
  });

  describe('ordinary paths do not', () => {
    for (const file of [
      'src/app.ts',
      'README.md',
      '.gitignore',
      '.gitattributes',
      '.github/CODEOWNERS',
      '.github/ISSUE_TEMPLATE/bug.md',
      'docs/.vscode-notes.md',
      '.vscode/cspell.json',
      'src/git/index.ts',
      'my.git/notes.txt',
      'workflows/ci.yml',
      'Jenkinsfile.md',
      'src/settings.json',
    ]) {
      it(file, () => assert.equal(sensitivePathReason(file), undefined));
    }
  });

  describe('the edit guard (VS Code stubbed): outside the workspace and Restricted Mode are refused without a yes', () => {
    const GUARD = '../../src/host/edits/inlineDiff/editGuard';
    const ROOT = path.resolve('/work/project');
    const prompts: { message: string; modal: boolean }[] = [];
    let trusted = true;
    let answer: string | undefined;
    const uri = (fsPath: string, scheme = 'file') => ({ scheme, fsPath, toString: () => `${scheme}://${fsPath}` });
    const vscodeStub = {
      workspace: {
        get isTrusted() {
          return trusted;
        },
        getWorkspaceFolder: (u: { fsPath: string }) => (u.fsPath.startsWith(ROOT + path.sep) ? { uri: uri(ROOT), name: 'project', index: 0 } : undefined),
        asRelativePath: (u: { fsPath: string }) => path.relative(ROOT, u.fsPath).split(path.sep).join('/'),
      },
      window: {
        showWarningMessage: async (message: string, ...rest: unknown[]) => {
          const options = rest[0] as { modal?: boolean } | undefined;
          prompts.push({ message, modal: typeof options === 'object' && options?.modal === true });
          return typeof options === 'object' && options?.modal ? answer : undefined;
        },
      },
    };
    type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
    const moduleWithLoad = Module as unknown as { _load: Loader };
    const realLoad = moduleWithLoad._load;
    let mayEdit: (target: unknown) => Promise<boolean>;

    before(() => {
      moduleWithLoad._load = function (request, parent, isMain) {
        return request === 'vscode' ? vscodeStub : realLoad.call(this, request, parent, isMain);
      };
      // Loaded through the stubbed loader (tsx compiles it to CommonJS, so its `require('vscode')` gets the stub).
      const load = Module.createRequire(__filename);
      delete load.cache[load.resolve(GUARD)];
      ({ mayEdit } = load(GUARD) as { mayEdit: typeof mayEdit });
    });
    after(() => {
      moduleWithLoad._load = realLoad;
      // Nobody else gets the copy bound to this stub.
      const load = Module.createRequire(__filename);
      delete load.cache[load.resolve(GUARD)];
    });
    beforeEach(() => {
      prompts.length = 0;
      trusted = true;
      answer = undefined;
    });

    const inside = (relative: string) => uri(path.join(ROOT, ...relative.split('/')));

    for (const [name, target] of [
      ['a file outside the workspace', uri(path.resolve('/etc/hosts'))],
      ['a sensitive file inside it (.vscode/tasks.json)', inside('.vscode/tasks.json')],
      ['a CI workflow', inside('.github/workflows/ci.yml')],
      ['a file inside .git', inside('.git/config')],
    ] as const) {
      it(`${name}: refused when the modal is dismissed, allowed only after "Propose Edit"`, async () => {
        assert.equal(await mayEdit(target), false);
        assert.equal(prompts.length, 1);
        assert.ok(prompts[0].modal, 'asked in a modal');
        assert.match(prompts[0].message, /outside the workspace|inside \.git|settings or tasks|CI workflow/);
        answer = 'Propose Edit';
        assert.equal(await mayEdit(target), true);
      });
    }

    it('an ordinary workspace file and an untitled document are allowed without asking', async () => {
      assert.equal(await mayEdit(inside('src/app.ts')), true);
      assert.equal(await mayEdit(uri('Untitled-1', 'untitled')), true);
      assert.equal(prompts.length, 0);
    });

    it('in Restricted Mode every target is refused, with no way to say yes', async () => {
      trusted = false;
      answer = 'Propose Edit';
      for (const target of [inside('src/app.ts'), uri(path.resolve('/etc/hosts')), inside('.vscode/settings.json')]) assert.equal(await mayEdit(target), false);
      assert.equal(prompts.length, 3);
      assert.ok(prompts.every((p) => !p.modal && /Restricted Mode/.test(p.message)));
    });
  });
});
