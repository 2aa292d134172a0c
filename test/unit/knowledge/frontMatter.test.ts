import { strict as assert } from 'node:assert';
import { frontMatterField, frontMatterGlobs, frontMatterString, parseFrontMatter, splitOutside } from '../../../src/core/knowledge/frontMatter';

describe('front matter', () => {
  it('reads key: value pairs between --- fences and keeps the rest as the body, with its offset', () => {
    const text = '---\napplyTo: "**/*.ts"\ndescription: TypeScript rules\n---\n# Rules\nUse strict mode.\n';
    const fm = parseFrontMatter(text);
    assert.equal(fm.hasFrontMatter, true);
    assert.deepEqual(fm.fields, { applyTo: '**/*.ts', description: 'TypeScript rules' });
    assert.equal(fm.body, '# Rules\nUse strict mode.\n');
    assert.equal(text.slice(fm.bodyOffset), fm.body);
  });

  it('without a closing --- there is no front matter: the whole text is the body', () => {
    const text = '---\napplyTo: "**/*.ts"\n# Rules\nA horizontal rule above, not a header.\n';
    const fm = parseFrontMatter(text);
    assert.equal(fm.hasFrontMatter, false);
    assert.deepEqual(fm.fields, {});
    assert.equal(fm.body, text);
    assert.equal(fm.bodyOffset, 0);
  });

  it('needs the opening fence on the very first line (a BOM is fine); a later --- is just Markdown', () => {
    assert.equal(parseFrontMatter('\n---\na: b\n---\nbody').hasFrontMatter, false);
    assert.equal(parseFrontMatter('# Title\n---\na: b\n---\n').hasFrontMatter, false);
    const bom = parseFrontMatter('\uFEFF---\na: b\n---\nbody');
    assert.deepEqual(bom.fields, { a: 'b' });
    assert.equal(bom.body, 'body');
    assert.equal(parseFrontMatter('').body, '');
  });

  it('handles CRLF files, trailing spaces after fences and an empty header', () => {
    const fm = parseFrontMatter('--- \r\napplyTo: src/**\r\n---\r\nbody\r\n');
    assert.deepEqual(fm.fields, { applyTo: 'src/**' });
    assert.equal(fm.body, 'body\r\n');
    const empty = parseFrontMatter('---\n---\nbody');
    assert.equal(empty.hasFrontMatter, true);
    assert.deepEqual(empty.fields, {});
    assert.equal(empty.body, 'body');
  });

  it('reads double-quoted, single-quoted and unquoted values, and strips comments outside quotes', () => {
    const fm = parseFrontMatter(
      [
        '---',
        'a: "say \\"hi\\"\\n"',
        "b: 'it''s'",
        'c: **/*.ts # TypeScript',
        'd: "#not a comment"',
        'e: issue#42',
        'f:',
        'g: plain text',
        '  continued here',
        '# a comment line',
        'h: "a", "b"',
        '---',
        '',
      ].join('\n'),
    );
    assert.deepEqual(fm.fields, {
      a: 'say "hi"\n',
      b: "it's",
      c: '**/*.ts',
      d: '#not a comment',
      e: 'issue#42',
      f: '',
      g: 'plain text continued here',
      h: '"a", "b"',
    });
  });

  it('reads flow lists and block lists, quoted or not, with braces kept whole', () => {
    const fm = parseFrontMatter(
      ['---', 'paths: ["src/**", \'docs/*.md\', **/*.{ts,tsx}]', 'globs:', '  - "**/*.py"', '  - tests/**  # tests too', '-  scripts/**', 'after: x', '---', ''].join('\n'),
    );
    assert.deepEqual(fm.fields.paths, ['src/**', 'docs/*.md', '**/*.{ts,tsx}']);
    assert.deepEqual(fm.fields.globs, ['**/*.py', 'tests/**', 'scripts/**']);
    assert.equal(fm.fields.after, 'x');
  });

  it('reads | and > blocks', () => {
    const fm = parseFrontMatter(['---', 'description: >', '  Reviews the change', '  for bugs.', 'notes: |', '  line one', '  line two', '---', 'body'].join('\n'));
    assert.equal(fm.fields.description, 'Reviews the change for bugs.');
    assert.equal(fm.fields.notes, 'line one\nline two');
  });

  it('accepts a quoted value or a list right after the colon; an unquoted one needs the space', () => {
    const fm = parseFrontMatter('---\napplyTo:"**/*.ts"\npaths:["a/**"]\nurl:http://example.com\n---\n');
    assert.deepEqual(fm.fields, { applyTo: '**/*.ts', paths: ['a/**'] });
  });

  it('skips lines it cannot read instead of failing; a repeated key keeps the last value', () => {
    const fm = parseFrontMatter('---\n: nothing\njust words\nmodel: gpt\nmodel: gemini\n---\n');
    assert.deepEqual(fm.fields, { model: 'gemini' });
  });

  it('looks fields up in any case and turns glob fields into lists', () => {
    const fm = parseFrontMatter('---\nApplyTo: "**/*.ts, **/*.{js,mjs}" \n---\n');
    assert.deepEqual(frontMatterGlobs(fm.fields, 'applyTo'), ['**/*.ts', '**/*.{js,mjs}']);
    assert.equal(frontMatterField(fm.fields, 'APPLYTO'), '**/*.ts, **/*.{js,mjs}');
    assert.equal(frontMatterGlobs(fm.fields, 'paths'), undefined);
    const list = parseFrontMatter('---\napplyTo:\n  - "src/**, lib/**"\n  - docs/**\n---\n');
    assert.deepEqual(frontMatterGlobs(list.fields, 'applyTo'), ['src/**', 'lib/**', 'docs/**']);
    const quotedPair = parseFrontMatter('---\napplyTo: "**/*.ts", "**/*.tsx"\n---\n');
    assert.deepEqual(frontMatterGlobs(quotedPair.fields, 'applyTo'), ['**/*.ts', '**/*.tsx']);
    assert.deepEqual(frontMatterGlobs(parseFrontMatter('---\napplyTo: ""\n---\n').fields, 'applyTo'), []);
  });

  it('gives a string field, joining a list, skipping empty ones', () => {
    const fm = parseFrontMatter('---\ndescription: ""\nsummary: [a, b]\n---\n');
    assert.equal(frontMatterString(fm.fields, 'description', 'summary'), 'a, b');
    assert.equal(frontMatterString(fm.fields, 'missing'), undefined);
  });

  it('splits outside quotes, braces and brackets only', () => {
    assert.deepEqual(splitOutside('a, {b,c}, [d,e], "f,g", h', ','), ['a', '{b,c}', '[d,e]', '"f,g"', 'h']);
    assert.deepEqual(splitOutside('', ','), ['']);
  });
});
