import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import { appendMessage, emptyConversation, replaceMessage, toChatView, toMessageView, toModelMessages, totalCost, truncateBefore } from '../../core/chat/conversation';
import { runAnswer } from '../../core/chat/answer';
import { DeltaBatcher } from '../../core/chat/deltaBatcher';
import type { ConversationStore } from '../../core/chat/store';
import type { Conversation, StoredMessage } from '../../core/chat/types';
import type { ModelSlot, ThinkingLevel } from '../../core/providers/types';
import type { ContextChipView, HostMessage, ImageAttachment, UsageView, WebviewMessage } from '../../shared/protocol';
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
  /** Context (files, selection) for a new user turn, as text for the model; gives up when `signal` aborts (Stop). */
  readonly contextForTurn: (question: string, slot: ModelSlot, signal: AbortSignal) => Promise<string | undefined>;
  readonly codeAction: (action: 'insert' | 'apply' | 'save', code: string, language: string) => Promise<void>;
  /** Reviews every file an answer edits, as inline suggestions. */
  readonly applyAnswer: (answer: string) => Promise<void>;
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

/** Where an answer's shell blocks go: the terminal feature registers itself (setTerminalTarget). */
export interface TerminalTarget {
  /** Pastes the block's commands into a terminal without running them. */
  paste(code: string, language: string): Promise<void>;
}

const LAST_CHAT_KEY = 'tandem.lastChatId';
const MODEL_KEY = 'tandem.model';
const THINKING_KEY = 'tandem.thinkingLevel';

/** The turn in progress, from the moment it is asked for: preparing (context, saving) and then streaming. */
interface Running {
  readonly abort: AbortController;
  readonly messageId: string;
  readonly done: Promise<void>;
  readonly finished: () => void;
}

export class ChatController implements ChatMessageHandler, vscode.Disposable {
  private conversation: Conversation = emptyConversation(randomUUID(), Date.now());
  private readonly surfaces = new Set<ChatSurface>();
  private running: Running | undefined;
  private loaded: Promise<void> | undefined;
  private contextSource: ContextSource | undefined;
  private terminalTarget: TerminalTarget | undefined;
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

  setTerminalTarget(target: TerminalTarget | undefined): void {
    this.terminalTarget = target;
  }

  /** Shows the chips of what goes with the next turn; kept for views that load later. */
  postContext(chips: readonly ContextChipView[], includeOpenEditors: boolean, approximate = false): void {
    this.lastContext = { type: 'context', chips, includeOpenEditors, approximate };
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
      case 'runInTerminal':
        if (this.terminalTarget) return this.terminalTarget.paste(message.code, message.language);
        surface.post({ type: 'notice', level: 'warning', text: 'Run in Terminal is not available in this window.' });
        return;
      case 'applyAnswerEdits': {
        const answer = this.conversation.messages.find((m) => m.id === message.messageId && m.role === 'assistant');
        return answer ? this.host.applyAnswer(answer.text) : undefined;
      }
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

  /**
   * Sends a prompt as if typed in the composer (code actions, Ask About Selection). The turn and its Stop exist
   * before anything is awaited, so a second send (the composer and a command at once) is refused, and a Stop
   * while context is gathered reaches the gathering. Resolves once the answer has started.
   */
  async send(text: string, images: readonly ImageAttachment[] = [], context?: string): Promise<void> {
    if (!text.trim() && images.length === 0) return;
    const turn = this.begin(true);
    if (!turn) return;
    await this.run(turn, async (signal) => {
      await this.ensureLoaded();
      const slot = this.model;
      const contextText = context ?? (await this.safeContext(text, slot, signal));
      const userMessage: StoredMessage = { id: randomUUID(), role: 'user', text, images: images.length ? images : undefined, context: contextText, createdAt: Date.now() };
      this.conversation = appendMessage(this.conversation, userMessage);
      this.broadcast({ type: 'messageAdded', message: toMessageView(userMessage) });
      await this.persist();
      return slot;
    });
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
    if (!target || target.role !== 'assistant') return;
    const truncated = truncateBefore(this.conversation, messageId);
    const turn = truncated && this.begin(false);
    if (!turn) return;
    this.conversation = truncated;
    this.broadcast({ type: 'chat', chat: toChatView(this.conversation), busy: true });
    await this.run(turn, async () => this.model);
  }

  private async editResend(messageId: string, text: string): Promise<void> {
    const target = this.conversation.messages.find((m) => m.id === messageId);
    if (!target || target.role !== 'user' || !text.trim()) return;
    const truncated = truncateBefore(this.conversation, messageId);
    const turn = truncated && this.begin(false);
    if (!turn) return;
    const edited: StoredMessage = { ...target, id: randomUUID(), text, createdAt: Date.now() };
    this.conversation = appendMessage(truncated, edited);
    this.broadcast({ type: 'chat', chat: toChatView(this.conversation), busy: true });
    await this.run(turn, async () => {
      await this.persist();
      return this.model;
    });
  }

  private async retry(): Promise<void> {
    const last = this.conversation.messages[this.conversation.messages.length - 1];
    if (last?.role === 'assistant') return this.regenerate(last.id);
    const turn = last?.role === 'user' && this.begin(false);
    if (turn) await this.run(turn, async () => this.model);
  }

  /** Claims the chat for a new turn, synchronously; undefined (and, if `tell`, a notice) while one is running. */
  private begin(tell: boolean): Running | undefined {
    if (this.running) {
      if (tell) this.broadcast({ type: 'notice', level: 'warning', text: 'Tandem is still answering. Press Stop first, or wait for the answer.' });
      return undefined;
    }
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    this.running = { abort: new AbortController(), messageId: randomUUID(), done, finished };
    this.broadcast({ type: 'busy', busy: true });
    return this.running;
  }

  /** Prepares the turn (context, the user message) and then streams its answer; resolves once the answer started. */
  private run(turn: Running, prepare: (signal: AbortSignal) => Promise<ModelSlot>): Promise<void> {
    let started!: () => void;
    const answerStarted = new Promise<void>((resolve) => (started = resolve));
    void (async () => {
      try {
        const slot = await prepare(turn.abort.signal);
        started();
        await this.streamAnswer(slot, turn.messageId, turn.abort.signal);
      } catch (error) {
        this.log.error(`Answer failed unexpectedly: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      } finally {
        started();
        if (this.running === turn) this.running = undefined;
        this.broadcast({ type: 'busy', busy: false });
        turn.finished();
      }
    })();
    return answerStarted;
  }

  private async streamAnswer(slot: ModelSlot, messageId: string, signal: AbortSignal): Promise<void> {
    const history = toModelMessages(this.conversation.messages);
    let message: StoredMessage = { id: messageId, role: 'assistant', text: '', model: slot, createdAt: Date.now() };
    this.conversation = appendMessage(this.conversation, message);
    this.broadcast({ type: 'messageAdded', message: toMessageView(message) });

    const deltas = new DeltaBatcher((kind, text) => this.broadcast({ type: 'delta', messageId, kind, text }));
    const limit = this.host.settings().autoContinueLimit;
    const answer = await runAnswer(history, (messages) => this.gateway.stream({ slot, system: CHAT_SYSTEM_PROMPT, messages, thinkingLevel: this.thinkingLevel }, signal), {
      autoContinueLimit: limit,
      signal,
      onDelta: (kind, text) => deltas.push(kind, text),
      onStatus: (text) => {
        deltas.flush();
        this.broadcast({ type: 'status', messageId, text });
      },
      onContinue: (round) => this.log.info(`Answer reached the output limit; continuing (${round}/${limit}).`),
    });
    deltas.flush();

    const { usage, error } = answer;
    const usageView: UsageView | undefined = usage ? { ...usage, costUsd: this.gateway.costUsd(slot, usage) } : undefined;
    message = {
      ...message,
      text: answer.text,
      thoughts: answer.thoughts || undefined,
      usage: usageView,
      finish: answer.finish,
      error,
      continuations: answer.continuations || undefined,
      providerState: answer.providerState,
    };
    this.conversation = replaceMessage(this.conversation, message);
    this.broadcast({ type: 'messageDone', message: toMessageView(message), totalCostUsd: totalCost(this.conversation) });
    if (error) this.log.warn(`Answer from ${this.gateway.label(slot)} ended with ${error.kind}: ${error.message}`);
    await this.persist();
    this.host.onChatsChanged(this.conversation);
  }

  private async safeContext(question: string, slot: ModelSlot, signal: AbortSignal): Promise<string | undefined> {
    try {
      return await this.host.contextForTurn(question, slot, signal);
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
