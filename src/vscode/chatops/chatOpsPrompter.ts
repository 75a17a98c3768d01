import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

/**
 * Every question and notification of the ChatOps flows, behind one seam: the real one shows
 * VS Code's quick picks, input boxes, modal dialogs and notifications; extension-host tests
 * script the answers and check what was asked and shown (a test cannot click those otherwise).
 */
export interface ChatOpsPrompter {
  pick<T>(items: PickItem<T>[], options: { title: string; placeHolder?: string }): Promise<T | undefined>;
  input(options: { title: string; prompt?: string; value?: string; password?: boolean; placeHolder?: string; validate?: (value: string) => string | undefined }): Promise<string | undefined>;
  /** A modal question; true only when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** A notification; resolves with the chosen action. Flows never block on it. */
  notify(severity: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Promise<string | undefined>;
}

export const vscodePrompter: ChatOpsPrompter = {
  async pick(items, options) {
    const chosen = await vscode.window.showQuickPick(items, { title: options.title, placeHolder: options.placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
    return chosen?.value;
  },
  input(options) {
    return Promise.resolve(
      vscode.window.showInputBox({
        title: options.title,
        prompt: options.prompt,
        value: options.value,
        password: options.password,
        placeHolder: options.placeHolder,
        ignoreFocusOut: true,
        validateInput: options.validate,
      }),
    );
  },
  async confirm(message, detail, action) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  },
  async notify(severity, message, ...actions) {
    if (severity === 'error') return vscode.window.showErrorMessage(message, ...actions);
    if (severity === 'warning') return vscode.window.showWarningMessage(message, ...actions);
    return vscode.window.showInformationMessage(message, ...actions);
  },
};
