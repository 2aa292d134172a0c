// A do-nothing `vscode` module for timing activate() outside VS Code: every property is a callable, constructible
// stub, so the bundle's top level and activate() run their real code paths without an editor behind them.
import Module from 'node:module';

type Stub = ((...args: unknown[]) => Stub) & { [key: string | symbol]: unknown };

function makeStub(name: string): Stub {
  const target = function () {} as unknown as Stub;
  return new Proxy(target, {
    get(_t, key) {
      if (key === Symbol.toPrimitive) return () => name;
      if (key === 'then') return undefined; // not a promise
      if (key === 'packageJSON') return { version: 'bench' };
      return makeStub(`${name}.${String(key)}`);
    },
    // esbuild's namespace-import helper builds `Object.create(Object.getPrototypeOf(vscode))`: reads through it
    // must still reach a stub (e.g. vscode.DiagnosticSeverity.Error at a module's top level).
    getPrototypeOf: () => makeStub(`${name}.prototype`),
    set: () => true, // e.g. statusBarItem.name = … (a function target's own `name` is read-only)
    apply: () => makeStub(`${name}()`),
    construct: () => makeStub(`new ${name}`),
  });
}

/** Makes require('vscode') return the stub from now on. */
export function installVscodeStub(): void {
  const stub = makeStub('vscode');
  const moduleInternals = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = moduleInternals._load;
  moduleInternals._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return stub;
    return originalLoad.call(this, request, ...rest);
  };
}

export const stubContext = makeStub('context');
