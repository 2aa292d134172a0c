// The extension-host half of the memory bench, run in its own Node process with --expose-gc (bench/memory.ts forks
// it with the storage folder that holds the stored chat). The production bundle is activated with the stub
// `vscode` (bench/vscodeStub.ts) and the few real answers of fakeEditor.ts; the sidebar view is then opened and
// closed ten times through the real ChatViews → ChatSurface → ChatController path: the first `ready` restores
// the chat from disk into the real ConversationStore. Heap figures are heapUsed after two forced GCs.
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { installVscodeStub, makeStub, stubListenerCount } from '../vscodeStub';
import { CountingEmitter, FakeWebviewView, FileType, Memento, Uri, emitterListenerCount, fileUri, workspaceFs, type PostedCounts } from './fakeEditor';

const ROOT = path.resolve(__dirname, '..', '..');
export const OPENINGS = 10;
const INIT_TIMEOUT_MS = 30_000;
const QUIET_TIMEOUT_MS = 15_000;

export interface HostSample {
  readonly heapUsed: number;
  /** Of heapUsed, compiled code (V8's code space): grows as the JIT optimizes, which is not a leak. */
  readonly codeSpaceUsed: number;
  /** Listeners on the product's EventEmitters and on `vscode.*.onX` events, not disposed. */
  readonly listeners: number;
  /** Chat surfaces the controller still holds. */
  readonly surfaces: number;
}

export interface HostMemory {
  readonly activated: HostSample;
  /** The view open, the chat restored into it. */
  readonly restored: HostSample;
  /** After each of the ten closings. */
  readonly closed: HostSample[];
  /** Per opening: listeners left on the view's own events after it was disposed (VS Code drops these itself). */
  readonly viewListenersLeft: number[];
  readonly firstPosted: PostedCounts;
  readonly restoredMessages: number;
  /** Warnings and errors the extension logged. */
  readonly logged: string[];
}

interface ChatViewProvider {
  resolveWebviewView(view: FakeWebviewView, context: unknown, token: unknown): void;
  /** Private in ChatViews; read here (minifying keeps property names) to count surfaces and messages it holds. */
  readonly controller: { readonly surfaces: ReadonlySet<unknown>; readonly current: { readonly messages: readonly unknown[] } };
}


/** When each timer the extension set is due (unref'd ones too, which Node's own resource list leaves out). */
const pendingTimers = new Map<unknown, number>();
const nativeSetTimeout = globalThis.setTimeout;
const nativeClearTimeout = globalThis.clearTimeout;

function trackTimers(): void {
  const tracked = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle = nativeSetTimeout(() => {
      pendingTimers.delete(handle);
      callback(...args);
    }, ms);
    pendingTimers.set(handle, performance.now() + (ms ?? 0));
    return handle;
  };
  globalThis.setTimeout = Object.assign(tracked, { __promisify__: nativeSetTimeout.__promisify__ }) as typeof setTimeout;
  globalThis.clearTimeout = (handle) => {
    pendingTimers.delete(handle);
    nativeClearTimeout(handle);
  };
}

const tick = (ms: number) => new Promise((resolve) => nativeSetTimeout(resolve, ms));

/**
 * Waits until every timer the extension set that is due within QUIET_TIMEOUT_MS has run: what `ready` set off, and
 * work deferred a while after a chat is first shown (loading tokenizer ranks), so their memory counts.
 */
async function quiet(): Promise<void> {
  const deadline = performance.now() + QUIET_TIMEOUT_MS;
  do await tick(100);
  while ([...pendingTimers.values()].some((due) => due <= deadline) && performance.now() < deadline);
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
}

async function measureHost(storageDir: string, chatId: string): Promise<HostMemory> {
  trackTimers();
  const providers = new Map<string, ChatViewProvider>();
  const logged: string[] = [];
  const channel = makeStub('outputChannel', { warn: (m: string) => logged.push(`warn: ${m}`), error: (m: string) => logged.push(`error: ${m}`) });
  installVscodeStub({
    Uri,
    FileType,
    EventEmitter: CountingEmitter,
    workspace: makeStub('vscode.workspace', { fs: workspaceFs, workspaceFolders: undefined, textDocuments: [] }),
    window: makeStub('vscode.window', {
      registerWebviewViewProvider: (id: string, provider: ChatViewProvider) => {
        providers.set(id, provider);
        return { dispose: () => providers.delete(id) };
      },
      createOutputChannel: () => channel,
      activeTextEditor: undefined,
      visibleTextEditors: [],
      terminals: [],
    }),
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(path.join(ROOT, 'dist', 'extension.js')) as { activate(context: unknown): void };
  const storage = fileUri(storageDir);
  extension.activate(
    makeStub('context', {
      subscriptions: [],
      extensionUri: fileUri(ROOT),
      storageUri: storage,
      globalStorageUri: storage,
      workspaceState: new Memento({ 'tandem.lastChatId': chatId }),
      globalState: new Memento(),
    }),
  );
  const provider = providers.get('tandem.chatView');
  if (!provider) throw new Error('activate() registered no tandem.chatView provider');
  const sample = async (): Promise<HostSample> => {
    await quiet();
    collect();
    const codeSpaceUsed = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'code_space')?.space_used_size ?? 0;
    return { heapUsed: process.memoryUsage().heapUsed, codeSpaceUsed, listeners: emitterListenerCount() + stubListenerCount(), surfaces: provider.controller.surfaces.size };
  };
  const open = async (): Promise<FakeWebviewView> => {
    const view = new FakeWebviewView();
    provider.resolveWebviewView(view, { state: undefined }, makeStub('token'));
    view.receive({ type: 'ready' });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => (timer = nativeSetTimeout(() => reject(new Error(`no init within ${INIT_TIMEOUT_MS} ms of ready`)), INIT_TIMEOUT_MS)));
    await Promise.race([view.initialized, timeout]).finally(() => nativeClearTimeout(timer));
    return view;
  };

  const activated = await sample();
  let first: FakeWebviewView | undefined = await open();
  const restored = await sample();
  const firstPosted = first.posted;
  const restoredMessages = provider.controller.current.messages.length;
  const viewListenersLeft = [first.close()];
  first = undefined; // nothing of the bench's own may keep a closed view alive
  const closed = [await sample()];
  for (let i = 1; i < OPENINGS; i++) {
    viewListenersLeft.push((await open()).close());
    closed.push(await sample());
  }
  return { activated, restored, closed, viewListenersLeft, firstPosted, restoredMessages, logged };
}

if (require.main === module) {
  const [storageDir, chatId] = process.argv.slice(2);
  measureHost(storageDir, chatId).then(
    // Exits once sent: timers the activated extension started would keep the process alive.
    (result) => process.send?.({ result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.stack ?? error.message : String(error) }, () => process.exit(1)),
  );
}
