// Persists conversations as one JSON file each plus nothing else: the index is rebuilt from the files, so a
// crash between two writes cannot leave a dangling entry. Storage is injected (VS Code's workspace.fs in the
// extension, a Map in tests). What is read back is validated: a corrupted file is skipped, never fatal.

import { IMAGE_MIME_TYPES, type ChatSummary } from '../../shared/protocol';
import type { Conversation, StoredMessage } from './types';

export interface ChatFileSystem {
  list(): Promise<string[]>;
  read(name: string): Promise<string | undefined>;
  write(name: string, content: string): Promise<void>;
  delete(name: string): Promise<void>;
}

const FILE_SUFFIX = '.chat.json';
const FORMAT_VERSION = 1;
const SAFE_ID = /^[\w-]{1,100}$/;

export class ConversationStore {
  private readonly cache = new Map<string, Conversation>();
  private loaded = false;

  constructor(private readonly fs: ChatFileSystem) {}

  async list(): Promise<ChatSummary[]> {
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
  if (!isRecord(data) || data.version !== FORMAT_VERSION || !isRecord(data.conversation)) return undefined;
  const c = data.conversation;
  if (typeof c.id !== 'string' || !SAFE_ID.test(c.id) || typeof c.title !== 'string') return undefined;
  if (typeof c.createdAt !== 'number' || typeof c.updatedAt !== 'number' || !Array.isArray(c.messages)) return undefined;
  if (!c.messages.every(isStoredMessage)) return undefined;
  return c as unknown as Conversation;
}

function isStoredMessage(value: unknown): value is StoredMessage {
  if (!isRecord(value)) return false;
  if (typeof value.id !== 'string' || !SAFE_ID.test(value.id)) return false;
  if (value.role !== 'user' && value.role !== 'assistant') return false;
  if (typeof value.text !== 'string' || typeof value.createdAt !== 'number') return false;
  if (value.thoughts !== undefined && typeof value.thoughts !== 'string') return false;
  if (value.images !== undefined) {
    if (!Array.isArray(value.images)) return false;
    const validImages = value.images.every(
      (i) => isRecord(i) && (IMAGE_MIME_TYPES as readonly unknown[]).includes(i.mimeType) && typeof i.data === 'string',
    );
    if (!validImages) return false;
  }
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
