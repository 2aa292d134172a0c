import type * as vscode from 'vscode';

/** Holds disposables and disposes them in reverse order, once. */
export class DisposableStore implements vscode.Disposable {
  private items: vscode.Disposable[] = [];
  private disposed = false;

  add<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.items.reverse()) {
      try {
        item.dispose();
      } catch {
        // One failing dispose must not keep the rest alive.
      }
    }
    this.items = [];
  }
}

/** The one way a Tandem object holds what it listens to and creates: `own(x)` it, and dispose() releases all. */
export abstract class DisposableBase implements vscode.Disposable {
  private readonly owned = new DisposableStore();

  protected own<T extends vscode.Disposable>(item: T): T {
    return this.owned.add(item);
  }

  protected ownAll(...items: vscode.Disposable[]): void {
    for (const item of items) this.owned.add(item);
  }

  dispose(): void {
    this.owned.dispose();
  }
}
