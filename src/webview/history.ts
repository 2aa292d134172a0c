// The history overlay: earlier chats of this workspace, newest first; open or delete.
import type { ChatSummary } from '../shared/protocol';
import { h, iconButton } from './dom';
import { codiconClass } from './icons';

export interface HistoryHandlers {
  open(chatId: string): void;
  remove(chatId: string): void;
  newChat(): void;
}

export class HistoryPanel {
  readonly element = h('div', { class: 'history', attrs: { role: 'dialog', 'aria-label': 'Chat history', 'data-testid': 'history' } });

  constructor(private readonly handlers: HistoryHandlers) {
    this.element.hidden = true;
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.hide();
    });
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  show(chats: readonly ChatSummary[], currentId: string): void {
    const list = h('ul', { class: 'history-list' });
    for (const chat of [...chats].sort((a, b) => b.updatedAt - a.updatedAt)) {
      const item = h(
        'li',
        { class: chat.id === currentId ? 'history-item current' : 'history-item', attrs: { tabindex: '0', 'data-testid': 'history-item' } },
        h('span', { class: codiconClass('comment') }),
        h('span', { class: 'history-title' }, chat.title || 'New chat'),
        h('span', { class: 'history-meta' }, `${chat.messageCount} msg · ${relativeTime(chat.updatedAt)}`),
        iconButton('trash', 'Delete Chat', () => this.handlers.remove(chat.id), 'history-delete'),
      );
      const open = () => {
        this.hide();
        this.handlers.open(chat.id);
      };
      item.addEventListener('click', open);
      item.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') open();
      });
      list.append(item);
    }
    const header = h(
      'div',
      { class: 'history-header' },
      h('span', { class: 'history-heading' }, 'Chat History'),
      iconButton('add', 'New Chat', () => {
        this.hide();
        this.handlers.newChat();
      }),
      iconButton('close', 'Close History', () => this.hide(), 'history-close'),
    );
    this.element.replaceChildren(header, chats.length ? list : h('p', { class: 'history-empty' }, 'No saved chats in this workspace yet.'));
    this.element.hidden = false;
    (list.querySelector('.history-item') as HTMLElement | null)?.focus();
  }

  hide(): void {
    this.element.hidden = true;
  }
}

function relativeTime(timestamp: number): string {
  const seconds = Math.max(0, (Date.now() - timestamp) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return new Date(timestamp).toLocaleDateString();
}
