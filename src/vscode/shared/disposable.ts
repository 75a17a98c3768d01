import type * as vscode from 'vscode';

/**
 * Owns what it registers: listeners, emitters, providers and child services are disposed
 * with it, in reverse order. Anything registered after disposal is disposed at once.
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this.disposed) value.dispose();
    else this.owned.push(value);
    return value;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.owned.length) this.owned.pop()!.dispose();
  }
}

/** A disposable from a clean-up function (timers, maps). */
export function toDisposable(dispose: () => void): vscode.Disposable {
  return { dispose };
}
