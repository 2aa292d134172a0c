import * as vscode from 'vscode';

/**
 * Tandem's log output channel (Output → Tandem, levels set from its gear menu). Every line is passed through
 * `redact` first, so a key that slipped into an error message never reaches the log.
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Tandem', { log: true });

  constructor(private readonly redact: (text: string) => string) {}

  trace(message: string): void {
    this.channel.trace(this.redact(message));
  }
  info(message: string): void {
    this.channel.info(this.redact(message));
  }
  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }
  error(message: string): void {
    this.channel.error(this.redact(message));
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}
