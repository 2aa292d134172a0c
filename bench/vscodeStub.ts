// A do-nothing `vscode` module for running host code outside VS Code: every property is a callable, constructible
// stub, so the bundle's top level and activate() run their real code paths without an editor behind them. A bench
// that needs a real answer somewhere (a file system, a registered provider) passes it as an override; a listener
// given to any `onX(listener)` stub is counted until its disposable is disposed, so a leak shows as a count.
import Module from 'node:module';

type Stub = ((...args: unknown[]) => Stub) & { [key: string | symbol]: unknown };
/** Properties a stub answers with these values instead of another stub. */
export type StubOverrides = Readonly<Record<string, unknown>>;

let liveStubListeners = 0;

/** Listeners registered through `vscode.*.onX(...)` stubs and not disposed yet. */
export function stubListenerCount(): number {
  return liveStubListeners;
}

function countedListener(): { dispose(): void } {
  liveStubListeners++;
  let disposed = false;
  return {
    dispose: () => {
      if (!disposed) liveStubListeners--;
      disposed = true;
    },
  };
}

export function makeStub(name: string, overrides: StubOverrides = {}): Stub {
  const target = function () {} as unknown as Stub;
  return new Proxy(target, {
    get(_t, key) {
      if (typeof key === 'string' && Object.hasOwn(overrides, key)) return overrides[key];
      if (key === Symbol.toPrimitive) return () => name;
      if (key === 'then') return undefined; // not a promise
      if (key === 'packageJSON') return { version: 'bench' };
      return makeStub(`${name}.${String(key)}`);
    },
    // esbuild's namespace-import helper builds `Object.create(Object.getPrototypeOf(vscode))`: reads through it
    // must still reach a stub (e.g. vscode.DiagnosticSeverity.Error at a module's top level), and the overrides.
    getPrototypeOf: () => makeStub(`${name}.prototype`, overrides),
    set: () => true, // e.g. statusBarItem.name = … (a function target's own `name` is read-only)
    apply: (_t, _this, args) => (/\.on[A-Z]\w*$/.test(name) && typeof args[0] === 'function' ? countedListener() : makeStub(`${name}()`)),
    construct: () => makeStub(`new ${name}`),
  });
}

/** Makes require('vscode') return the stub (with these overrides) from now on. */
export function installVscodeStub(overrides: StubOverrides = {}): void {
  const stub = makeStub('vscode', overrides);
  const moduleInternals = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = moduleInternals._load;
  moduleInternals._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return stub;
    return originalLoad.call(this, request, ...rest);
  };
}

/** An empty store: a stub's `get` would answer a stub where the code expects the stored value or its default. */
function emptyMemento(): unknown {
  return { get: (_key: string, fallback?: unknown) => fallback, update: async () => undefined, keys: () => [], setKeysForSync: () => undefined };
}

export const stubContext = makeStub('context', { workspaceState: emptyMemento(), globalState: emptyMemento(), subscriptions: [] });
