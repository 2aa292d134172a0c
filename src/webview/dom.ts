// Tiny element builder: no innerHTML for anything but sanitized markdown.
import { codiconClass, type Codicon } from './icons';

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; title?: string; attrs?: Record<string, string>; on?: Partial<Record<keyof HTMLElementEventMap, (e: Event) => void>> } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.title) el.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) el.setAttribute(name, value);
  for (const [event, handler] of Object.entries(props.on ?? {})) if (handler) el.addEventListener(event, handler);
  for (const child of children) if (child) el.append(child);
  return el;
}

/** A toolbar button with a codicon and an accessible label. */
export function iconButton(icon: Codicon, label: string, onClick: () => void, testId?: string): HTMLButtonElement {
  const button = h('button', { class: 'icon-button', title: label, attrs: { type: 'button', 'aria-label': label, ...(testId ? { 'data-testid': testId } : {}) } }, h('span', { class: codiconClass(icon) }));
  button.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return button;
}

export function textButton(label: string, onClick: () => void, options: { primary?: boolean; icon?: Codicon; testId?: string } = {}): HTMLButtonElement {
  const button = h(
    'button',
    { class: options.primary ? 'text-button primary' : 'text-button', attrs: { type: 'button', ...(options.testId ? { 'data-testid': options.testId } : {}) } },
    options.icon ? h('span', { class: codiconClass(options.icon) }) : null,
    label,
  );
  button.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return button;
}

/** The first child of `parent` with the class. A message's parts are its children: querySelector would search the
 * whole body of a long answer, on every delta. */
export function childWithClass(parent: Element | undefined, className: string): HTMLElement | undefined {
  if (!parent) return undefined;
  for (const child of parent.children) if (child.classList.contains(className)) return child as HTMLElement;
  return undefined;
}
