// OpenAI Chat Completions streaming replies: deltas, the final usage chunk, [DONE], finish reasons, errors.
import { jsonReply, pieces, sseReply, type Framing, type SseEvent } from './sse';
import type { Reply } from './server';

export interface OpenAIAnswer {
  readonly text: string;
  readonly finishReason?: string | null;
  readonly pieceSize?: number;
  readonly promptTokens?: number;
  readonly cachedTokens?: number;
  /** Leave off the final `data: [DONE]`. */
  readonly noDone?: boolean;
  readonly model?: string;
}

export function openaiEvents(answer: OpenAIAnswer): SseEvent[] {
  const id = 'chatcmpl-fake';
  const model = answer.model ?? 'gpt-5.3-chat-latest';
  const base = { id, object: 'chat.completion.chunk', created: 1_760_000_000, model };
  const events: SseEvent[] = [JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })];
  for (const piece of pieces(answer.text, answer.pieceSize ?? 8)) {
    events.push(JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] }));
  }
  if (answer.finishReason !== null) {
    events.push(JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: answer.finishReason ?? 'stop' }] }));
    const prompt = answer.promptTokens ?? 15;
    const completion = Math.ceil(answer.text.length / 4);
    events.push(
      JSON.stringify({
        ...base,
        choices: [],
        usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_tokens_details: { cached_tokens: answer.cachedTokens ?? 0 } },
      }),
    );
    if (!answer.noDone) events.push('[DONE]');
  }
  return events;
}

export function openaiReply(answer: OpenAIAnswer, framing: Framing = {}): Reply {
  return sseReply(openaiEvents(answer), framing);
}

export function openaiError(status: number, error: { message: string; type?: string; code?: string | null; param?: string | null }, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { error: { type: 'invalid_request_error', param: null, code: null, ...error } }, headers);
}

export const openaiInvalidKey = (): Reply =>
  openaiError(401, { message: 'Incorrect API key provided: sk-bad***. You can find your API key at https://platform.openai.com/account/api-keys.', code: 'invalid_api_key' });

/** Text, then a mid-stream error in one of its two forms. */
export function openaiMidStreamError(textBefore: string, form: 'data' | 'event'): Reply {
  const events = openaiEvents({ text: textBefore, finishReason: null });
  const error = { message: 'The server had an error while processing your request.', type: 'server_error', code: 'server_error' };
  events.push(form === 'data' ? JSON.stringify({ error }) : { event: 'error', data: JSON.stringify({ error }) });
  return sseReply(events);
}

export function openaiModels(ids: readonly string[]): Reply {
  return jsonReply(200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
}
