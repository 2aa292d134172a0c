// Turns HTTP failures and stream errors into typed errors whose message says what to do next.

import type { ProviderErrorInfo } from './types';
import { redactSecrets } from './redact';

/** Who the user is talking to, for messages: "Your Gemini API key was rejected." */
export interface ErrorContext {
  readonly providerName: string;
  readonly keyName: string;
  readonly model: string;
  readonly modelSetting: string;
  readonly secret?: string;
}

export interface ServerError {
  readonly status: number;
  /** Google's error.status (RESOURCE_EXHAUSTED) or OpenAI's error.code / type (insufficient_quota). */
  readonly code?: string;
  readonly message?: string;
}

const SET_KEY = "Run 'Tandem: Set API Key'.";

function clean(text: string | undefined, context: ErrorContext): string {
  if (!text) return '';
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return redactSecrets(oneLine.length > 300 ? `${oneLine.slice(0, 299)}…` : oneLine, context.secret ? [context.secret] : []);
}

function isQuotaError(error: ServerError): boolean {
  return error.code === 'insufficient_quota' || /billing|insufficient.?quota|credit balance/i.test(error.message ?? '');
}

function isContextError(error: ServerError): boolean {
  return error.code === 'context_length_exceeded' || /context.?length|maximum (number of )?tokens|too many tokens|input token count.*exceeds/i.test(error.message ?? '');
}

function isKeyError(error: ServerError): boolean {
  return /api key not valid|invalid.?api.?key|incorrect api key|invalid authentication|unauthenticated/i.test(`${error.code ?? ''} ${error.message ?? ''}`);
}

/** Provider names read best mid-sentence ("the Gemini API"); a message still starts with a capital letter. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function typed(error: ProviderErrorInfo): ProviderErrorInfo {
  return { ...error, message: sentence(error.message) };
}

export function httpError(error: ServerError, context: ErrorContext, retryAfterSeconds?: number): ProviderErrorInfo {
  return typed(httpErrorInfo(error, context, retryAfterSeconds));
}

function httpErrorInfo(error: ServerError, context: ErrorContext, retryAfterSeconds?: number): ProviderErrorInfo {
  const detail = clean(error.message, context);
  const base = { status: error.status, reason: error.code };
  const { providerName, keyName } = context;
  if (error.status === 401 || ((error.status === 400 || error.status === 403) && isKeyError(error))) {
    return { ...base, kind: 'auth', action: 'setKey', message: `Your ${keyName} was rejected by ${providerName}. ${SET_KEY}` };
  }
  if (error.status === 403) {
    return { ...base, kind: 'auth', action: 'setKey', message: `${providerName} refused access (403${detail ? `: ${detail}` : ''}). Check that this key may use ${context.model}, or ${SET_KEY.charAt(0).toLowerCase()}${SET_KEY.slice(1)}` };
  }
  // Google words per-minute limits as "quota" too, but then says how long to wait: that is a rate limit.
  if (error.status === 429 && isQuotaError(error) && (error.code === 'insufficient_quota' || retryAfterSeconds === undefined)) {
    return { ...base, kind: 'quota', action: 'none', message: `Your ${providerName} account is out of quota or credit. Check its billing page, then retry.` };
  }
  if (error.status === 429) {
    const wait = retryAfterSeconds !== undefined ? ` Wait about ${Math.ceil(retryAfterSeconds)} s, then retry.` : ' Wait a moment, then retry.';
    return { ...base, kind: 'rate', action: 'retry', message: `${providerName} is limiting the request rate.${wait}` };
  }
  if ((error.status === 400 || error.status === 413) && isContextError(error)) {
    return { ...base, kind: 'context', action: 'none', message: `The chat is longer than ${context.model} accepts. Start a new chat or remove some context.` };
  }
  if (error.status === 404) {
    return { ...base, kind: 'notFound', action: 'openSettings', message: `${providerName} does not offer the model "${context.model}" at this address. Check ${context.modelSetting} and the base URL in Settings.` };
  }
  if (error.status === 408 || error.status === 504) {
    return { ...base, kind: 'timeout', action: 'retry', message: `${providerName} timed out answering. Retry in a moment.` };
  }
  if (error.status >= 500) {
    return { ...base, kind: 'server', action: 'retry', message: `${providerName} had a server error (${error.status}). Retry in a moment.${detail ? ` (${detail})` : ''}` };
  }
  return { ...base, kind: 'badRequest', action: 'none', message: `${providerName} rejected the request (${error.status})${detail ? `: ${detail}` : '.'}` };
}

export function protocolError(what: string, context: ErrorContext): ProviderErrorInfo {
  return typed({
    kind: 'protocol',
    action: 'openSettings',
    message: `Unexpected response from server: ${clean(what, context)}. Check the base URL for ${context.providerName} in Settings.`,
  });
}

/** `midAnswer`: the connection dropped after text arrived, so the server was reachable. */
export function networkError(cause: unknown, origin: string, _context: ErrorContext, midAnswer = false): ProviderErrorInfo {
  const code = errorCode(cause);
  const message = midAnswer
    ? `The connection to ${origin} dropped during the answer${code ? ` (${code})` : ''}. The partial answer is kept; retry to ask again.`
    : `Could not reach ${origin}${code ? ` (${code})` : ''}. Check your connection and proxy settings (http.proxy), then retry.`;
  return typed({ kind: 'network', action: 'retry', reason: code, message });
}

export function timeoutError(phase: 'firstByte' | 'idle', seconds: number, context: ErrorContext): ProviderErrorInfo {
  const setting = phase === 'firstByte' ? 'tandem.network.firstByteTimeoutSeconds' : 'tandem.network.idleTimeoutSeconds';
  const what = phase === 'firstByte' ? 'did not start answering' : 'stopped sending';
  return typed({ kind: 'timeout', action: 'retry', message: `${context.providerName} ${what} for ${seconds} s. Retry, or raise ${setting}.` });
}

export function streamError(serverMessage: string | undefined, code: string | undefined, context: ErrorContext): ProviderErrorInfo {
  return typed({
    kind: 'server',
    action: 'retry',
    reason: code,
    message: `${context.providerName} reported an error while answering${serverMessage ? `: ${clean(serverMessage, context)}` : '.'} The partial answer is kept; retry to ask again.`,
  });
}

/** The cap on one event (see readSse): asking again would download the same oversized stream. */
export const MAX_EVENT_MB = 16;

export function eventTooLargeError(context: ErrorContext): ProviderErrorInfo {
  return typed({
    kind: 'tooLarge',
    action: 'none',
    message: `${context.providerName} sent a stream event larger than ${MAX_EVENT_MB} MB, which Tandem does not read. The partial answer is kept.`,
  });
}

const RETRY_CAUSE: Readonly<Record<'rate' | 'server' | 'network' | 'timeout', (provider: string) => string>> = {
  rate: (provider) => `Rate limited by ${provider}`,
  server: (provider) => `${provider} had a server error`,
  network: (provider) => `Could not reach ${provider}`,
  timeout: (provider) => `${provider} did not answer in time`,
};

/** What the answer shows while the transport waits to try again: "Rate limited by OpenAI — retrying in 3 s (attempt 2 of 3)". */
export function retryNotice(kind: ProviderErrorInfo['kind'], context: ErrorContext, waitMs: number, attempt: number, attempts: number): string {
  const cause = (RETRY_CAUSE[kind as keyof typeof RETRY_CAUSE] ?? RETRY_CAUSE.server)(context.providerName);
  return sentence(`${cause} — retrying in ${Math.max(1, Math.ceil(waitMs / 1000))} s (attempt ${attempt} of ${attempts})`);
}

export const CANCELLED: ProviderErrorInfo = { kind: 'cancelled', action: 'none', message: 'Stopped.' };

function errorCode(cause: unknown): string | undefined {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
