// Persists conversations as one JSON file each plus nothing else: the index is rebuilt from the files, so a
// crash between two writes cannot leave a dangling entry. Storage is injected (VS Code's workspace.fs in the
// extension, a Map in tests). What is read back is checked against the stored format's schemas (types.ts): a
// corrupted or forged file is skipped, never fatal.

import * as v from 'valibot';
import { SAFE_ID, conversationSchema, type Conversation, type ConversationSummary } from './types';

export interface ChatFileSystem {
  list(): Promise<string[]>;
  read(name: string): Promise<string | undefined>;
  write(name: string, content: string): Promise<void>;
  delete(name: string): Promise<void>;
}

const FILE_SUFFIX = '.chat.json';
const FORMAT_VERSION = 1;
const conversationFileSchema = v.object({ version: v.literal(FORMAT_VERSION), conversation: conversationSchema });

export class ConversationStore {
  private readonly cache = new Map<string, Conversation>();
  private loaded = false;

  constructor(private readonly fs: ChatFileSystem) {}

  async list(): Promise<ConversationSummary[]> {
    await this.loadAll();
    return [...this.cache.values()]
      .filter((c) => c.messages.length > 0)
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt, messageCount: c.messages.length }));
  }

  async get(id: string): Promise<Conversation | undefined> {
    await this.loadAll();
    return this.cache.get(id);
  }

  async save(conversation: Conversation): Promise<void> {
    if (!SAFE_ID.test(conversation.id)) throw new Error(`invalid chat id ${conversation.id}`);
    this.cache.set(conversation.id, conversation);
    if (conversation.messages.length === 0) return; // an empty chat is not worth a file
    await this.fs.write(conversation.id + FILE_SUFFIX, JSON.stringify({ version: FORMAT_VERSION, conversation }));
  }

  async delete(id: string): Promise<void> {
    if (!SAFE_ID.test(id)) return;
    this.cache.delete(id);
    await this.fs.delete(id + FILE_SUFFIX);
  }

  private async loadAll(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    const names = (await this.fs.list()).filter((n) => n.endsWith(FILE_SUFFIX));
    await Promise.all(
      names.map(async (name) => {
        const parsed = parseConversationFile(await this.fs.read(name));
        if (parsed && !this.cache.has(parsed.id)) this.cache.set(parsed.id, parsed);
      }),
    );
  }
}

export function parseConversationFile(content: string | undefined): Conversation | undefined {
  if (!content) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(conversationFileSchema, data, { abortEarly: true });
  return parsed.success ? parsed.output.conversation : undefined;
}
