import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import { appendMessage, emptyConversation, replaceMessage, toChatView, toMessageView, toModelMessages, totalCost, truncateBefore } from '../../core/conversation/conversation';
import { CONTINUE_INSTRUCTION, ContinuationJoiner } from '../../core/conversation/continuation';
import { DeltaBatcher } from '../../core/conversation/deltaBatcher';
import type { ConversationStore } from '../../core/conversation/store';
import type { Conversation, StoredMessage } from '../../core/conversation/types';
import type { ChatMessage, FinishReason, ModelSlot, ThinkingLevel, Usage } from '../../core/providers/types';
import type { ContextChipView, ErrorView, HostMessage, ImageAttachment, UsageView, WebviewMessage } from '../../shared/protocol';
import type { Log } from '../log';
import type { ChatMessageHandler, ChatSurface } from './chatSurface';
import type { ModelGateway } from './modelGateway';

export const CHAT_SYSTEM_PROMPT =
  'You are Tandem, a coding assistant inside VS Code. Answer concisely in Markdown. Put code in fenced code ' +
  'blocks with a language tag. When you change existing code, show only the changed parts with enough ' +
  'surrounding lines to locate them. Files and selections the user shares appear before their question.';

/** Everything the chat asks of the editor, so the controller stays testable and the wiring stays in one place. */
export interface ChatHost {
  readonly settings: () => { autoContinueLimit: number; defaultModel: ModelSlot; thinkingLevel: ThinkingLevel };
  /** Context (files, selection) for a new user turn, as text for the model. */
  readonly contextForTurn: (question: string, slot: ModelSlot) => Promise<string | undefined>;
  readonly codeAction: (action: 'insert' | 'apply' | 'save', code: string, language: string) => Promise<void>;
  readonly openLink: (href: string, text: string) => Promise<void>;
  readonly copy: (text: string) => Promise<void>;
  readonly runCommand: (command: string) => Promise<void>;
  readonly exportChat: (conversation: Conversation) => Promise<void>;
  readonly onChatsChanged: (conversation: Conversation) => void;
  readonly memento: Pick<vscode.Memento, 'get' | 'update'>;
}

/** The context chips' side of the chat: what the webview's chip bar asks for. */
export interface ContextSource {
  remove(chipId: string): Promise<void>;
  setIncludeOpenEditors(include: boolean): Promise<void>;
  pickFile(): Promise<void>;
  /** The budget changed (another model): plan the chips again. */
  refresh(): void;
}

const LAST_CHAT_KEY = 'tandem.lastChatId';
const MODEL_KEY = 'tandem.model';
const THINKING_KEY = 'tandem.thinkingLevel';

interface Running {
  readonly abort: AbortController;
  readonly messageId: string;
  readonly done: Promise<void>;
}

export class ChatController implements ChatMessageHandler, vscode.Disposable {
  private conversation: Conversation = emptyConversation(randomUUID(), Date.now());
  private readonly surfaces = new Set<ChatSurface>();
  private running: Running | undefined;
  private loaded: Promise<void> | undefined;
  private contextSource: ContextSource | undefined;
  private lastContext: HostMessage | undefined;

  constructor(
    private readonly store: ConversationStore,
    private readonly gateway: ModelGateway,
    private readonly host: ChatHost,
    private readonly log: Log,
  ) {}

  /** A chat webview has loaded in this window: the context chips are worth keeping current. */
  get shown(): boolean {
    return [...this.surfaces].some((surface) => surface.isReady);
  }

  attach(surface: ChatSurface): void {
    this.surfaces.add(surface);
    surface.onDidDispose(() => this.surfaces.delete(surface));
  }

  get current(): Conversation {
    return this.conversation;
  }

  get model(): ModelSlot {
    return this.host.memento.get<ModelSlot>(MODEL_KEY) ?? this.host.settings().defaultModel;
  }

  get thinkingLevel(): ThinkingLevel {
    return this.host.memento.get<ThinkingLevel>(THINKING_KEY) ?? this.host.settings().thinkingLevel;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  async setModel(model: ModelSlot): Promise<void> {
    await this.host.memento.update(MODEL_KEY, model);
    this.broadcast({ type: 'models', models: this.gateway.models(), model, thinkingLevel: this.thinkingLevel });
    this.contextSource?.refresh();
    this.host.onChatsChanged(this.conversation);
  }

  setContextSource(source: ContextSource): void {
    this.contextSource = source;
  }

  /** Shows the chips of what goes with the next turn; kept for views that load later. */
  postContext(chips: readonly ContextChipView[], includeOpenEditors: boolean): void {
    this.lastContext = { type: 'context', chips, includeOpenEditors };
    this.broadcast(this.lastContext);
  }

  /** Re-sends the model list (after a settings change). */
  refreshModels(): void {
    this.broadcast({ type: 'models', models: this.gateway.models(), model: this.model, thinkingLevel: this.thinkingLevel });
  }

  async handle(message: WebviewMessage, surface: ChatSurface): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.ensureLoaded();
        surface.post(this.initMessage());
        if (this.lastContext) surface.post(this.lastContext);
        // Chips are only planned while a chat is shown: they may be missing or stale.
        this.contextSource?.refresh();
        return;
      case 'send':
        return this.send(message.text, message.images);
      case 'stop':
        return this.stop();
      case 'regenerate':
        return this.regenerate(message.messageId);
      case 'editResend':
        return this.editResend(message.messageId, message.text);
      case 'retry':
        return this.retry();
      case 'newChat':
        return this.newChat();
      case 'showHistory':
        return this.postHistory(surface);
      case 'openChat':
        return this.openChat(message.chatId);
      case 'deleteChat':
        return this.deleteChat(message.chatId, surface);
      case 'exportChat':
        return this.host.exportChat(this.conversation);
      case 'setModel':
        return this.setModel(message.model);
      case 'setThinkingLevel':
        await this.host.memento.update(THINKING_KEY, message.level);
        return;
      case 'codeAction':
        return this.host.codeAction(message.action, message.code, message.language);
      case 'copy':
        return this.host.copy(message.text);
      case 'openLink':
        return this.host.openLink(message.href, message.text);
      case 'hostAction':
        return this.host.runCommand(
          message.action === 'setKey' ? 'tandem.setApiKey' : message.action === 'testConnection' ? 'tandem.testConnection' : 'tandem.openSettings',
        );
      case 'removeContext':
        return this.contextSource?.remove(message.chipId);
      case 'setIncludeOpenEditors':
        return this.contextSource?.setIncludeOpenEditors(message.include);
      case 'pickContextFile':
        return this.contextSource?.pickFile();
    }
  }

  /** Sends a prompt as if typed in the composer (code actions, Ask About Selection). */
  async send(text: string, images: readonly ImageAttachment[] = [], context?: string): Promise<void> {
    if (!text.trim() && images.length === 0) return;
    if (this.running) {
      this.broadcast({ type: 'notice', level: 'warning', text: 'Tandem is still answering. Press Stop first, or wait for the answer.' });
      return;
    }
    await this.ensureLoaded();
    const slot = this.model;
    const contextText = context ?? (await this.safeContext(text, slot));
    const userMessage: StoredMessage = { id: randomUUID(), role: 'user', text, images: images.length ? images : undefined, context: contextText, createdAt: Date.now() };
    this.conversation = appendMessage(this.conversation, userMessage);
    this.broadcast({ type: 'messageAdded', message: toMessageView(userMessage) });
    await this.persist();
    this.startAnswer(slot);
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.abort.abort();
    await running.done;
  }

  async newChat(): Promise<void> {
    await this.stop();
    this.conversation = emptyConversation(randomUUID(), Date.now());
    await this.host.memento.update(LAST_CHAT_KEY, this.conversation.id);
    this.broadcast({ type: 'chat', chat: toChatView(this.conversation), busy: false });
    this.host.onChatsChanged(this.conversation);
  }

  async openChat(chatId: string): Promise<void> {
    const chat = await this.store.get(chatId);
    if (!chat) {
      this.broadcast({ type: 'notice', level: 'error', text: 'That chat no longer exists.' });
      return;
    }
    await this.stop();
    this.conversation = chat;
    await this.host.memento.update(LAST_CHAT_KEY, chat.id);
    this.broadcast({ type: 'chat', chat: toChatView(chat), busy: false });
    this.host.onChatsChanged(this.conversation);
  }

  async postHistory(surface?: ChatSurface): Promise<void> {
    const message: HostMessage = { type: 'history', chats: await this.store.list(), currentId: this.conversation.id };
    if (surface) surface.post(message);
    else this.broadcast(message);
  }

  private async deleteChat(chatId: string, surface: ChatSurface): Promise<void> {
    if (chatId === this.conversation.id) await this.newChat();
    await this.store.delete(chatId);
    await this.postHistory(surface);
  }

  private async regenerate(messageId: string): Promise<void> {
    const target = this.conversation.messages.find((m) => m.id === messageId);
    if (!target || target.role !== 'assistant' || this.running) return;
    const truncated = truncateBefore(this.conversation, messageId);
    if (!truncated) return;
    this.conversation = truncated;
    this.broadcast({ type: 'chat', chat: toChatView(this.conversation), busy: false });
    this.startAnswer(this.model);
  }

  private async editResend(messageId: string, text: string): Promise<void> {
    const target = this.conversation.messages.find((m) => m.id === messageId);
    if (!target || target.role !== 'user' || this.running || !text.trim()) return;
    const truncated = truncateBefore(this.conversation, messageId);
    if (!truncated) return;
    this.conversation = truncated;
    const edited: StoredMessage = { ...target, id: randomUUID(), text, createdAt: Date.now() };
    this.conversation = appendMessage(this.conversation, edited);
    this.broadcast({ type: 'chat', chat: toChatView(this.conversation), busy: false });
    await this.persist();
    this.startAnswer(this.model);
  }

  private async retry(): Promise<void> {
    const last = this.conversation.messages[this.conversation.messages.length - 1];
    if (last?.role === 'assistant') return this.regenerate(last.id);
    if (last?.role === 'user' && !this.running) this.startAnswer(this.model);
  }

  private startAnswer(slot: ModelSlot): void {
    const abort = new AbortController();
    const messageId = randomUUID();
    const done = this.streamAnswer(slot, messageId, abort.signal)
      .catch((error: unknown) => this.log.error(`Answer failed unexpectedly: ${error instanceof Error ? error.stack ?? error.message : String(error)}`))
      .finally(() => {
        if (this.running?.messageId === messageId) this.running = undefined;
        this.broadcast({ type: 'busy', busy: false });
      });
    this.running = { abort, messageId, done };
  }

  private async streamAnswer(slot: ModelSlot, messageId: string, signal: AbortSignal): Promise<void> {
    const history = toModelMessages(this.conversation.messages);
    let message: StoredMessage = { id: messageId, role: 'assistant', text: '', model: slot, createdAt: Date.now() };
    this.conversation = appendMessage(this.conversation, message);
    this.broadcast({ type: 'messageAdded', message: toMessageView(message) });
    this.broadcast({ type: 'busy', busy: true });

    const deltas = new DeltaBatcher((kind, text) => this.broadcast({ type: 'delta', messageId, kind, text }));
    const limit = this.host.settings().autoContinueLimit;
    let text = '';
    let thoughts = '';
    let usage: Usage | undefined;
    let finish: FinishReason | undefined;
    let error: ErrorView | undefined;
    let providerState: unknown;
    let continuations = 0;

    for (;;) {
      const messages: ChatMessage[] =
        continuations === 0
          ? history
          : [...history, { role: 'assistant', parts: [{ kind: 'text', text }] }, { role: 'user', parts: [{ kind: 'text', text: CONTINUE_INSTRUCTION }] }];
      const joiner = continuations > 0 ? new ContinuationJoiner(text) : undefined;
      let roundUsage: Usage | undefined;
      finish = undefined;
      for await (const chunk of this.gateway.stream({ slot, system: CHAT_SYSTEM_PROMPT, messages, thinkingLevel: this.thinkingLevel }, signal)) {
        switch (chunk.type) {
          case 'text': {
            const shown = joiner ? joiner.push(chunk.text) : chunk.text;
            text += shown;
            deltas.push('text', shown);
            break;
          }
          case 'thought':
            thoughts += chunk.text;
            deltas.push('thought', chunk.text);
            break;
          case 'usage':
            roundUsage = chunk.usage;
            break;
          case 'finish':
            finish = chunk.reason;
            providerState = chunk.providerState;
            break;
          case 'error':
            error = { kind: chunk.error.kind, message: chunk.error.message, action: chunk.error.action };
            break;
        }
      }
      if (joiner) {
        const rest = joiner.flush();
        text += rest;
        deltas.push('text', rest);
      }
      if (roundUsage) usage = addUsage(usage, roundUsage);
      if (finish === 'length' && !error && !signal.aborted && continuations < limit) {
        continuations++;
        this.log.info(`Answer reached the output limit; continuing (${continuations}/${limit}).`);
        continue;
      }
      break;
    }
    deltas.flush();

    const usageView: UsageView | undefined = usage ? { ...usage, costUsd: this.gateway.costUsd(slot, usage) } : undefined;
    message = {
      ...message,
      text,
      thoughts: thoughts || undefined,
      usage: usageView,
      finish,
      error,
      continuations: continuations || undefined,
      providerState,
    };
    this.conversation = replaceMessage(this.conversation, message);
    this.broadcast({ type: 'messageDone', message: toMessageView(message), totalCostUsd: totalCost(this.conversation) });
    if (error && error.kind !== 'cancelled') this.log.warn(`Answer from ${this.gateway.label(slot)} ended with ${error.kind}: ${error.message}`);
    await this.persist();
    this.host.onChatsChanged(this.conversation);
  }

  private async safeContext(question: string, slot: ModelSlot): Promise<string | undefined> {
    try {
      return await this.host.contextForTurn(question, slot);
    } catch (error) {
      this.log.warn(`Could not gather context: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private initMessage(): HostMessage {
    return {
      type: 'init',
      chat: toChatView(this.conversation),
      models: this.gateway.models(),
      model: this.model,
      thinkingLevel: this.thinkingLevel,
      busy: this.busy,
    };
  }

  private ensureLoaded(): Promise<void> {
    this.loaded ??= (async () => {
      const lastId = this.host.memento.get<string>(LAST_CHAT_KEY);
      const last = lastId ? await this.store.get(lastId) : undefined;
      if (last && this.conversation.messages.length === 0) this.conversation = last;
    })();
    return this.loaded;
  }

  private async persist(): Promise<void> {
    try {
      await this.store.save(this.conversation);
      await this.host.memento.update(LAST_CHAT_KEY, this.conversation.id);
    } catch (error) {
      this.log.error(`Could not save the chat: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private broadcast(message: HostMessage): void {
    for (const surface of this.surfaces) surface.post(message);
  }

  dispose(): void {
    this.running?.abort.abort();
    this.surfaces.clear();
  }
}

function addUsage(a: Usage | undefined, b: Usage): Usage {
  if (!a) return b;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    thoughtTokens: a.thoughtTokens + b.thoughtTokens,
    cachedTokens: a.cachedTokens + b.cachedTokens,
  };
}

