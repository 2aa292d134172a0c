// A select-only combobox (the WAI-ARIA pattern) in place of a native <select>: Chromium builds a native select's
// popup in the mousedown task (HTML parse, script, style: 20-60 ms while an answer streams), this list is a few
// elements that are already there. Keys as in the pattern: arrows, Home/End, Page Up/Down, type-ahead, Enter or
// Space picks, Tab picks and moves on, Escape closes (and does not stop the answer). Focus stays on the button.
import { h } from './dom';
import { codiconClass } from './icons';

export interface PickerOption {
  readonly value: string;
  readonly label: string;
  /** Shown on the button when space is short (setCompact). */
  readonly shortLabel?: string;
  /** A dim second part in the list, such as a model id. */
  readonly detail?: string;
}

const TYPE_AHEAD_MS = 700;
const PAGE = 10;
let pickers = 0;

export class Picker {
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly label = h('span', { class: 'picker-label' });
  private readonly list: HTMLElement;
  private readonly id = `picker-${++pickers}`;
  private options: readonly PickerOption[] = [];
  private selected = '';
  private active = -1;
  private compact = false;
  private typed = '';
  private typedAt = 0;
  private readonly onOutside = (e: Event) => {
    if (!(e.target instanceof Node && this.element.contains(e.target))) this.close();
  };
  /** The webview lost the focus (a click in the editor, another window). */
  private readonly onWindowBlur = () => this.close();

  constructor(name: string, testId: string, private readonly onPick: (value: string) => void) {
    this.button = h(
      'button',
      {
        class: 'picker',
        attrs: { type: 'button', role: 'combobox', 'aria-label': name, 'aria-haspopup': 'listbox', 'aria-expanded': 'false', 'aria-controls': `${this.id}-list`, 'data-testid': testId },
      },
      this.label,
      h('span', { class: `${codiconClass('chevron-down')} picker-chevron` }),
    );
    this.list = h('div', { class: 'picker-list', attrs: { id: `${this.id}-list`, role: 'listbox', 'aria-label': name, tabindex: '-1', 'data-testid': `${testId}-list` } });
    this.list.hidden = true;
    this.element = h('span', { class: 'picker-box' }, this.button, this.list);
    // mousedown, as a native select opens. The button takes the focus by default (no focus ring for a click); the
    // list takes none, so the button keeps it.
    this.button.addEventListener('mousedown', (e) => {
      if (e.button !== 0) return;
      if (this.isOpen) this.close();
      else this.open(this.selectedIndex());
    });
    this.button.addEventListener('keydown', (e) => this.onKey(e));
    this.button.addEventListener('blur', () => this.close());
    this.list.addEventListener('mousedown', (e) => e.preventDefault());
    this.list.addEventListener('click', (e) => {
      const index = this.indexOf(e.target);
      if (index !== -1) this.pick(index);
    });
    this.list.addEventListener('mousemove', (e) => {
      const index = this.indexOf(e.target);
      if (index !== -1 && index !== this.active) this.setActive(index);
    });
  }

  get value(): string {
    return this.selected;
  }

  /** Shows a value without reporting it (the host's state, not the user's pick). */
  set value(value: string) {
    this.selected = value;
    this.renderButton();
    this.renderSelection();
  }

  get isOpen(): boolean {
    return !this.list.hidden;
  }

  set title(title: string) {
    this.button.title = title;
  }

  setOptions(options: readonly PickerOption[]): void {
    // The host repeats the models with every change of them: an open list stays open when nothing in it changed.
    if (sameOptions(options, this.options)) return;
    this.close();
    this.options = options;
    this.list.replaceChildren(
      ...options.map((option, index) =>
        h(
          'div',
          { class: 'picker-option', attrs: { id: `${this.id}-${index}`, role: 'option', 'aria-selected': 'false', 'data-value': option.value, 'data-testid': 'picker-option' } },
          h('span', { class: `${codiconClass('check')} picker-check` }),
          h('span', { class: 'picker-option-label' }, option.label),
          option.detail ? h('span', { class: 'picker-option-detail' }, option.detail) : null,
        ),
      ),
    );
    this.renderButton();
    this.renderSelection();
  }

  setCompact(compact: boolean): void {
    this.compact = compact;
    this.renderButton();
  }

  close(): void {
    if (!this.isOpen) return;
    this.list.hidden = true;
    this.setActive(-1);
    this.button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', this.onOutside, true);
    window.removeEventListener('blur', this.onWindowBlur);
  }

  private open(active: number): void {
    if (this.options.length === 0) return;
    this.list.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    document.addEventListener('pointerdown', this.onOutside, true);
    window.addEventListener('blur', this.onWindowBlur);
    this.setActive(Math.max(0, active));
    this.keepInView();
  }

  /** The list opens above the button (the composer sits at the bottom), inside the view on either side. */
  private keepInView(): void {
    this.list.style.left = '';
    this.list.classList.remove('below');
    const rect = this.list.getBoundingClientRect();
    if (rect.top < 0) this.list.classList.add('below');
    const overflow = rect.right - (document.documentElement.clientWidth - 4);
    if (overflow > 0) this.list.style.left = `${-Math.min(overflow, rect.left - 4)}px`;
  }

  private onKey(e: KeyboardEvent): void {
    const last = this.options.length - 1;
    // What was typed counts only up to the next key that is not typing.
    if (!this.isTypeAhead(e)) this.typed = '';
    if (!this.isOpen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Enter' || e.key === ' ') this.open(this.selectedIndex());
      else if (e.key === 'Home') this.open(0);
      else if (e.key === 'End') this.open(last);
      else if (this.isTypeAhead(e)) this.open(this.typeAhead(e.key, this.selectedIndex()));
      else return;
    } else if (e.key === 'ArrowDown' && !e.altKey) this.setActive(Math.min(last, this.active + 1));
    else if (e.key === 'ArrowUp' && e.altKey) this.pick(this.active);
    else if (e.key === 'ArrowUp') this.setActive(Math.max(0, this.active - 1));
    else if (e.key === 'Home') this.setActive(0);
    else if (e.key === 'End') this.setActive(last);
    else if (e.key === 'PageDown') this.setActive(Math.min(last, this.active + PAGE));
    else if (e.key === 'PageUp') this.setActive(Math.max(0, this.active - PAGE));
    else if (e.key === 'Enter' || (e.key === ' ' && !this.typing())) this.pick(this.active);
    else if (e.key === 'Escape') this.close();
    else if (e.key === 'Tab') {
      // Tab picks and lets the focus move on, as the pattern says.
      this.pick(this.active);
      return;
    } else if (this.isTypeAhead(e)) this.setActive(this.typeAhead(e.key, this.active));
    else return;
    e.preventDefault();
    e.stopPropagation();
  }

  private isTypeAhead(e: KeyboardEvent): boolean {
    return e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key !== ' ' || this.typing());
  }

  /** Within the type-ahead window a space is part of what is typed; after it, Space picks. */
  private typing(): boolean {
    return this.typed !== '' && performance.now() - this.typedAt < TYPE_AHEAD_MS;
  }

  /** The first option from `from` on whose label starts with what was typed; typing one letter again cycles. */
  private typeAhead(key: string, from: number): number {
    const now = performance.now();
    this.typed = now - this.typedAt < TYPE_AHEAD_MS ? this.typed + key.toLowerCase() : key.toLowerCase();
    this.typedAt = now;
    const repeated = [...this.typed].every((c) => c === this.typed[0]);
    const search = repeated ? this.typed[0] : this.typed;
    const start = repeated || this.typed.length === 1 ? from + 1 : from;
    for (let step = 0; step < this.options.length; step++) {
      const index = (start + step) % this.options.length;
      if (this.options[index].label.toLowerCase().startsWith(search)) return index;
    }
    return from;
  }

  private pick(index: number): void {
    const option = this.options[index];
    this.close();
    if (!option || option.value === this.selected) return;
    this.value = option.value;
    // As a native select's: what listens for a change (the latency bench) keeps working.
    this.button.dispatchEvent(new Event('change', { bubbles: true }));
    this.onPick(option.value);
  }

  private setActive(index: number): void {
    this.active = index;
    for (const [i, item] of [...this.list.children].entries()) {
      item.classList.toggle('active', i === index);
      item.setAttribute('aria-selected', String(i === index));
    }
    if (index === -1) this.button.removeAttribute('aria-activedescendant');
    else {
      this.button.setAttribute('aria-activedescendant', `${this.id}-${index}`);
      this.list.children[index]?.scrollIntoView({ block: 'nearest' });
    }
  }

  private selectedIndex(): number {
    return this.options.findIndex((o) => o.value === this.selected);
  }

  private indexOf(target: EventTarget | null): number {
    const item = (target as Element | null)?.closest?.('.picker-option');
    return item ? [...this.list.children].indexOf(item) : -1;
  }

  private renderButton(): void {
    const option = this.options.find((o) => o.value === this.selected);
    this.label.textContent = option ? (this.compact && option.shortLabel) || option.label : '';
  }

  private renderSelection(): void {
    for (const item of this.list.children) item.classList.toggle('selected', (item as HTMLElement).dataset.value === this.selected);
  }
}

function sameOptions(a: readonly PickerOption[], b: readonly PickerOption[]): boolean {
  return a.length === b.length && a.every((o, i) => o.value === b[i].value && o.label === b[i].label && o.shortLabel === b[i].shortLabel && o.detail === b[i].detail);
}
