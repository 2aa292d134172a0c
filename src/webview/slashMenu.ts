// The `/` completion list above the prompt box: Tandem's built-ins and the workspace's prompt files, filtered as
// the user types the command ("/re" lists names starting with "re", then names containing it). Arrow keys move,
// Enter or Tab put "/name " in the box, Escape closes. It only ever completes; sending stays the composer's job.
import type { SlashCommandView } from '../shared/protocol';
import { h } from './dom';
import { codiconClass } from './icons';

/** The commands matching what is typed, or [] when the text is not a bare command being typed. */
export function matchSlashCommands(commands: readonly SlashCommandView[], typed: string): SlashCommandView[] {
  const match = /^\/([^\s/]*)$/.exec(typed.trimStart());
  if (!match) return [];
  const prefix = match[1].toLowerCase();
  return [...commands.filter((c) => c.name.startsWith(prefix)), ...commands.filter((c) => !c.name.startsWith(prefix) && c.name.includes(prefix))];
}

export class SlashMenu {
  readonly element = h('div', { class: 'slash-menu', attrs: { role: 'listbox', 'aria-label': 'Slash commands', 'data-testid': 'slash-menu' } });
  private commands: readonly SlashCommandView[] = [];
  private shown: SlashCommandView[] = [];
  private active = 0;

  constructor(private readonly accept: (command: SlashCommandView) => void) {
    this.element.hidden = true;
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  setCommands(commands: readonly SlashCommandView[]): void {
    this.commands = commands;
  }

  /** Called on every input: shows, filters or hides the list. */
  update(typed: string): void {
    this.shown = matchSlashCommands(this.commands, typed);
    this.active = 0;
    this.render();
  }

  close(): void {
    this.shown = [];
    this.render();
  }

  /** Handles the keys the list owns while open; true when the key was used. */
  onKey(e: KeyboardEvent): boolean {
    if (!this.open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.shown.length) % this.shown.length;
      this.render();
    } else if ((e.key === 'Enter' && !e.shiftKey && !e.isComposing) || e.key === 'Tab') {
      this.accept(this.shown[this.active]);
      this.close();
    } else if (e.key === 'Escape') this.close();
    else return false;
    e.preventDefault();
    return true;
  }

  private render(): void {
    this.element.hidden = this.shown.length === 0;
    this.element.replaceChildren(
      ...this.shown.map((command, index) => {
        const item = h(
          'div',
          {
            class: `slash-item${index === this.active ? ' active' : ''}`,
            title: command.source === 'promptFile' ? `Prompt file: ${command.description}` : command.description,
            attrs: { role: 'option', 'aria-selected': String(index === this.active), 'data-testid': 'slash-item', 'data-name': command.name },
          },
          h('span', { class: codiconClass(command.source === 'promptFile' ? 'sparkle' : 'hubot') }),
          h('span', { class: 'slash-name' }, `/${command.name}`),
          h('span', { class: 'slash-description' }, command.description),
        );
        // mousedown, not click: the prompt box keeps its focus.
        item.addEventListener('mousedown', (e) => {
          e.preventDefault();
          this.accept(command);
          this.close();
        });
        return item;
      }),
    );
  }
}
