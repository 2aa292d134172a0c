import { strict as assert } from 'node:assert';
import { languageOfPath, suggestedFileName } from '../../../src/core/context/languages';

describe('languages: one table for file → language and code block tag → new file name', () => {
  it('names a new file by the tag, whether it is a language id, an extension or an alias', () => {
    const cases: [string, string][] = [
      ['typescript', 'untitled.ts'], ['ts', 'untitled.ts'], ['tsx', 'untitled.tsx'], ['TypeScript', 'untitled.ts'],
      ['python', 'untitled.py'], ['py', 'untitled.py'], ['bash', 'untitled.sh'], ['shell', 'untitled.sh'], ['zsh', 'untitled.sh'],
      ['c++', 'untitled.cpp'], ['csharp', 'untitled.cs'], ['yaml', 'untitled.yaml'], ['dockerfile', 'Dockerfile'],
      ['', 'untitled.txt'], ['brainfuck', 'untitled.txt'], ['diff', 'untitled.diff'],
    ];
    for (const [tag, name] of cases) assert.equal(suggestedFileName(tag), name, tag);
  });

  it('a file named by the table gets the language back: every extension round-trips', () => {
    for (const tag of ['typescript', 'javascript', 'python', 'go', 'rust', 'shellscript', 'cpp', 'yaml', 'markdown']) {
      assert.equal(languageOfPath(`src/${suggestedFileName(tag)}`), tag, tag);
    }
    assert.equal(languageOfPath('src/Makefile'), 'makefile');
  });
});
