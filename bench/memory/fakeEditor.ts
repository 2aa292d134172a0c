// The few real answers the memory bench's extension host needs from `vscode` (everything else is the stub of
// bench/vscodeStub.ts): file URIs and workspace.fs on a real folder, mementos, an EventEmitter that counts its
// listeners, and a sidebar WebviewView whose webview counts what the host posts and which can be disposed.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

let liveEmitterListeners = 0;

/** Listeners on every CountingEmitter (the product's EventEmitters and the fake views') not removed yet. */
export function emitterListenerCount(): number {
  return liveEmitterListeners;
}

type Listener<T> = (event: T) => unknown;

/** vscode.EventEmitter's contract: `event(listener)` returns a disposable; dispose() drops every listener. */
export class CountingEmitter<T = void> {
  private readonly listeners = new Set<Listener<T>>();

  readonly event = (listener: Listener<T>, thisArg?: unknown, disposables?: { dispose(): void }[]): { dispose(): void } => {
    const entry: Listener<T> = (e) => listener.call(thisArg, e);
    this.listeners.add(entry);
    liveEmitterListeners++;
    const disposable = { dispose: () => void (this.listeners.delete(entry) && liveEmitterListeners--) };
    disposables?.push(disposable);
    return disposable;
  };

  get size(): number {
    return this.listeners.size;
  }

  fire(event: T): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  dispose(): void {
    liveEmitterListeners -= this.listeners.size;
    this.listeners.clear();
  }
}

export interface FileUri {
  readonly scheme: 'file';
  readonly fsPath: string;
  readonly path: string;
  toString(): string;
}

export const fileUri = (fsPath: string): FileUri => ({ scheme: 'file', fsPath, path: fsPath, toString: () => `file://${fsPath}` });

export const Uri = {
  file: fileUri,
  joinPath: (base: FileUri, ...segments: string[]): FileUri => fileUri(path.join(base.fsPath, ...segments)),
};

export const FileType = { File: 1, Directory: 2 } as const;

/** workspace.fs on the real disk: the chat file is read as the extension reads it. */
export const workspaceFs = {
  readDirectory: async (uri: FileUri) =>
    (await fs.readdir(uri.fsPath, { withFileTypes: true })).map((e) => [e.name, e.isDirectory() ? FileType.Directory : FileType.File] as const),
  readFile: async (uri: FileUri) => new Uint8Array(await fs.readFile(uri.fsPath)),
  writeFile: (uri: FileUri, content: Uint8Array) => fs.writeFile(uri.fsPath, content),
  createDirectory: (uri: FileUri) => fs.mkdir(uri.fsPath, { recursive: true }).then(() => undefined),
  delete: (uri: FileUri) => fs.rm(uri.fsPath, { force: true }),
  stat: async (uri: FileUri) => {
    const s = await fs.stat(uri.fsPath);
    return { type: s.isDirectory() ? FileType.Directory : FileType.File, size: s.size, ctime: s.ctimeMs, mtime: s.mtimeMs };
  },
};

export class Memento {
  private readonly values: Map<string, unknown>;
  constructor(initial: Record<string, unknown> = {}) {
    this.values = new Map(Object.entries(initial));
  }
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
  }
}

/** What the host posted to one view: messages by type, and their size as VS Code would serialize them. */
export interface PostedCounts {
  byType: Record<string, number>;
  bytes: number;
}

/** A sidebar chat view as VS Code hands it to resolveWebviewView; `close()` is the user closing it. */
export class FakeWebviewView {
  readonly posted: PostedCounts = { byType: {}, bytes: 0 };
  private readonly received = new CountingEmitter<unknown>();
  private readonly disposed = new CountingEmitter<void>();
  private readonly visibility = new CountingEmitter<void>();
  private initPosted: () => void = () => undefined;
  /** Resolves when the host has posted `init`. */
  readonly initialized = new Promise<void>((resolve) => (this.initPosted = resolve));
  readonly viewType = 'tandem.chatView';
  readonly visible = true;
  readonly onDidDispose = this.disposed.event;
  readonly onDidChangeVisibility = this.visibility.event;
  readonly webview = {
    options: {},
    html: '',
    cspSource: 'https://bench.vscode-resource.invalid',
    asWebviewUri: (uri: FileUri) => uri,
    onDidReceiveMessage: this.received.event,
    postMessage: async (message: { type: string }): Promise<boolean> => {
      this.posted.byType[message.type] = (this.posted.byType[message.type] ?? 0) + 1;
      this.posted.bytes += JSON.stringify(message).length;
      if (message.type === 'init') this.initPosted();
      return true;
    },
  };

  show(): void {}

  /** The webview's script posting a message (the page's `ready`). */
  receive(message: unknown): void {
    this.received.fire(message);
  }

  /** Listeners still on this view's events, i.e. not removed by the code that added them. */
  get listeners(): number {
    return this.received.size + this.disposed.size + this.visibility.size;
  }

  /** The user closes the view: onDidDispose fires; VS Code then drops the view's listeners itself. */
  close(): number {
    this.disposed.fire();
    const left = this.listeners;
    for (const emitter of [this.received, this.disposed, this.visibility]) emitter.dispose();
    return left;
  }
}
