import * as vscode from 'vscode';

/**
 * Every question IssueOps asks a person, behind one interface: the real one is
 * VS Code's quick inputs and notifications; the extension-host tests script
 * the answers (only in ExtensionMode.Test) to drive the real command flow.
 */
export interface TicketPrompts {
  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Thenable<T[] | undefined>;
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** A textarea answer: one line in an input box, or an editor tab for long text. */
  longText(label: string, value: string, required: boolean, description?: string): Thenable<string | undefined>;
  /** A notification; resolves with the chosen action. Callers never block a command on it unless they need the answer. */
  notify(severity: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Thenable<string | undefined>;
}

const EDIT_IN_EDITOR: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Edit in an editor tab (for long text)' };

export const windowPrompts: TicketPrompts = {
  pick: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: false }),
  pickMany: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: true }),
  input: (options) => vscode.window.showInputBox(options),
  longText: (label, value, required, description) => (value.includes('\n') ? editLongText(label, value) : textareaInput(label, value, required, description)),
  notify: (severity, message, ...actions) =>
    severity === 'error' ? vscode.window.showErrorMessage(message, ...actions) : severity === 'warning' ? vscode.window.showWarningMessage(message, ...actions) : vscode.window.showInformationMessage(message, ...actions),
};

/** A one-line input with a button to switch to an editor tab for long answers. */
function textareaInput(label: string, value: string, required: boolean, description?: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = `${label}${required ? ' (required)' : ''}`;
    box.prompt = `${description ? `${description} — ` : ''}for several lines use the editor button`;
    box.value = value;
    box.ignoreFocusOut = true;
    box.buttons = [EDIT_IN_EDITOR];
    let done = false;
    const finish = (v: string | undefined) => {
      if (done) return;
      done = true;
      box.dispose();
      resolve(v);
    };
    box.onDidChangeValue((v) => (box.validationMessage = required && !v.trim() ? `"${label}" is required` : undefined));
    box.onDidAccept(() => !(required && !box.value.trim()) && finish(box.value));
    box.onDidTriggerButton(() => {
      const v = box.value;
      done = true;
      box.dispose();
      void editLongText(label, v).then(resolve);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

/** Opens the text in an untitled Markdown tab and takes it back when the person clicks Done. */
async function editLongText(label: string, value: string): Promise<string | undefined> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: value });
  await vscode.window.showTextDocument(doc, { preview: false });
  const choice = await vscode.window.showInformationMessage(`Write "${label}" in the editor tab, then click Done.`, 'Done', 'Cancel');
  const text = doc.getText();
  if (vscode.window.activeTextEditor?.document === doc) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
  return choice === 'Done' ? text : undefined;
}
