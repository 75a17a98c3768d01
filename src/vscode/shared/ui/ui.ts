import type * as vscode from 'vscode';

export type Severity = 'info' | 'warning' | 'error';

export interface PickOptions {
  title?: string;
  placeHolder?: string;
}

export interface InputOptions {
  title: string;
  prompt?: string;
  value?: string;
  valueSelection?: [number, number];
  placeHolder?: string;
  /** Masked: secrets are never displayed. */
  password?: boolean;
  validate?(value: string): string | undefined;
}

/**
 * Every question YouOps asks a person and every message it shows them, behind one seam:
 * the window implementation (windowUi) in use, a recording double in extension-host tests
 * (swapped through the test handles, which exist only in ExtensionMode.Test), since a test
 * cannot click a quick pick, a modal dialog or a notification.
 */
export interface Questions {
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined>;
  /** Items with `picked` start selected. */
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T[] | undefined>;
  input(options: InputOptions): Promise<string | undefined>;
  /** A textarea answer: one line in an input box, or an editor tab for long text. */
  longText(label: string, value: string, required: boolean, description?: string): Promise<string | undefined>;
  /** A modal question; resolves with the chosen action, undefined when dismissed. */
  confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined>;
  /** A notification; resolves with the chosen action. Callers never block a command on it unless they need the answer. */
  notify(severity: Severity, message: string, ...actions: string[]): Promise<string | undefined>;
  /** Shows an exact patch (a dry run) before the question that follows. */
  showPatch(title: string, patch: string): Promise<void>;
  /** Long work with progress; `cancellable` gives the person a Cancel button, which the task sees through the token. */
  progress<T>(options: ProgressOptions, task: (progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken) => Thenable<T>): Promise<T>;
}

export interface ProgressOptions {
  title: string;
  location?: vscode.ProgressLocation | { viewId: string };
  cancellable?: boolean;
}
