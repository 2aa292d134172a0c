// The transcript: user and assistant messages, streamed answers, per-message actions, errors with their action.
import type { ChatView, HostAction, MessageView, ModelOption } from '../shared/protocol';
import { ACTION_BUTTONS } from '../shared/actionButtons';
import { formatTokens, formatUsd, groupDigits, type ModelSlot } from '../core/vocabulary';
import { childWithClass, h, iconButton, textButton } from './dom';
import { codiconClass, type Codicon } from './icons';
import { StreamingMarkdown, renderMarkdown } from './markdown/streaming';
import { highlightLater, type CodeBlockHandlers } from './markdown/render';
import { paintOnlyInView } from './markdown/codeColours';
import { DeferredBodies } from './deferredBodies';
import { EndFollower } from './endFollower';

export interface MessageListHandlers extends CodeBlockHandlers {
  regenerate(messageId: string): void;
  editResend(messageId: string, text: string): void;
  retry(): void;
  hostAction(action: HostAction): void;
  openLink(href: string, text: string): void;
  applyAnswerEdits(messageId: string): void;
}

const FINISH_NOTES: Partial<Record<NonNullable<MessageView['finish']>, string>> = {
  length: 'The answer stopped at the output limit.',
  safety: 'The answer was stopped by the provider’s safety filter.',
  recitation: 'The answer was stopped because it recited protected material.',
  blocked: 'The provider blocked this prompt.',
  truncated: 'The connection ended before the answer finished.',
  refusal: 'The model declined to answer.',
  stopped: 'Stopped.',
  other: 'The answer ended early.',
};

/** A restored chat longer than this highlights lazily and renders its older answers later (deferredBodies.ts). */
const EAGER_MESSAGES = 20;

/** How an answer's body is built: rendered and highlighted now, rendered now and highlighted in idle time (a long
 * restored chat), a placeholder rendered later (its older answers), or streaming in. */
type AnswerBody = 'highlighted' | 'plain' | 'deferred' | 'streaming';

/** An exchange whose answer has no text is not part of what the model sees next (see modelHistory). */
const LEFT_OUT = 'This question is not sent with later ones.';

const ACTION_LABELS: Record<string, { label: string; icon: Codicon }> = {
  setKey: { label: ACTION_BUTTONS.setKey.label, icon: 'key' },
  retry: { label: ACTION_BUTTONS.retry.label, icon: 'refresh' },
  openSettings: { label: ACTION_BUTTONS.openSettings.label, icon: 'settings-gear' },
};

interface RenderedMessage {
  readonly element: HTMLElement;
  readonly body: StreamingMarkdown | undefined;
  thoughts?: StreamingMarkdown;
  message: MessageView;
}

export class MessageList {
  readonly element = h('div', { class: 'messages', attrs: { role: 'log', 'aria-live': 'polite', 'data-testid': 'messages' } });
  private readonly rendered = new Map<string, RenderedMessage>();
  private models: readonly ModelOption[] = [];
  private busy = false;
  private streamingId: string | undefined;
  private readonly end: EndFollower;
  private readonly deferred: DeferredBodies;

  constructor(private readonly handlers: MessageListHandlers, scroller: HTMLElement) {
    this.deferred = new DeferredBodies((text) => renderMarkdown(text, handlers, false), scroller);
    this.end = new EndFollower(scroller, this.element, () => this.paintCodeWhereSeen());
    this.element.addEventListener('click', (event) => {
      const link = (event.target as Element).closest?.('a[data-href]');
      if (!link) return;
      event.preventDefault();
      this.handlers.openLink(link.getAttribute('data-href') ?? '', link.textContent ?? '');
    });
  }

  setModels(models: readonly ModelOption[]): void {
    this.models = models;
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.element.classList.toggle('busy', busy);
    if (!busy) this.streamingId = undefined;
    for (const { element } of this.rendered.values()) element.classList.remove('streaming');
    if (busy && this.streamingId) this.rendered.get(this.streamingId)?.element.classList.add('streaming');
    this.paintCodeWhereSeen();
  }

  /** A streaming answer changes the DOM every frame, and each such frame paints anew all code that holds colour
   * ranges: while the view follows its end, only code in view is coloured; code above it is again once the user
   * scrolls up. */
  private paintCodeWhereSeen(): void {
    paintOnlyInView(this.busy && this.end.following);
  }

  /** Replaces the transcript (a chat opened or restored); long chats highlight code lazily, newest first. */
  setChat(chat: ChatView): void {
    this.rendered.clear();
    this.deferred.clear();
    const fragment = document.createDocumentFragment();
    const eager = chat.messages.length <= EAGER_MESSAGES;
    const last = chat.messages[chat.messages.length - 1];
    const firstShown = chat.messages.length - EAGER_MESSAGES;
    chat.messages.forEach((message, index) => {
      const body: AnswerBody = this.busy && message === last && isOpen(message) ? 'streaming' : eager ? 'highlighted' : index < firstShown ? 'deferred' : 'plain';
      fragment.append(this.create(message, body).element);
    });
    this.element.replaceChildren(fragment);
    if (chat.messages.length === 0) this.element.append(this.welcome());
    if (!eager) {
      highlightLater([...this.element.querySelectorAll<HTMLElement>('.code-block.needs-highlight')].reverse());
      this.deferred.renderInIdleTime();
    }
    this.end.follow(true);
  }

  add(message: MessageView): void {
    childWithClass(this.element, 'welcome')?.remove();
    const rendered = this.create(message, isOpen(message) ? 'streaming' : 'highlighted');
    this.element.append(rendered.element);
    if (isOpen(message)) {
      this.streamingId = message.id;
      rendered.element.classList.add('streaming');
    }
    this.end.follow(message.role === 'user');
  }

  delta(messageId: string, kind: 'text' | 'thought', text: string): void {
    const rendered = this.rendered.get(messageId);
    if (!rendered) return;
    this.status(messageId, '');
    if (kind === 'thought') this.thoughtsOf(rendered).append(text);
    else rendered.body?.append(text);
  }

  /** A transient line in an answer still waiting for its text (a retry after a rate limit); '' removes it. */
  status(messageId: string, text: string): void {
    const element = this.rendered.get(messageId)?.element;
    const line = childWithClass(element, 'message-status');
    if (!text) return line?.remove();
    if (!element) return;
    const next = h('div', { class: 'message-status', attrs: { role: 'status', 'data-testid': 'message-status' } }, h('span', { class: codiconClass('info') }), h('span', {}, text));
    if (line) line.replaceWith(next);
    else childWithClass(element, 'message-footer')?.before(next);
  }

  done(message: MessageView): void {
    const previous = this.rendered.get(message.id);
    if (!previous) return this.add(message);
    this.status(message.id, '');
    // The streamed body is kept as it is (its frozen blocks are not rendered again) whenever it holds the final text;
    // only an answer whose text changed (a host-side edit) is rendered anew.
    if (previous.body && previous.body.holds(message.text)) {
      previous.body.finish();
      previous.thoughts?.finish();
      previous.message = message;
      childWithClass(previous.element, 'message-footer')?.replaceWith(this.footer(message));
      previous.element.classList.remove('streaming');
    } else {
      const fresh = this.create(message, 'highlighted');
      previous.element.replaceWith(fresh.element);
    }
    if (this.streamingId === message.id) this.streamingId = undefined;
    this.end.follow(false);
  }

  private create(message: MessageView, body: AnswerBody): RenderedMessage {
    const rendered = message.role === 'user' ? this.createUser(message) : this.createAssistant(message, body);
    this.rendered.set(message.id, rendered);
    return rendered;
  }

  private createUser(message: MessageView): RenderedMessage {
    const text = h('div', { class: 'user-text' }, message.text);
    const images = message.images?.length
      ? h('div', { class: 'message-images' }, ...message.images.map((image) => h('img', { attrs: { src: `data:${image.mimeType};base64,${image.data}`, alt: 'Attached image' } })))
      : null;
    const element = h('div', { class: 'message user', attrs: { 'data-testid': 'message-user', 'data-message-id': message.id } });
    const actions = h(
      'div',
      { class: 'message-actions' },
      iconButton('edit', 'Edit and Resend', () => this.startEdit(element, message), 'message-edit'),
      iconButton('copy', 'Copy', () => this.handlers.copy(message.text), 'message-copy'),
    );
    element.append(images ?? '', text, actions);
    return { element, body: undefined, message };
  }

  private startEdit(element: HTMLElement, message: MessageView): void {
    if (this.busy || element.querySelector('.edit-box')) return;
    const input = h('textarea', { class: 'edit-input', attrs: { 'aria-label': 'Edit message', rows: '3', 'data-testid': 'edit-input' } });
    input.value = message.text;
    const box = h('div', { class: 'edit-box' }, input);
    const cancel = () => {
      box.remove();
      element.classList.remove('editing');
    };
    const submit = () => {
      const text = input.value;
      if (!text.trim()) return;
      cancel();
      this.handlers.editResend(message.id, text);
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit();
      } else if (event.key === 'Escape') cancel();
    });
    box.append(h('div', { class: 'edit-buttons' }, textButton('Cancel', cancel), textButton('Send', submit, { primary: true, testId: 'edit-send' })));
    element.classList.add('editing');
    element.append(box);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  private createAssistant(message: MessageView, answerBody: AnswerBody): RenderedMessage {
    const element = h('div', { class: 'message assistant', attrs: { 'data-testid': 'message-assistant', 'data-message-id': message.id } });
    const model = this.models.find((m) => m.slot === message.model);
    element.append(h('div', { class: 'message-header' }, h('span', { class: codiconClass(modelIcon(message.model)) }), h('span', { class: 'model-name' }, model?.label ?? 'Tandem')));
    const rendered: RenderedMessage = { element, body: undefined, message };
    if (message.thoughts) {
      this.thoughtsOf(rendered).reset(message.thoughts, true);
    }
    let body: StreamingMarkdown | undefined;
    if (answerBody === 'streaming') {
      body = new StreamingMarkdown(this.handlers);
      if (message.text) body.reset(message.text, false);
      element.append(body.element, h('div', { class: 'typing', attrs: { 'aria-label': 'Tandem is answering' } }, h('span'), h('span'), h('span')));
    } else {
      element.append(answerBody === 'deferred' ? this.deferred.placeholder(message.text) : renderMarkdown(message.text, this.handlers, answerBody === 'highlighted'));
    }
    element.append(this.footer(message));
    return { ...rendered, body, element };
  }

  private thoughtsOf(rendered: RenderedMessage): StreamingMarkdown {
    if (rendered.thoughts) return rendered.thoughts;
    const thoughts = new StreamingMarkdown(this.handlers);
    const block = h('details', { class: 'thoughts', attrs: { 'data-testid': 'thoughts' } }, h('summary', {}, h('span', { class: codiconClass('lightbulb') }), 'Thinking'), thoughts.element);
    childWithClass(rendered.element, 'message-header')?.after(block);
    rendered.thoughts = thoughts;
    return thoughts;
  }

  private footer(message: MessageView): HTMLElement {
    const footer = h('div', { class: 'message-footer' });
    const note = message.finish && message.finish !== 'stop' ? FINISH_NOTES[message.finish] : undefined;
    if (message.error) {
      const action = ACTION_LABELS[message.error.action];
      footer.append(
        h(
          'div',
          { class: `message-error kind-${message.error.kind}`, attrs: { role: 'alert', 'data-testid': 'message-error' } },
          h('span', { class: codiconClass('error') }),
          h('span', { class: 'error-text' }, message.error.message),
          action ? textButton(action.label, () => this.runErrorAction(message.error!.action), { icon: action.icon, testId: `error-action-${message.error.action}` }) : null,
        ),
      );
    } else if (note) {
      const retry = message.finish === 'truncated' || message.finish === 'other';
      footer.append(
        h(
          'div',
          { class: `message-note finish-${message.finish}`, attrs: { 'data-testid': 'message-note' } },
          h('span', { class: codiconClass('info') }),
          h('span', {}, note + (message.continuations ? ` Continued ${message.continuations} time${message.continuations > 1 ? 's' : ''}.` : '')),
          retry ? textButton(ACTION_BUTTONS.retry.label, () => this.handlers.retry(), { icon: 'refresh' }) : null,
        ),
      );
    }
    if ((message.error || message.finish) && !message.text) footer.append(h('div', { class: 'left-out', attrs: { 'data-testid': 'message-left-out' } }, LEFT_OUT));
    if (message.editFiles && !message.error) {
      const label = `Apply edits to ${message.editFiles} file${message.editFiles === 1 ? '' : 's'}`;
      footer.append(h('div', { class: 'message-apply' }, textButton(label, () => this.handlers.applyAnswerEdits(message.id), { icon: 'diff', testId: 'apply-answer-edits' })));
    }
    if (message.finish || message.error) {
      const meta = h('div', { class: 'message-meta' });
      if (message.usage) {
        const u = message.usage;
        const detail = `${groupDigits(u.promptTokens)} prompt tokens${u.cachedTokens ? ` (${groupDigits(u.cachedTokens)} cached, billed at the cached-input price)` : ''}, ${groupDigits(u.outputTokens)} output${u.thoughtTokens ? `, ${groupDigits(u.thoughtTokens)} thinking (billed as output)` : ''}`;
        const cached = u.cachedTokens ? `, ${formatTokens(u.cachedTokens)} cached` : '';
        meta.append(h('span', { class: 'usage', title: detail, attrs: { 'data-testid': 'message-usage' } }, `${formatTokens(u.promptTokens)} in${cached} · ${formatTokens(u.outputTokens + u.thoughtTokens)} out · ${formatUsd(u.costUsd)}`));
      }
      if (message.continuations && !note) meta.append(h('span', { class: 'usage' }, `joined ${message.continuations + 1} parts`));
      meta.append(
        h(
          'span',
          { class: 'message-actions' },
          iconButton('copy', 'Copy Answer', () => this.handlers.copy(message.text), 'message-copy'),
          iconButton('refresh', 'Regenerate', () => !this.busy && this.handlers.regenerate(message.id), 'message-regenerate'),
        ),
      );
      footer.append(meta);
    }
    return footer;
  }

  private runErrorAction(action: string): void {
    if (action === 'retry') this.handlers.retry();
    else if (action === 'setKey' || action === 'openSettings') this.handlers.hostAction(action);
  }

  private welcome(): HTMLElement {
    return h(
      'div',
      { class: 'welcome', attrs: { 'data-testid': 'welcome' } },
      h('div', { class: `welcome-logo ${codiconClass('comment-discussion')}` }),
      h('h2', {}, 'Ask Tandem about your code'),
      h('p', {}, 'Gemini 3.1 Flash-Lite and GPT-5.3 Chat, with your selection and open files as context.'),
      h(
        'ul',
        { class: 'welcome-tips' },
        h('li', {}, 'Select code, then right-click › Tandem to explain, fix or refactor it.'),
        h('li', {}, 'Enter sends, Shift+Enter adds a line, ↑ recalls your last prompt.'),
        h('li', {}, 'Paste or drop an image to ask about it.'),
      ),
      h('div', { class: 'welcome-actions' }, textButton(ACTION_BUTTONS.setKey.label, () => this.handlers.hostAction('setKey'), { icon: 'key' }), textButton(ACTION_BUTTONS.testConnection.label, () => this.handlers.hostAction('testConnection'), { icon: 'plug' })),
    );
  }
}

/** An assistant message still being written (no finish, no error yet). */
function isOpen(message: MessageView): boolean {
  return message.role === 'assistant' && !message.finish && !message.error;
}

function modelIcon(slot: ModelSlot | undefined): Codicon {
  return slot === 'gpt' ? 'hubot' : 'sparkle';
}

