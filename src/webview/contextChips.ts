// Chips above the composer: exactly what goes to the model as context, each with its token count.
import type { ContextChipView } from '../shared/protocol';
import { formatTokens } from '../core/vocabulary';
import { h, iconButton } from './dom';
import { codiconClass } from './icons';

const APPROXIMATE_NOTE = 'Approximate: counted with the GPT tokenizer, which this model does not use.';

export interface ContextHandlers {
  remove(chipId: string): void;
  setIncludeOpenEditors(include: boolean): void;
}

export class ContextChips {
  readonly element = h('div', { class: 'context-chips', attrs: { 'data-testid': 'context-chips' } });

  constructor(private readonly handlers: ContextHandlers) {
    this.element.hidden = true;
  }

  /** `approximate`: counted with another tokenizer than the model's, so each count reads "≈". */
  show(chips: readonly ContextChipView[], includeOpenEditors: boolean, approximate = false): void {
    const about = approximate ? '≈' : '';
    const toggle = h('input', { attrs: { type: 'checkbox', 'data-testid': 'include-open-editors' } });
    toggle.checked = includeOpenEditors;
    toggle.addEventListener('change', () => this.handlers.setIncludeOpenEditors(toggle.checked));
    const total = chips.filter((c) => c.status === 'included' || c.status === 'trimmed').reduce((sum, c) => sum + c.tokens, 0);
    this.element.replaceChildren(
      ...chips.map((chip) =>
        h(
          'span',
          { class: `chip status-${chip.status}`, title: [chip.detail, chip.note, approximate ? APPROXIMATE_NOTE : ''].filter(Boolean).join(' — '), attrs: { 'data-testid': 'context-chip' } },
          h('span', { class: codiconClass(chip.status === 'dropped' || chip.status === 'excluded' ? 'circle-slash' : 'file') }),
          h('span', { class: 'chip-label' }, chip.label),
          h('span', { class: 'chip-tokens' }, chip.status === 'dropped' || chip.status === 'excluded' ? chip.status : `${about}${formatTokens(chip.tokens)}`),
          iconButton('close', `Remove ${chip.label}`, () => this.handlers.remove(chip.id)),
        ),
      ),
      h('label', { class: 'chip-toggle', title: 'Send the other open editors as context too' }, toggle, 'Open editors'),
      h('span', { class: 'chip-total', title: approximate ? APPROXIMATE_NOTE : '', attrs: { 'data-testid': 'chip-total' } }, `${about}${formatTokens(total)} tokens`),
    );
    this.element.hidden = false;
  }
}
