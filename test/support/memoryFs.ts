import type { ChatFileSystem } from '../../src/core/chat/store';

/** Chat storage in memory, for tests of the conversation store and the chat controller. */
export class MemoryFs implements ChatFileSystem {
  readonly files = new Map<string, string>();
  async list() { return [...this.files.keys()]; }
  async read(name: string) { return this.files.get(name); }
  async write(name: string, content: string) { this.files.set(name, content); }
  async delete(name: string) { this.files.delete(name); }
}
