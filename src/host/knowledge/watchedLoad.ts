// Files read once and read again, debounced, when one of them changes on disk, when the workspace is trusted, or
// when the caller says so (a setting changed): what the instruction files and the prompt files both need.
import * as vscode from 'vscode';
import { DisposableBase } from '../disposables';
import type { Log } from '../log';

const RELOAD_DEBOUNCE_MS = 300;

export interface WatchedLoadOptions<T> {
  /** What the watcher sees; `matters` says which of its paths are ours. */
  readonly glob: string;
  readonly matters: (uri: vscode.Uri) => boolean;
  readonly read: () => Promise<T>;
  /** What to use when reading failed (it is tried again next time). */
  readonly empty: () => T;
  /** "the instruction files": named in the log when reading failed. */
  readonly what: string;
}

export class WatchedLoad<T> extends DisposableBase {
  private loaded: Promise<T> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  /** Fires once the files should be read again (the next get() reads them). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly options: WatchedLoadOptions<T>,
    private readonly log: Log,
  ) {
    super();
    const watcher = this.own(vscode.workspace.createFileSystemWatcher(options.glob));
    const onFile = (uri: vscode.Uri) => options.matters(uri) && this.reloadSoon();
    this.ownAll(watcher.onDidCreate(onFile), watcher.onDidChange(onFile), watcher.onDidDelete(onFile), vscode.workspace.onDidGrantWorkspaceTrust(() => this.reloadSoon()));
  }

  get(): Promise<T> {
    this.loaded ??= this.options.read().catch((error: unknown) => {
      this.log.warn(`Could not read ${this.options.what}: ${error instanceof Error ? error.message : String(error)}`);
      this.loaded = undefined;
      return this.options.empty();
    });
    return this.loaded;
  }

  reloadSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.loaded = undefined;
      this.changed.fire();
    }, RELOAD_DEBOUNCE_MS);
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    super.dispose();
  }
}
