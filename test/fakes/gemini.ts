// Gemini streamGenerateContent?alt=sse replies: answer chunks, thoughts, cumulative usage, finish reasons, errors.
import { jsonReply, pieces, sseReply, type Framing, type SseEvent } from './sse';
import type { RecordedRequest, Reply } from './server';

export interface GeminiAnswer {
  readonly text: string;
  readonly thoughts?: string;
  readonly finishReason?: string | null;
  readonly pieceSize?: number;
  readonly promptTokens?: number;
  readonly thoughtTokens?: number;
  /** Prompt tokens served from the implicit cache (part of promptTokens). */
  readonly cachedTokens?: number;
  readonly thoughtSignature?: string;
}

function usage(prompt: number, output: number, thoughts: number, cached = 0) {
  return {
    promptTokenCount: prompt,
    candidatesTokenCount: output,
    thoughtsTokenCount: thoughts,
    totalTokenCount: prompt + output + thoughts,
    ...(cached ? { cachedContentTokenCount: cached } : {}),
  };
}

/** The JSON chunks of a streamed answer: thought summaries first, then text, usage growing on each chunk. */
export function geminiChunks(answer: GeminiAnswer): Record<string, unknown>[] {
  const chunks: Record<string, unknown>[] = [];
  const prompt = answer.promptTokens ?? 12;
  const thoughtTokens = answer.thoughtTokens ?? (answer.thoughts ? 20 : 0);
  if (answer.thoughts) {
    chunks.push({ candidates: [{ content: { role: 'model', parts: [{ text: answer.thoughts, thought: true }] }, index: 0 }], usageMetadata: usage(prompt, 0, thoughtTokens) });
  }
  const textPieces = pieces(answer.text, answer.pieceSize ?? 8);
  let emitted = 0;
  textPieces.forEach((piece, i) => {
    emitted += piece.length;
    const last = i === textPieces.length - 1;
    const part: Record<string, unknown> = { text: piece };
    if (last && answer.thoughtSignature) part.thoughtSignature = answer.thoughtSignature;
    const candidate: Record<string, unknown> = { content: { role: 'model', parts: [part] }, index: 0 };
    if (last && answer.finishReason !== null) candidate.finishReason = answer.finishReason ?? 'STOP';
    chunks.push({ candidates: [candidate], usageMetadata: usage(prompt, Math.ceil(emitted / 4), thoughtTokens, answer.cachedTokens), modelVersion: 'gemini-3.1-flash-lite' });
  });
  return chunks;
}

export function geminiReply(answer: GeminiAnswer, framing: Framing = { eol: '\r\n' }): Reply {
  return sseReply(geminiChunks(answer).map((c) => JSON.stringify(c)), framing);
}

/** A non-200 Google error. `wrapInArray` mimics the array-wrapped form some endpoints return. */
export function geminiError(status: number, statusName: string, message: string, details: unknown[] = [], wrapInArray = false): Reply {
  const body = { error: { code: status, message, status: statusName, details } };
  return jsonReply(status, wrapInArray ? [body] : body);
}

export function geminiRateLimited(retryDelay = '0.05s'): Reply {
  return geminiError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
  ]);
}

/** Text first, then an error object as a bare JSON line (no "data:"), then the connection ends. */
export function geminiMidStreamError(textBefore: string, framing: Framing = { eol: '\r\n' }): Reply {
  const events: SseEvent[] = geminiChunks({ text: textBefore, finishReason: null }).map((c) => JSON.stringify(c));
  events.push({ raw: `{"error": {"code": 500, "message": "Internal error encountered.", "status": "INTERNAL"}}${framing.eol ?? '\n'}` });
  return sseReply(events, framing);
}

export function geminiPromptBlocked(reason = 'PROHIBITED_CONTENT'): Reply {
  return sseReply([JSON.stringify({ promptFeedback: { blockReason: reason }, usageMetadata: usage(9, 0, 0) })], { eol: '\r\n' });
}

/** What the e2e tests read of a streamGenerateContent request body. */
export interface GeminiRequestBody {
  systemInstruction?: { parts: { text: string }[] };
  contents: { role: string; parts: { text?: string }[] }[];
  generationConfig?: { maxOutputTokens: number; thinkingConfig?: { thinkingLevel: string } };
}

/** The text of a request's newest user turn (earlier turns keep their own context in the history). */
export function lastUserText(request: RecordedRequest): string {
  const turns = request.json<GeminiRequestBody>().contents.filter((c) => c.role === 'user');
  return turns[turns.length - 1].parts.map((p) => p.text ?? '').join('');
}

/** The request's system instruction as one text ('' without one). */
export function systemText(request: RecordedRequest): string {
  return request.json<GeminiRequestBody>().systemInstruction?.parts.map((p) => p.text).join('') ?? '';
}
