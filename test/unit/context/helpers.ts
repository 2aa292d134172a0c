export { seededRandom } from '../../support/random';
import { createContextItem, type ItemInput } from '../../../src/core/context/items';
import { countTokens } from '../../../src/core/context/tokens';
import type { ContextItem, TokenFamily } from '../../../src/core/context/types';


export const gpt = (text: string): number => countTokens(text, 'gpt');

/** A plausible TypeScript file of `lines` lines, the same for the same name. */
export function sourceFile(lines: number, name = 'f'): string {
  const out: string[] = [];
  for (let i = 1; i <= lines; i++) {
    if (i % 10 === 1) out.push(`export function ${name}${i}(input: number[]): number {`);
    else if (i % 10 === 0) out.push('}');
    else out.push(`  const v${i} = input.map((x) => x * ${i}).filter(Boolean).length; // ${name} step ${i}`);
  }
  return `${out.join('\n')}\n`;
}

export function linesOf(text: string, start: number, end: number): string {
  return text.split('\n').slice(start - 1, end).join('\n');
}

export function item(input: ItemInput, family: TokenFamily = 'gpt'): ContextItem {
  return createContextItem(input, (text) => countTokens(text, family));
}
