import { strict as assert } from 'node:assert';
import { postprocessCompletion } from '../../../src/core/completions/postprocess';
import { applied, contextAt } from './helpers';

function complete(source: string, reply: string, multiline = true, languageId = 'typescript'): string {
  const result = postprocessCompletion(reply, contextAt(source, languageId), { multiline });
  return result.ok ? applied(source, result.answer) : `rejected: ${result.reason}`;
}

const TABBED = 'class A {\n\tmethod() {\n\t\tthis.x = 1;\n\t}\n\n\trun() {\n\t\t<|>\n\t}\n}\n';
const TWO_SPACES = 'class A {\n  method() {\n    this.x = 1;\n  }\n\n  run() {\n    <|>\n  }\n}\n';

describe('completion indentation', () => {
  it('does not insert the indentation the cursor line already has a second time', () => {
    assert.equal(complete(TWO_SPACES, '    this.y = 2;', false), TWO_SPACES.replace('<|>', 'this.y = 2;'));
    assert.equal(complete(TABBED, '\t\tthis.y = 2;', false), TABBED.replace('<|>', 'this.y = 2;'));
  });

  it('keeps indentation beyond the cursor’s, in the file’s style', () => {
    const source = 'function f() {\n<|>\n}\n    const pad = 1;\n';
    assert.equal(complete(source, '    return 1;', false), 'function f() {\n    return 1;\n}\n    const pad = 1;\n');
  });

  it('writes a space-indented reply in tabs for a tabbed file', () => {
    const reply = 'if (this.x) {\n            this.y = 2;\n        }';
    assert.equal(complete(TABBED, reply), TABBED.replace('<|>', 'if (this.x) {\n\t\t\tthis.y = 2;\n\t\t}'));
  });

  it('writes a tab-indented reply in spaces, at the file’s width', () => {
    const reply = 'if (this.x) {\n\t\t\tthis.y = 2;\n\t\t}';
    assert.equal(complete(TWO_SPACES, reply), TWO_SPACES.replace('<|>', 'if (this.x) {\n      this.y = 2;\n    }'));
  });

  it('rescales a reply that plainly uses another width per level', () => {
    const reply = 'for (const a of b) {\n        if (a) {\n            use(a);\n        }\n    }';
    // Written as if the cursor were at column 4 with 4 spaces per level; the file uses 2.
    assert.equal(
      complete(TWO_SPACES, reply),
      TWO_SPACES.replace('<|>', 'for (const a of b) {\n      if (a) {\n        use(a);\n      }\n    }'),
    );
  });

  it('does not rescale on thin evidence: one indented line keeps its width', () => {
    const reply = 'call(\n      arg,\n    );';
    assert.equal(complete(TWO_SPACES, reply), TWO_SPACES.replace('<|>', 'call(\n      arg,\n    );'));
  });

  it('moves a block written from column 0 under the cursor, read from its closing bracket', () => {
    const reply = 'if (this.x) {\n  this.y = 2;\n}';
    assert.equal(complete(TWO_SPACES, reply), TWO_SPACES.replace('<|>', 'if (this.x) {\n      this.y = 2;\n    }'));
  });

  it('moves lines written relative to column 0 under the cursor in a brace language', () => {
    const source = 'const config = {\n  <|>\n};\n';
    assert.equal(complete(source, 'port: 80,\nhost: "a",'), 'const config = {\n  port: 80,\n  host: "a",\n};\n');
  });

  it('keeps absolute indentation in Python, where a dedent is the end of the block', () => {
    const source = 'class A:\n    def f(self):\n        <|>\n';
    assert.equal(complete(source, 'x = 1\n        return x', true, 'python'), 'class A:\n    def f(self):\n        x = 1\n        return x\n');
  });

  it('keeps alignment spaces that are not whole levels (JSDoc stars, aligned arguments)', () => {
    const source = 'class A {\n  /**<|>\n}\n';
    assert.equal(complete(source, '\n   * Runs it.\n   */', true), 'class A {\n  /**\n   * Runs it.\n   */\n}\n');
  });

  it('empties whitespace-only lines inside a reply and uses the document’s CRLF line endings', () => {
    const source = 'function f() {\r\n  <|>\r\n}\r\n';
    const result = postprocessCompletion('a();\n   \nb();', contextAt(source), { multiline: true });
    assert.ok(result.ok);
    assert.equal(result.answer.text, 'a();\r\n\r\n  b();');
  });
});
