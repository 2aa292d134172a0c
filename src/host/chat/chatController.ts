import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import { appendMessage, emptyConversation, truncateBefore } from '../../core/chat/conversation';
import type { ConversationStore } from '../../core/chat/store';
import { CHAT_SYSTEM_PROMPT } from '../../core/chat/systemPrompt';
import type { Conversation, StoredMessage } from '../../core/chat/types';
import type { ImageAttachment, ModelSlot, ThinkingLevel } from '../../core/vocabulary';
import { ACTION_BUTTONS } from '../../shared/actionButtons';
import type { HostMessage, KnowledgeHostMessage, WebviewMessage } from '../../shared/protocol';
import { DisposableBase } from '../disposables';
import type { ChatKnowledge } from '../knowledge/chatKnowledge';
import type { Log } from '../log';
import type { ModelChoice } from '../providers/modelChoice';
import { ChatTurn } from './chatTurn';
import type { ChatMessageHandler, ChatSurface } from './chatSurface';
import { toChatView, toMessageView } from './chatViewModel';
import type { ModelGateway } from './modelGateway';
import { latencyMark } from '../latencyMarks';

/** Everything the chat asks of the editor, so the controller stays testable and the wiring stays in one place. */
export interface ChatHost {
  readonly settings: () => { autoContinueLimit: number };
  readonly codeAction: (action: 'insert' | 'apply' | 'save', code: string, language: string) => Promise<void>;
  /** Reviews every file an answer edits, as inline suggestions. */
  readonly applyAnswer: (answer: string) => Promise<void>;
  readonly openLink: (href: string, text: string) => Promise<void>;
  readonly copy: (text: string) => Promise<void>;
  readonly runCommand: (command: string) => Promise<void>;
  readonly exportChat: (conversation: Conversation) => Promise<void>;
  readonly onChatsChanged: (conversation: Conversation) => void;
  readonly memento: Pick<vscode.Memento, 'get' | 'update'>;
  readonly knowledge?: ChatKnowledge; // host/knowledge: the project's instructions, slash commands, @folder
}

/** What the chat asks of the context: the text for a turn, and the chips (which it publishes when they change). */
export interface ChatContext {
  /** Context (files, selection) for a new user turn, as text for the model; gives up when `signal` aborts (Stop). */
  forTurn(question: string, slot: ModelSlot, signal: AbortSignal): Promise<string | undefined>;
  remove(chipId: string): Promise<void>;
  setIncludeOpenEditors(include: boolean): Promise<void>;
  pickFile(): Promise<void>;
  /** The chat as it is now: chips are planned only while one is shown, within what its history leaves. */
  follow(chat: { readonly shown: boolean; readonly history: readonly StoredMessage[] }): void;
  onDidChangeChips(listener: (chips: ChipsMessage) => void): vscode.Disposable;
}

export type ChipsMessage = Extract<HostMessage, { type: 'context' }>;

/** Where an answer's shell blocks go: the terminal feature registers itself (setTerminalTarget). */
export interface TerminalTarget {
  /** Pastes the block's commands into a terminal without running them. */
  paste(code: string, language: string): Promise<void>;
}

const LAST_CHAT_KEY = 'tandem.lastChatId';

export class ChatController extends DisposableBase implements ChatMessageHandler {
  private conversation: Conversation = emptyConversation(randomUUID(), Date.now());
  private readonly surfaces = new Set<ChatSurface>();
  private running: ChatTurn | undefined;
  private loaded: Promise<void> | undefined;
  private terminalTarget: TerminalTarget | undefined;
  private lastContext: HostMessage | undefined;
  private readonly lastKnowledge = new Map<KnowledgeHostMessage['type'], KnowledgeHostMessage>();
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ConversationStore,
    private readonly gateway: ModelGateway,
    private readonly choice: ModelChoice,
    private readonly context: ChatContext,
    private readonly host: ChatHost,
    private readonly log: Log,
  ) {
    super();
    this.own(
      context.onDidChangeChips((message) => {
        this.lastContext = message;
        this.broadcast(message);
      }),
    );
    this.own(
      choice.onDidChange(() => {
        this.refreshModels();
        this.host.onChatsChanged(this.conversation);
      }),
    );
  }

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
    return this.choice.slot;
  }

  get thinkingLevel(): ThinkingLevel {
    return this.choice.thinkingLevel;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** host/knowledge's messages: the rules chip and slash commands are kept for views that load later. */
  postKnowledge(message: KnowledgeHostMessage | Extract<HostMessage, { type: 'notice' | 'prefill' }>): void {
    if (message.type !== 'notice' && message.type !== 'prefill') this.lastKnowledge.set(message.type, message);
    this.broadcast(message);
  }

  setTerminalTarget(target: TerminalTarget | undefined): void {
    this.terminalTarget = target;
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
        for (const kept of [this.lastContext, ...this.lastKnowledge.values()]) if (kept) surface.post(kept);
        // Chips are only planned while a chat is shown: they may be missing or stale.
        this.followed();
        return;
      case 'send':
        latencyMark('sendReceived');
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
        return this.choice.setSlot(message.model);
      case 'setThinkingLevel':
        return this.choice.setThinkingLevel(message.level);
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
        return this.host.runCommand(ACTION_BUTTONS[message.action].command);
      case 'removeContext':
        return this.context.remove(message.chipId);
      case 'setIncludeOpenEditors':
        return this.context.setIncludeOpenEditors(message.include);
      case 'pickContextFile':
        return this.context.pickFile();
      case 'openInstructionFile':
      case 'setRulesEnabled':
        return this.host.knowledge?.handle(message);
    }
  }

  /**
   * Sends a prompt as if typed in the composer (code actions, Ask About Selection). The turn and its Stop exist
   * before anything is awaited, so a second send (the composer and a command at once) is refused, and a Stop
   * while context is gathered reaches the gathering. Resolves once the answer has started.
   */
  async send(typed: string, images: readonly ImageAttachment[] = [], context?: string): Promise<void> {
    if (!typed.trim() && images.length === 0) return;
    // A /command or an @folder is expanded first (it may ask); a plain question claims its turn with no await.
    const text = this.host.knowledge?.needsPreparation(typed) && !this.running ? await this.host.knowledge.prepareMessage(typed) : typed;
    if (text === undefined) return;
    const turn = this.begin(true);
    if (!turn) return;
    await this.run(turn, async (signal) => {
      await this.ensureLoaded();
      const slot = this.model;
      const contextText = context ?? (await this.safeContext(text, slot, signal));
      const userMessage: StoredMessage = { id: randomUUID(), role: 'user', text, images: images.length ? images : undefined, context: contextText, createdAt: Date.now() };
      this.update(appendMessage(this.conversation, userMessage));
      this.broadcast({ type: 'messageAdded', message: toMessageView(userMessage) });
      // Saved while the request goes out: the save is a file write and a workspace-state round trip through the
      // window (~40 ms in code-server, bench/latency.ts), and it serializes the whole chat first (~3 ms at 20 turns),
      // so it starts a macrotask later, once the request's own microtask steps have run. Each save writes the chat
      // as it is then, and persist() runs them in order, so the answer's lands last.
      setImmediate(() => void this.persist());
      return slot;
    });
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.stop();
    await running.done;
  }

  async newChat(): Promise<void> {
    await this.stop();
    this.update(emptyConversation(randomUUID(), Date.now()));
    // Shown before the workspace-state write (a round trip through the window): a question sent meanwhile
    // belongs to this chat, and a later full `chat` message would wipe its live answer's status.
    this.broadcast({ type: 'chat', chat: toChatView(this.conversation), busy: false });
    this.host.onChatsChanged(this.conversation);
    await this.host.memento.update(LAST_CHAT_KEY, this.conversation.id);
  }

  async openChat(chatId: string): Promise<void> {
    const chat = await this.store.get(chatId);
    if (!chat) {
      this.broadcast({ type: 'notice', level: 'error', text: 'That chat no longer exists.' });
      return;
    }
    await this.stop();
    this.update(chat);
    this.broadcast({ type: 'chat', chat: toChatView(chat), busy: false });
    this.host.onChatsChanged(this.conversation);
    await this.host.memento.update(LAST_CHAT_KEY, chat.id);
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
    this.update(truncated);
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
    this.update(appendMessage(truncated, edited));
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
  private begin(tell: boolean): ChatTurn | undefined {
    if (this.running) {
      this.log.info('A question came while an answer was still streaming: not sent.');
      if (tell) this.broadcast({ type: 'notice', level: 'warning', text: 'Tandem is still answering. Press Stop first, or wait for the answer.' });
      return undefined;
    }
    this.running = new ChatTurn({
      gateway: this.gateway,
      log: this.log,
      system: (slot) => this.host.knowledge?.systemPrompt(CHAT_SYSTEM_PROMPT, slot) ?? CHAT_SYSTEM_PROMPT,
      thinkingLevel: () => this.thinkingLevel,
      autoContinueLimit: () => this.host.settings().autoContinueLimit,
      conversation: () => this.conversation,
      update: (next) => this.update(next),
      post: (message) => this.broadcast(message),
      persist: async (answered) => {
        await this.persist();
        if (answered) this.host.onChatsChanged(this.conversation);
      },
    });
    this.broadcast({ type: 'busy', busy: true });
    return this.running;
  }

  /** Prepares the turn (context, the user message) and then streams its answer; resolves once the answer started. */
  private run(turn: ChatTurn, prepare: (signal: AbortSignal) => Promise<ModelSlot>): Promise<void> {
    return turn.run(prepare, () => {
      if (this.running === turn) this.running = undefined;
      this.broadcast({ type: 'busy', busy: false });
    });
  }

  /** Every change of the conversation goes through here, so the context always plans for the chat on screen. */
  private update(next: Conversation): void {
    this.conversation = next;
    this.followed();
  }

  private followed(): void {
    this.context.follow({ shown: this.shown, history: this.conversation.messages });
  }

  private async safeContext(question: string, slot: ModelSlot, signal: AbortSignal): Promise<string | undefined> {
    try {
      const context = await this.context.forTurn(question, slot, signal);
      return this.host.knowledge ? this.host.knowledge.withFolderContext(question, context) : context;
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
      if (last && this.conversation.messages.length === 0) this.update(last);
    })();
    return this.loaded;
  }

  /** Settles once every save asked for so far has landed (the window waits for it when it closes or reloads). */
  saved(): Promise<void> {
    return this.saving;
  }

  /**
   * Saves the chat as it is now, after every save asked for before it, so an earlier save never lands over a later
   * one. The chat is taken now: an answer's save may wait behind another while the user has moved to a new chat.
   */
  private persist(): Promise<void> {
    const chat = this.conversation;
    this.saving = this.saving.then(() => this.save(chat));
    return this.saving;
  }

  private async save(chat: Conversation): Promise<void> {
    try {
      await this.store.save(chat);
      // The chat to reopen is the one shown: a save that lands after New Chat does not point back at the old one.
      if (chat.id === this.conversation.id) await this.host.memento.update(LAST_CHAT_KEY, chat.id);
    } catch (error) {
      this.log.error(`Could not save the chat: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private broadcast(message: HostMessage): void {
    for (const surface of this.surfaces) surface.post(message);
  }

  override dispose(): void {
    this.running?.stop();
    this.surfaces.clear();
    super.dispose();
  }
}
