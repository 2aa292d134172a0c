// The one chip for the project's instruction files: "Rules: AGENTS.md, 2 more · 430 tokens". Clicking it lists the
// files (each opens in the editor, dropped ones say why) and a switch that turns the rules off for this chat.
import type { RulesChipView } from '../shared/protocol';
import { formatTokens } from '../core/vocabulary';
import { h } from './dom';
import { codiconClass } from './icons';

export interface RulesHandlers {
  open(path: string): void;
  setEnabled(enabled: boolean): void;
}

const ICON = { on: 'check', off: 'circle-slash', restricted: 'warning' } as const;

export class RulesChip {
  readonly element = h('div', { class: 'rules', attrs: { 'data-testid': 'rules' } });
  private chip: RulesChipView | undefined;
  private expanded = false;

  constructor(private readonly handlers: RulesHandlers) {
    this.element.hidden = true;
  }

  show(chip: RulesChipView | undefined): void {
    this.chip = chip;
    this.render();
  }

  private render(): void {
    const chip = this.chip;
    this.element.hidden = !chip;
    if (!chip) return this.element.replaceChildren();
    const text = chip.state === 'on' && chip.tokens > 0 ? `${chip.title} · ${formatTokens(chip.tokens)} tokens` : chip.title;
    const button = h(
      'button',
      { class: `chip rules-chip state-${chip.state}`, title: [text, ...chip.notes].join(' — '), attrs: { type: 'button', 'aria-expanded': String(this.expanded), 'data-testid': 'rules-chip' } },
      h('span', { class: codiconClass(ICON[chip.state]) }),
      h('span', { class: 'chip-label' }, text),
    );
    button.addEventListener('click', () => {
      this.expanded = !this.expanded;
      this.render();
    });
    this.element.replaceChildren(button, ...(this.expanded ? [this.details(chip)] : []));
  }

  private details(chip: RulesChipView): HTMLElement {
    const files = chip.files.map((file) => {
      const open = h('button', { class: 'rules-file-open', title: file.note, attrs: { type: 'button', 'data-testid': 'rules-file' } }, file.path);
      open.addEventListener('click', () => this.handlers.open(file.path));
      const size = file.state === 'applied' ? `${formatTokens(file.tokens)} tokens` : 'left out';
      return h('li', { class: `rules-file ${file.state}` }, open, h('span', { class: 'rules-file-note' }, ` ${size} — ${file.note}`));
    });
    const notes = chip.state === 'restricted' ? chip.notes.map((n) => h('p', { class: 'rules-note' }, n)) : [];
    const toggle = h('input', { attrs: { type: 'checkbox', 'data-testid': 'rules-enabled' } });
    toggle.checked = chip.state === 'on';
    toggle.disabled = chip.state === 'restricted';
    toggle.addEventListener('change', () => this.handlers.setEnabled(toggle.checked));
    return h(
      'div',
      { class: 'rules-details', attrs: { 'data-testid': 'rules-details' } },
      ...notes,
      h('ul', { class: 'rules-files' }, ...files),
      h('label', { class: 'rules-toggle' }, toggle, 'Use the project’s rules in this chat'),
    );
  }
}
