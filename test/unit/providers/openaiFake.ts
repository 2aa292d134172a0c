// The fake server both OpenAI provider files (openai.test.ts, openaiFailures.test.ts) run against, the key and model
// they use, and a provider pointed at the fake.
import { OpenAIChatProvider, type OpenAIChatConfig } from '../../../src/core/providers/openaiChat';
import { FakeServer } from '../../fakes/server';
import { fastTransport, openaiContext } from './helpers';

export const KEY = openaiContext.secret!;
export const MODEL = 'gpt-5.3-chat-latest';

// A live binding the hooks below assign, so a test reads `fake` as if its own file had started the server.
export let fake: FakeServer;

/** Starts the fake before the enclosing describe, empties it after each test and closes it after the describe. */
export function useFakeOpenAI(): void {
  before(async () => {
    fake = await FakeServer.start();
  });
  afterEach(() => fake.reset());
  after(() => fake.close());
}

export const provider = (overrides: Partial<OpenAIChatConfig> = {}) =>
  new OpenAIChatProvider({ baseUrl: fake.url, secret: KEY, context: openaiContext, transport: fastTransport(), ...overrides });
