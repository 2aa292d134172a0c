// One answer's lifecycle, from the moment it is asked for: claimed synchronously (so its Stop exists before any
// await), prepared (context, the user message), streamed with auto-continuation and batched deltas, then saved.
import { randomUUID } from 'node:crypto';
import { runAnswer } from '../../core/chat/answer';
import { appendMessage, replaceMessage, toModelMessages, totalCost } from '../../core/chat/conversation';
import { DeltaBatcher } from '../../core/chat/deltaBatcher';
import type { Conversation, StoredMessage, StoredUsage } from '../../core/chat/types';
import type { ModelSlot, ThinkingLevel } from '../../core/vocabulary';
import type { HostMessage } from '../../shared/protocol';
import { firstLatencyMark } from '../latencyMarks';
import type { Log } from '../log';
import { toMessageView } from './chatViewModel';
import type { ModelGateway } from './modelGateway';

/** What a turn reads and writes of the chat it belongs to. */
export interface TurnScope {
  readonly gateway: ModelGateway;
  readonly log: Log;
  /** The system prompt for this slot's request (Tandem's own, and the project's instructions). */
  readonly system: (slot: ModelSlot) => Promise<string> | string;
  readonly thinkingLevel: () => ThinkingLevel;
  readonly autoContinueLimit: () => number;
  readonly conversation: () => Conversation;
  readonly update: (next: Conversation) => void;
  readonly post: (message: HostMessage) => void;
  /** Saves the chat; after the answer, also tells the rest of the editor it changed. */
  readonly persist: (answered: boolean) => Promise<void>;
}

export class ChatTurn {
  readonly messageId = randomUUID();
  /** Settles when the turn has ended in every way: streamed, the chat no longer busy, the answer saved. */
  readonly done: Promise<void>;
  private readonly abort = new AbortController();
  private finished!: () => void;

  constructor(private readonly scope: TurnScope) {
    this.done = new Promise<void>((resolve) => (this.finished = resolve));
  }

  stop(): void {
    this.abort.abort();
  }

  /**
   * Prepares the turn and then streams its answer; resolves once the answer has started (or the turn ended
   * before it could). `onEnd` runs once, however the turn ends, as soon as the answer is complete: the save comes
   * after it, so a question asked the moment the answer is shown (a command, a quick Enter) is not refused as "still
   * answering" while a file is written. `done` settles after the save.
   */
  run(prepare: (signal: AbortSignal) => Promise<ModelSlot>, onEnd: () => void): Promise<void> {
    let started!: () => void;
    const answerStarted = new Promise<void>((resolve) => (started = resolve));
    void (async () => {
      let answered = false;
      try {
        const slot = await prepare(this.abort.signal);
        const system = await this.scope.system(slot);
        started();
        await this.stream(slot, system);
        answered = true;
      } catch (error) {
        this.scope.log.error(`Answer failed unexpectedly: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      } finally {
        started();
        onEnd();
      }
      try {
        if (answered) await this.scope.persist(true);
      } finally {
        this.finished();
      }
    })();
    return answerStarted;
  }

  private async stream(slot: ModelSlot, system: string): Promise<void> {
    const { scope, messageId } = this;
    const signal = this.abort.signal;
    const history = toModelMessages(scope.conversation().messages);
    let message: StoredMessage = { id: messageId, role: 'assistant', text: '', model: slot, createdAt: Date.now() };
    scope.update(appendMessage(scope.conversation(), message));
    scope.post({ type: 'messageAdded', message: toMessageView(message) });

    const markPosted = firstLatencyMark('firstDeltaPosted');
    const markReceived = firstLatencyMark('firstDelta');
    const deltas = new DeltaBatcher((kind, text) => {
      markPosted();
      scope.post({ type: 'delta', messageId, kind, text });
    });
    const limit = scope.autoContinueLimit();
    const request = { slot, system, thinkingLevel: scope.thinkingLevel() };
    const answer = await runAnswer(history, (messages) => scope.gateway.stream({ ...request, messages }, signal), {
      autoContinueLimit: limit,
      signal,
      onDelta: (kind, text) => {
        markReceived();
        deltas.push(kind, text);
      },
      onStatus: (text) => {
        deltas.flush();
        scope.post({ type: 'status', messageId, text });
      },
      onContinue: (round) => scope.log.info(`Answer reached the output limit; continuing (${round}/${limit}).`),
    });
    deltas.flush();

    const { usage, error } = answer;
    const storedUsage: StoredUsage | undefined = usage ? { ...usage, costUsd: scope.gateway.costUsd(slot, usage) } : undefined;
    message = {
      ...message,
      text: answer.text,
      thoughts: answer.thoughts || undefined,
      usage: storedUsage,
      finish: answer.finish,
      error,
      continuations: answer.continuations || undefined,
      providerState: answer.providerState,
    };
    scope.update(replaceMessage(scope.conversation(), message));
    scope.post({ type: 'messageDone', message: toMessageView(message), totalCostUsd: totalCost(scope.conversation()) });
    if (error) scope.log.warn(`Answer from ${scope.gateway.label(slot)} ended with ${error.kind}: ${error.message}`);
  }
}
