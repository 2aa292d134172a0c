// Reliability battery, edits: snippets generated on real code (this project's own sources and unit tests, and the
// corpus's files in other languages), each with its exact expected result: a method body rewritten between elisions, lines
// inserted after a line, a line changed or deleted between two unchanged ones, a method added at the end of a
// class or after another, a test case after another, lines wrapped in a new block, a body line changed with the
// rest elided, a changed last line. The engine must give the expected bytes or refuse; anything else is a corruption,
// and one fails the battery. Refusals are counted, not failed: ambiguity is a reason to refuse.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editFromCodeBlock } from '../../src/core/edits/answerEdits';
import { blockEnds, declaredName, isCloserLine, isHeader } from '../../src/core/edits/scope';
import { seededRandom } from '../support/random';

const ROOT = path.join(__dirname, '..', '..');

function sourceFiles(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|css)$/.test(entry.name)) out.push({ name: path.relative(ROOT, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(path.join(ROOT, 'src'));
  walk(path.join(ROOT, 'test', 'unit'));
  const corpus = path.join(ROOT, 'test', 'fixtures', 'edits');
  for (const dir of fs.readdirSync(corpus).sort()) {
    const before = fs.existsSync(path.join(corpus, dir, 'case.json')) ? fs.readdirSync(path.join(corpus, dir)).find((f) => f.startsWith('before.')) : undefined;
    if (before && !/\.(md|txt|json|ini|env)$/.test(before)) out.push({ name: `${dir}/${before}`, text: fs.readFileSync(path.join(corpus, dir, before), 'utf8') });
  }
  const seen = new Set<string>();
  return out.filter((f) => f.text.endsWith('\n') && !f.text.includes('\r') && !f.text.startsWith('\uFEFF') && !seen.has(f.text) && !!seen.add(f.text));
}

/** Python modules made up here (classes, methods, nested blocks, lines repeated on purpose): an indentation language. */
function pythonModules(random: () => number, count: number): Array<{ name: string; text: string }> {
  const words = ['load', 'save', 'parse', 'render', 'count', 'merge', 'split', 'check', 'close', 'open', 'reset', 'flush', 'apply', 'build'];
  const nouns = ['Cache', 'Queue', 'Report', 'Session', 'Parser', 'Ledger', 'Index', 'Buffer'];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const body = (indent: string, depth: number): string[] => {
    const lines: string[] = [];
    const n = 1 + Math.floor(random() * 4);
    for (let k = 0; k < n; k++) {
      const roll = random();
      if (roll < 0.2 && depth < 2) lines.push(`${indent}if self.${pick(words)}_ready:`, ...body(indent + '    ', depth + 1));
      else if (roll < 0.3 && depth < 2) lines.push(`${indent}for item in self.items:`, ...body(indent + '    ', depth + 1));
      else if (roll < 0.45) lines.push(`${indent}self.count += 1`);
      else if (roll < 0.55) lines.push(`${indent}return None`);
      else lines.push(`${indent}self.${pick(words)}_${Math.floor(random() * 50)}(item=${Math.floor(random() * 9)})`);
    }
    return lines;
  };
  return Array.from({ length: count }, (_, m) => {
    const lines = ['import os', ''];
    const used = new Set<string>();
    for (let c = 0; c < 2 + Math.floor(random() * 3); c++) {
      let cls = pick(nouns);
      while (used.has(cls)) cls = `${pick(nouns)}${used.size}`;
      used.add(cls);
      lines.push('', '', `class ${cls}:`, '    def __init__(self):', '        self.items = []', '        self.count = 0');
      const methods = new Set<string>();
      for (let f = 0; f < 2 + Math.floor(random() * 4); f++) {
        const name = `${pick(words)}_${pick(words)}`;
        if (methods.has(name)) continue;
        methods.add(name);
        lines.push('', `    def ${name}(self, item=None):`, ...body('        ', 0));
      }
    }
    lines.push('', '', 'def main():', `    ${[...used][0]}().reset_open()`, '');
    return { name: `generated_${m}.py`, text: `${lines.join('\n')}` };
  });
}

function commentFor(name: string): (text: string) => string {
  if (/\.(py|rb|sh|ya?ml|toml|dockerfile)$/.test(name)) return (t) => `# ${t}`;
  if (/\.(html|vue)$/.test(name)) return (t) => `<!-- ${t} -->`;
  if (/\.css$/.test(name)) return (t) => `/* ${t} */`;
  if (/\.(sql|lua)$/.test(name)) return (t) => `-- ${t}`;
  if (/\.(lisp|clj)$/.test(name)) return (t) => `;; ${t}`;
  return (t) => `// ${t}`;
}

interface Generated {
  kind: string;
  /** The code block's lines (a snippet, SEARCH/REPLACE blocks or a diff), applied as the chat's Apply does. */
  snippet: string[];
  expected: string[];
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];
const isMeaningful = (line: string) => line.replace(/[^\p{L}\p{N}_]/gu, '').length > 3;

const bracketFree = (line: string) => !/[{}()[\]]/.test(line.replace(/\([^()]*\)/g, '').replace(/\[[^[\]]*\]/g, ''));

function generate(kind: string, fileName: string, lines: string[], random: () => number, elide: (t: string) => string, serial: number): Generated | undefined {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line.trim(), (counts.get(line.trim()) ?? 0) + 1);
  const unique = (i: number) => i >= 0 && i < lines.length && lines[i].trim() !== '' && counts.get(lines[i].trim()) === 1 && isMeaningful(lines[i]);
  const pick = (ok: (i: number) => boolean): number | undefined => {
    const all = lines.map((_, i) => i).filter(ok);
    return all.length === 0 ? undefined : all[Math.floor(random() * all.length)];
  };
  const ends = blockEnds(lines, (l) => indentOf(l).replace(/\t/g, '    ').length);
  const unit = lines.some((l) => l.startsWith('\t')) ? '\t' : '  ';
  const fresh = (indent: string, n: number) => Array.from({ length: n }, (_, k) => `${indent}generatedStep${serial}_${k}();`);
  const E = elide('... existing code ...');
  switch (kind) {
    case 'bodyRewrite': {
      const i = pick((k) => unique(k) && isHeader(lines[k]) && declaredName(lines[k]) !== undefined && ends[k] !== undefined && ends[k]! - k >= 2 && isCloserLine(lines[ends[k]!]) && /[{(]\s*$/.test(lines[k]));
      if (i === undefined) return undefined;
      const e = ends[i]!;
      const body = fresh(indentOf(lines[i]) + unit, 1 + Math.floor(random() * 3));
      return { kind, snippet: [E, lines[i], ...body, lines[e], E], expected: [...lines.slice(0, i + 1), ...body, ...lines.slice(e)] };
    }
    case 'insertAfter': {
      const i = pick((k) => unique(k) && unique(k - 1) && !/[{([:,]\s*$/.test(lines[k]) && k + 1 < lines.length && indentOf(lines[k + 1]) === indentOf(lines[k]));
      if (i === undefined) return undefined;
      const added = fresh(indentOf(lines[i]), 1 + Math.floor(random() * 2));
      return { kind, snippet: [E, lines[i - 1], lines[i], ...added, E], expected: [...lines.slice(0, i + 1), ...added, ...lines.slice(i + 1)] };
    }
    case 'changeLine': {
      const i = pick((k) => unique(k - 1) && unique(k + 1) && lines[k].trim() !== '' && !/[{}()[\]:]/.test(lines[k]) && counts.get(lines[k].trim()) === 1);
      if (i === undefined) return undefined;
      const changed = `${lines[i]} /* changed ${serial} */`;
      return { kind, snippet: [E, lines[i - 1], changed, lines[i + 1], E], expected: [...lines.slice(0, i), changed, ...lines.slice(i + 1)] };
    }
    case 'deleteLine': {
      const i = pick((k) => unique(k - 1) && unique(k + 1) && lines[k].trim() !== '' && !/[{}()[\]:]/.test(lines[k]));
      if (i === undefined) return undefined;
      return { kind, snippet: [E, lines[i - 1], lines[i + 1], E], expected: [...lines.slice(0, i), ...lines.slice(i + 1)] };
    }
    case 'methodAtEnd': {
      const i = pick((k) => unique(k) && /^\s*(export\s+)?(abstract\s+)?class\s/.test(lines[k]) && /\{\s*$/.test(lines[k]) && ends[k] !== undefined && lines[ends[k]!].trim() === '}');
      if (i === undefined) return undefined;
      const e = ends[i]!;
      const inner = indentOf(lines[i]) + unit;
      const method = [`${inner}generatedMethod${serial}() {`, ...fresh(inner + unit, 1), `${inner}}`];
      const spacer = lines[e - 1].trim() === '' ? [] : [''];
      return { kind, snippet: [lines[i], inner + E, '', ...method, lines[e], ...(e + 1 < lines.length ? [E] : [])], expected: [...lines.slice(0, e), ...spacer, ...method, ...lines.slice(e)] };
    }
    case 'methodAfterMethod': {
      // A new method right after an existing one, shown by that method's last lines (often common ones).
      const i = pick((k) => isHeader(lines[k]) && declaredName(lines[k]) !== undefined && /\{\s*$/.test(lines[k]) && ends[k] !== undefined && ends[k]! - k >= 2 && lines[ends[k]!].trim() === '}' && indentOf(lines[ends[k]!]) !== '');
      if (i === undefined) return undefined;
      const e = ends[i]!;
      const indent = indentOf(lines[i]);
      const method = ['', `${indent}generatedSibling${serial}() {`, ...fresh(indent + unit, 1), `${indent}}`];
      return { kind, snippet: [E, lines[e - 1], lines[e], ...method, E], expected: [...lines.slice(0, e + 1), ...method, ...lines.slice(e + 1)] };
    }
    case 'wrapLines': {
      const i = pick((k) => unique(k - 1) && unique(k) && unique(k + 1) && unique(k + 2) && indentOf(lines[k]) === indentOf(lines[k + 1]) && !/[{}()[\]:,]\s*$/.test(lines[k]) && !/[{}()[\]:,]\s*$/.test(lines[k + 1]) && !/^\s*[})\]]/.test(lines[k + 2]) && bracketFree(lines[k]) && bracketFree(lines[k + 1]));
      if (i === undefined || !/\.ts$/.test(fileName)) return undefined;
      const indent = indentOf(lines[i]);
      const wrapped = [`${indent}if (generatedFlag${serial}) {`, unit + lines[i], unit + lines[i + 1], `${indent}}`];
      return { kind, snippet: [E, lines[i - 1], ...wrapped, lines[i + 2], E], expected: [...lines.slice(0, i), ...wrapped, ...lines.slice(i + 2)] };
    }
    case 'bodyLineChanged': {
      // The header and the first body line unchanged, the second changed, the rest of the body elided.
      const i = pick((k) => unique(k) && isHeader(lines[k]) && /\{\s*$/.test(lines[k]) && ends[k] !== undefined && ends[k]! - k >= 4 && unique(k + 1) && lines[k + 2].trim() !== '' && bracketFree(lines[k + 2]) && indentOf(lines[k + 1]) === indentOf(lines[k + 2]));
      if (i === undefined) return undefined;
      const changed = `${lines[i + 2]} /* body ${serial} */`;
      const inner = indentOf(lines[i + 1]);
      return { kind, snippet: [E, lines[i], lines[i + 1], changed, inner + E, E], expected: [...lines.slice(0, i + 2), changed, ...lines.slice(i + 3)] };
    }
    case 'pyBodyRewrite': {
      const i = pick((k) => unique(k) && /^\s*def \w+\(.*\):\s*$/.test(lines[k]) && ends[k] !== undefined);
      if (i === undefined) return undefined;
      const e = ends[i]!;
      const indent = indentOf(lines[i]);
      const body = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => `${indent}    generated_${serial}_${k}()`);
      return { kind, snippet: [indent + E, lines[i], ...body, indent + E], expected: [...lines.slice(0, i + 1), ...body, ...lines.slice(e + 1)] };
    }
    case 'pyMethodAtEnd': {
      const i = pick((k) => unique(k) && /^class \w+:\s*$/.test(lines[k]) && ends[k] !== undefined);
      if (i === undefined) return undefined;
      const e = ends[i]!;
      const method = ['', `    def generated_${serial}(self):`, `        return ${serial}`];
      const more = e + 1 < lines.length;
      return { kind, snippet: [lines[i], `    ${E}`, ...method, ...(more ? ['', E] : [])], expected: [...lines.slice(0, e + 1), ...method, ...lines.slice(e + 1)] };
    }
    case 'searchReplace': {
      // A window of the file as SEARCH, one of its lines changed in REPLACE.
      const size = 2 + Math.floor(random() * 4);
      const i = pick((k) => k + size <= lines.length && lines.slice(k, k + size).some((l) => isMeaningful(l)) && counts.get(lines[k].trim()) === 1);
      if (i === undefined) return undefined;
      const window = lines.slice(i, i + size);
      const at = window.findIndex((l) => isMeaningful(l));
      const replace = window.map((l, k) => (k === at ? `${l} /* sr ${serial} */` : l));
      return { kind, snippet: ['<<<<<<< SEARCH', ...window, '=======', ...replace, '>>>>>>> REPLACE'], expected: [...lines.slice(0, i), ...replace, ...lines.slice(i + size)] };
    }
    case 'unifiedDiff': {
      const i = pick((k) => k >= 2 && k + 3 < lines.length && isMeaningful(lines[k]) && counts.get(lines[k].trim()) === 1);
      if (i === undefined) return undefined;
      const changed = `${lines[i]} /* diff ${serial} */`;
      const hunk = [` ${lines[i - 2]}`, ` ${lines[i - 1]}`, `-${lines[i]}`, `+${changed}`, `+${indentOf(lines[i])}generatedAfter${serial}();`, ` ${lines[i + 1]}`, ` ${lines[i + 2]}`];
      return {
        kind,
        snippet: ['--- a/file', '+++ b/file', `@@ -${i - 1},5 +${i - 1},6 @@`, ...hunk],
        expected: [...lines.slice(0, i), changed, `${indentOf(lines[i])}generatedAfter${serial}();`, ...lines.slice(i + 1)],
      };
    }
    case 'elidedReplace': {
      // SEARCH a whole function, REPLACE its header, an elision and its last lines with one changed.
      const i = pick((k) => unique(k) && isHeader(lines[k]) && /\{\s*$/.test(lines[k]) && ends[k] !== undefined && ends[k]! - k >= 4 && unique(ends[k]! - 1) && bracketFree(lines[ends[k]! - 1]));
      if (i === undefined || !/\.ts$/.test(fileName)) return undefined;
      const e = ends[i]!;
      const changed = `${lines[e - 1]} /* elided ${serial} */`;
      const replace = [lines[i], `${indentOf(lines[i + 1])}${E}`, changed, lines[e]];
      return { kind, snippet: ['<<<<<<< SEARCH', ...lines.slice(i, e + 1), '=======', ...replace, '>>>>>>> REPLACE'], expected: [...lines.slice(0, e - 1), changed, ...lines.slice(e)] };
    }
    case 'newTestAfterTest': {
      // A new test case shown after an existing one, which the snippet repeats whole.
      const i = pick((k) => unique(k) && /^\s*it\((['"`]).*\1, (async )?(\(\) =>|function \(\)) \{\s*$/.test(lines[k]) && ends[k] !== undefined && ends[k]! - k <= 12 && /^\s*\}\);\s*$/.test(lines[ends[k]!]));
      if (i === undefined) return undefined;
      const e = ends[i]!;
      const indent = indentOf(lines[i]);
      const test = ['', `${indent}it('generated case ${serial}', () => {`, ...fresh(indent + unit, 2), `${indent}});`];
      return { kind, snippet: [E, ...lines.slice(i, e + 1), ...test, E], expected: [...lines.slice(0, e + 1), ...test, ...lines.slice(e + 1)] };
    }
    case 'lastLine': {
      const n = lines.length;
      if (n < 3 || !unique(n - 2) || !unique(n - 1) || /[{}()[\]]/.test(lines[n - 1])) return undefined;
      const changed = `${lines[n - 1]} /* last ${serial} */`;
      return { kind, snippet: [E, lines[n - 2], changed], expected: [...lines.slice(0, n - 1), changed] };
    }
  }
  return undefined;
}

const KINDS = ['bodyRewrite', 'insertAfter', 'changeLine', 'deleteLine', 'methodAtEnd', 'methodAfterMethod', 'wrapLines', 'bodyLineChanged', 'newTestAfterTest', 'pyBodyRewrite', 'pyMethodAtEnd', 'searchReplace', 'unifiedDiff', 'elidedReplace', 'lastLine'];

describe('reliability: generated snippet edits on real code give the exact bytes or a refusal', () => {
  it('never corrupts a file (counts per kind)', function () {
    this.timeout(60000);
    // TANDEM_EDITS_SEED replays another set of edits; TANDEM_EDITS_ALL=1 runs them on every file, not every other.
    const random = seededRandom(Number(process.env.TANDEM_EDITS_SEED ?? 0x5eed15));
    const counts = new Map<string, { exact: number; refused: number }>();
    const corrupted: string[] = [];
    let serial = 0;
    // Every other file keeps the battery to a few seconds; the seed decides which edits each one gets.
    const all = process.env.TANDEM_EDITS_ALL === '1';
    const files = [...sourceFiles().filter((_, i) => all || i % 2 === 0), ...pythonModules(seededRandom(0x9e7), all ? 40 : 16)];
    for (const file of files) {
      const lines = file.text.split('\n');
      lines.pop();
      for (const kind of KINDS) {
        for (let round = 0; round < 1; round++) {
          const edit = generate(kind, file.name, lines, random, commentFor(file.name), ++serial);
          if (!edit) continue;
          const row = counts.get(kind) ?? { exact: 0, refused: 0 };
          counts.set(kind, row);
          const outcome = editFromCodeBlock(edit.snippet.join('\n'), kind === 'unifiedDiff' ? 'diff' : '', { text: file.text });
          const expected = `${edit.expected.join('\n')}\n`;
          if (!outcome.ok) row.refused++;
          else if (outcome.newText === expected) row.exact++;
          else corrupted.push(`${kind} in ${file.name}:\n--- snippet\n${edit.snippet.join('\n')}\n--- got\n${outcome.newText.slice(0, 3000)}`);
        }
      }
    }
    console.log(`\n${[...counts].map(([kind, c]) => `${kind.padEnd(12)} exact ${String(c.exact).padStart(4)}  refused ${String(c.refused).padStart(4)}`).join('\n')}\n`);
    assert.equal(corrupted.length, 0, `${corrupted.length} corrupted:\n${corrupted.slice(0, 6).join('\n\n')}`);
  });
});
