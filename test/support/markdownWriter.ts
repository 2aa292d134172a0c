// Deterministic, realistic markdown answers and chats (prose, lists, tables, code in several languages), for the
// render benchmark and the streaming tests.
import type { MessageView } from '../../src/shared/protocol';
import { answer, user } from '../webview/fixtures';
import { seededRandom } from './random';

const DELTA_MIN = 16;
const DELTA_MAX = 40;


const WORDS = (
  'the cart total is computed from each item price and quantity before discounts are applied then taxes rounding ' +
  'happens once at the end so the service returns cents not dollars while the cache keeps the last response for a ' +
  'minute because the request is expensive and the handler validates input early returning an error when fields ' +
  'are missing this keeps the function pure which makes testing simple and the reducer never mutates state instead ' +
  'it copies the array with a new entry our migration adds an index on user id so lookups stay fast'
).split(' ');
const IDENTS = ['total', 'items', 'price', 'quantity', 'discount', 'cart', 'user', 'order', 'cache', 'result', 'request', 'handler', 'config', 'value', 'index', 'entry', 'state', 'payload'];
const TYPES = ['number', 'string', 'Item[]', 'Order', 'Promise<void>', 'Map<string, number>', 'boolean', 'Cart'];

export class MarkdownWriter {
  private readonly random: () => number;
  constructor(seed: number) {
    this.random = seededRandom(seed);
  }
  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }
  private ident(): string {
    const a = this.pick(IDENTS);
    return this.random() < 0.5 ? a : a + this.pick(IDENTS).replace(/^./, (c) => c.toUpperCase());
  }
  sentence(): string {
    const words = Array.from({ length: this.int(8, 22) }, () => {
      const r = this.random();
      if (r < 0.06) return '`' + this.ident() + '()`';
      if (r < 0.09) return '**' + this.pick(WORDS) + '**';
      if (r < 0.11) return '*' + this.pick(WORDS) + '*';
      if (r < 0.12) return `[the docs](https://example.com/docs/${this.ident()})`;
      return this.pick(WORDS);
    });
    const text = words.join(' ');
    return text[0].toUpperCase() + text.slice(1) + (this.random() < 0.1 ? '?' : '.');
  }
  paragraph(): string {
    return Array.from({ length: this.int(2, 6) }, () => this.sentence()).join(' ');
  }
  list(): string {
    const ordered = this.random() < 0.4;
    const lines: string[] = [];
    for (let i = 1, n = this.int(3, 8); i <= n; i++) {
      lines.push(`${ordered ? `${i}.` : '-'} ${this.sentence()}`);
      if (this.random() < 0.25) for (let j = 0, m = this.int(1, 3); j < m; j++) lines.push(`${ordered ? '   ' : '  '}- ${this.sentence()}`);
    }
    return lines.join('\n');
  }
  table(): string {
    const columns = this.int(3, 5);
    const head = Array.from({ length: columns }, (_, i) => (i === 0 ? 'Name' : this.pick(['Price', 'Qty', 'Status', 'Time (ms)', 'Notes', 'Owner'])));
    const rows = Array.from({ length: this.int(4, 24) }, () =>
      Array.from({ length: columns }, (_, i) => (i === 0 ? '`' + this.ident() + '`' : this.random() < 0.5 ? (this.random() * 1000).toFixed(2) : this.pick(WORDS) + ' ' + this.pick(WORDS))),
    );
    return [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  }
  code(lines: number): string {
    const language = this.pick(['typescript', 'typescript', 'python', 'json', 'bash', 'go']);
    const out: string[] = [];
    let depth = 0;
    const pad = () => '  '.repeat(depth);
    while (out.length < lines) {
      const r = this.random();
      if (language === 'json') {
        out.push(`${pad()}"${this.ident()}": ${r < 0.3 ? `"${this.pick(WORDS)} ${this.pick(WORDS)}"` : r < 0.6 ? (this.random() * 1e4).toFixed(0) : r < 0.8 ? 'true' : 'null'},`);
        continue;
      }
      if (language === 'bash') {
        out.push(r < 0.2 ? `# ${this.sentence()}` : `${this.pick(['npm run', 'git', 'curl -s', 'grep -rn', 'node'])} ${this.ident()} --${this.pick(IDENTS)}=${this.int(1, 99)}`);
        continue;
      }
      if (language === 'python') {
        if (depth === 0 || r < 0.1) {
          depth = 1;
          out.push(`def ${this.ident()}_${this.ident()}(${this.ident()}, ${this.ident()}=None):`, `    """${this.sentence()}"""`);
        } else if (r < 0.3) out.push(`    for ${this.ident()} in ${this.ident()}:`, `        total += ${this.ident()}.price * ${this.ident()}.quantity`);
        else if (r < 0.4) out.push(`    # ${this.sentence()}`);
        else out.push(`    ${this.ident()} = ${this.ident()}.get("${this.pick(IDENTS)}", ${this.int(0, 100)})`);
        continue;
      }
      if (depth === 0 || (r < 0.08 && depth < 3)) {
        out.push(`${pad()}${language === 'go' ? `func ${this.ident()}(${this.ident()} ${this.pick(['int', 'string', '[]Item'])}) error {` : `export ${this.random() < 0.5 ? 'async ' : ''}function ${this.ident()}(${this.ident()}: ${this.pick(TYPES)}): ${this.pick(TYPES)} {`}`);
        depth++;
      } else if (r < 0.16) {
        depth--;
        out.push(`${pad()}}`);
      } else if (r < 0.28) out.push(`${pad()}// ${this.sentence()}`);
      else if (r < 0.4) {
        out.push(`${pad()}if (${this.ident()} ${this.pick(['>', '===', '<=', '!=='])} ${this.int(0, 100)}) {`);
        depth++;
      } else out.push(`${pad()}${language === 'go' ? `${this.ident()} := ${this.ident()}.${this.ident()}(${this.int(0, 9)})` : `const ${this.ident()} = await ${this.ident()}.${this.ident()}(${this.ident()}, '${this.pick(WORDS)}');`}`);
    }
    while (depth-- > 0 && language !== 'python' && language !== 'json' && language !== 'bash') out.push('  '.repeat(depth) + '}');
    return '```' + language + '\n' + out.join('\n') + '\n```';
  }
  /** An answer of about `chars` characters; `largeCode` code blocks of ~500 lines among the blocks. */
  answer(chars: number, largeCode = 0): string {
    const blocks: string[] = [];
    let size = 0;
    let section = 0;
    let large = largeCode;
    const push = (block: string) => {
      blocks.push(block);
      size += block.length + 2;
    };
    while (size < chars) {
      if (chars > 8000 && (blocks.length === 0 || this.random() < 0.08)) push(`## ${++section}. ${this.sentence().replace(/\.$/, '')}`);
      const r = this.random();
      if (large > 0 && size > (chars * (largeCode - large + 1)) / (largeCode + 1)) {
        large--;
        push(this.code(this.int(450, 600)));
      } else if (r < 0.4) push(this.paragraph());
      else if (r < 0.58) push(this.list());
      else if (r < 0.66) push(this.table());
      else if (r < 0.9) push(this.code(this.int(6, 40)));
      else push('> ' + this.sentence());
    }
    return blocks.join('\n\n') + '\n';
  }
  /** The text cut into deltas of 16-40 chars, as a model streams it. */
  deltas(text: string): string[] {
    const out: string[] = [];
    for (let i = 0; i < text.length; ) {
      const n = this.int(DELTA_MIN, DELTA_MAX);
      out.push(text.slice(i, i + n));
      i += n;
    }
    return out;
  }
  chat(pairs: number): MessageView[] {
    const messages: MessageView[] = [];
    for (let i = 1; i <= pairs; i++) {
      messages.push(user(`u${i}`, Array.from({ length: this.int(1, 4) }, () => this.sentence()).join(' ')));
      messages.push(answer(`a${i}`, this.answer(this.int(800, 4000))));
    }
    return messages;
  }
}
