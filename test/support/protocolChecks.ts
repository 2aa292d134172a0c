// Both directions of the host↔webview protocol checked in tests: what the host posts against the host message
// schema (the host is trusted, so only tests check it), what the webview posts against the check the real host
// applies (parseFromWebview), so a message the host would drop fails the test that made the webview send it.
import * as v from 'valibot';
import { hostMessageSchema } from '../../src/shared/hostMessages';
import type { HostMessage } from '../../src/shared/protocol';
import { parseFromWebview, type WebviewMessage } from '../../src/shared/webviewMessages';

/** The message itself, once it matches the host message schema exactly; throws with the first problem otherwise. */
export function conforming(message: HostMessage): HostMessage {
  const result = v.safeParse(hostMessageSchema, message);
  if (!result.success) {
    const issue = result.issues[0];
    throw new Error(`The host posted a ${message.type} message the protocol does not allow: ${v.getDotPath(issue) ?? '(message)'}: ${issue.message}`);
  }
  return message;
}

/** The messages themselves, once the host would accept each; throws with the host's reason otherwise. */
export function acceptedByHost<T extends WebviewMessage>(messages: T[]): T[] {
  for (const message of messages) {
    const parsed = parseFromWebview(message);
    if (!parsed.ok) throw new Error(`The webview posted a message the host refuses (${parsed.reason}): ${JSON.stringify(message).slice(0, 200)}`);
  }
  return messages;
}
