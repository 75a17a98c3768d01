import * as vscode from 'vscode';
import { showReadOnlyDocument } from '../util/readOnlyDocuments';

export interface GitOpsPick<T> extends vscode.QuickPickItem {
  value: T;
}

/**
 * Every question promote and rollback ask, behind one seam: the real one shows quick
 * picks, the patch and modal dialogs; extension-host tests answer them instead (modal
 * dialogs cannot be clicked from a test) and see what was asked.
 */
export interface GitOpsPrompter {
  pickOne<T>(items: GitOpsPick<T>[], options: { title: string; placeHolder?: string }): Promise<T | undefined>;
  /** Items with `picked` start selected. */
  pickMany<T>(items: GitOpsPick<T>[], options: { title: string; placeHolder?: string }): Promise<T[] | undefined>;
  /** Shows the exact patch (the dry run) before the question that follows. */
  showPatch(title: string, patch: string): Promise<void>;
  /** A modal question; true only when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  notify(kind: 'info' | 'error', message: string, ...actions: string[]): Promise<string | undefined>;
}

export const windowGitOpsPrompter: GitOpsPrompter = {
  async pickOne(items, options) {
    return (await vscode.window.showQuickPick(items, { ...options, ignoreFocusOut: true, matchOnDescription: true }))?.value;
  },
  async pickMany(items, options) {
    return (await vscode.window.showQuickPick(items, { ...options, canPickMany: true, ignoreFocusOut: true, matchOnDescription: true }))?.map((i) => i.value);
  },
  async showPatch(title, patch) {
    await showReadOnlyDocument(`${title}.diff`, patch, 'diff', { viewColumn: vscode.ViewColumn.Active });
  },
  async confirm(message, detail, action) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  },
  async notify(kind, message, ...actions) {
    return kind === 'error' ? vscode.window.showErrorMessage(message, ...actions) : vscode.window.showInformationMessage(message, ...actions);
  },
};
