// Chat webview entry: builds the panel, posts `ready`, then renders what the host sends.
import './styles.css';
import type { HostMessage } from '../shared/protocol';
import { formatUsd, isShellLanguage } from '../core/vocabulary';
import { Composer } from './composer';
import { ContextChips } from './contextChips';
import { RulesChip } from './rulesChip';
import { h, iconButton } from './dom';
import { HistoryPanel } from './history';
import { codiconClass } from './icons';
import { MessageList } from './messageList';
import { loadState, post, saveState } from './vscodeApi';

const app = document.getElementById('app')!;
const state = loadState();

const title = h('span', { class: 'chat-title', attrs: { 'data-testid': 'chat-title' } }, 'New chat');
const cost = h('span', { class: 'chat-cost', title: 'Cost of this chat', attrs: { 'data-testid': 'chat-cost' } }, formatUsd(0));
const header = h(
  'header',
  { class: 'panel-header' },
  title,
  cost,
  editorOnly(iconButton('history', 'Chat History', () => post({ type: 'showHistory' }), 'header-history')),
  iconButton('export', 'Export Chat as Markdown', () => post({ type: 'exportChat' }), 'header-export'),
  editorOnly(iconButton('add', 'New Chat', () => post({ type: 'newChat' }), 'header-new-chat')),
);

/** The sidebar view already shows these in its title bar. */
function editorOnly(button: HTMLButtonElement): HTMLButtonElement {
  button.classList.add('editor-only');
  return button;
}
const notices = h('div', { class: 'notices', attrs: { 'aria-live': 'assertive' } });
const scroller = h('main', { class: 'scroller' });

const list = new MessageList(
  {
    copy: (text) => post({ type: 'copy', text }),
    insert: (code, language) => post({ type: 'codeAction', action: 'insert', code, language }),
    apply: (code, language) => post({ type: 'codeAction', action: 'apply', code, language }),
    save: (code, language) => post({ type: 'codeAction', action: 'save', code, language }),
    runInTerminal: (code, language) => {
      if (isShellLanguage(language)) post({ type: 'runInTerminal', code, language });
    },
    regenerate: (messageId) => post({ type: 'regenerate', messageId }),
    editResend: (messageId, text) => post({ type: 'editResend', messageId, text }),
    retry: () => post({ type: 'retry' }),
    applyAnswerEdits: (messageId) => post({ type: 'applyAnswerEdits', messageId }),
    hostAction: (action) => post({ type: 'hostAction', action }),
    openLink: (href, text) => post({ type: 'openLink', href: href.slice(0, 8192), text: text.slice(0, 8192) }),
  },
  scroller,
);
scroller.append(list.element);

let draftTimer = 0;
const composer = new Composer(
  {
    send: (text, images) => post({ type: 'send', text, images }),
    stop: () => post({ type: 'stop' }),
    setModel: (model) => post({ type: 'setModel', model }),
    setThinkingLevel: (level) => post({ type: 'setThinkingLevel', level }),
    addContext: () => post({ type: 'pickContextFile' }),
    draftChanged: (draft, recall) => {
      clearTimeout(draftTimer);
      draftTimer = window.setTimeout(() => saveState({ draft, recall }), 150);
    },
    notice: (text) => showNotice('warning', text),
  },
  state.draft,
  state.recall,
);
const history = new HistoryPanel({
  open: (chatId) => post({ type: 'openChat', chatId }),
  remove: (chatId) => post({ type: 'deleteChat', chatId }),
  newChat: () => post({ type: 'newChat' }),
});
const chips = new ContextChips({
  remove: (chipId) => post({ type: 'removeContext', chipId }),
  setIncludeOpenEditors: (include) => post({ type: 'setIncludeOpenEditors', include }),
});

const rules = new RulesChip({
  open: (path) => post({ type: 'openInstructionFile', path }),
  setEnabled: (enabled) => post({ type: 'setRulesEnabled', enabled }),
});

app.append(header, notices, scroller, history.element, rules.element, chips.element, composer.element);

function setBusy(busy: boolean): void {
  composer.setBusy(busy);
  list.setBusy(busy);
  app.classList.toggle('busy', busy);
}

function showNotice(level: 'info' | 'warning' | 'error', text: string): void {
  const icon = level === 'error' ? 'error' : level === 'warning' ? 'warning' : 'info';
  const notice = h('div', { class: `notice ${level}`, attrs: { role: 'status', 'data-testid': 'notice' } }, h('span', { class: codiconClass(icon) }), h('span', { class: 'notice-text' }, text));
  notice.append(iconButton('close', 'Dismiss', () => notice.remove()));
  notices.append(notice);
  while (notices.children.length > 3) notices.firstElementChild?.remove();
  if (level !== 'error') setTimeout(() => notice.remove(), 8000);
}

function setChatHeader(chatTitle: string, totalCostUsd?: number): void {
  title.textContent = chatTitle || 'New chat';
  title.title = chatTitle;
  if (totalCostUsd !== undefined) cost.textContent = formatUsd(totalCostUsd);
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      list.setModels(message.models);
      composer.setModels(message.models, message.model, message.thinkingLevel);
      setBusy(message.busy);
      list.setChat(message.chat);
      setChatHeader(message.chat.title, message.chat.totalCostUsd);
      break;
    case 'chat':
      history.hide();
      setBusy(message.busy);
      list.setChat(message.chat);
      setChatHeader(message.chat.title, message.chat.totalCostUsd);
      break;
    case 'messageAdded':
      list.add(message.message);
      if (message.message.role === 'user' && title.textContent === 'New chat') setChatHeader(message.message.text.split('\n')[0].slice(0, 80));
      break;
    case 'delta':
      list.delta(message.messageId, message.kind, message.text);
      break;
    case 'status':
      list.status(message.messageId, message.text);
      break;
    case 'messageDone':
      list.done(message.message);
      cost.textContent = formatUsd(message.totalCostUsd);
      break;
    case 'busy':
      setBusy(message.busy);
      break;
    case 'history':
      history.show(message.chats, message.currentId);
      break;
    case 'models':
      list.setModels(message.models);
      composer.setModels(message.models, message.model, message.thinkingLevel);
      break;
    case 'context':
      chips.show(message.chips, message.includeOpenEditors, message.approximate);
      break;
    case 'prefill':
      composer.prefill(message.text, message.send);
      break;
    case 'notice':
      showNotice(message.level, message.text);
      break;
    case 'focusInput':
      composer.focus();
      break;
    case 'rules':
      rules.show(message.chip);
      break;
    case 'slashCommands':
      composer.setSlashCommands(message.commands);
      break;
  }
});

post({ type: 'ready' });
